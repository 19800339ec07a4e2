#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# vm-run.sh: boot a built kernel with the toolchain root as "/" (9p, read-only)
# and run a script inside; return its exit status and output.
#
# Usage: scripts/vm-run.sh SCRIPT [DIR]
#
#   SCRIPT     host-side shell script, run by bash in the guest from /tmp
#   DIR        host directory shown in the guest at /host (read-write)
#   CONFIG=    normal|debug: which build to boot (default normal)
#   EDITION=   which edition (default 6.19.11; see config/editions/)
#   KERNEL=    a bzImage to boot instead
#   TIMEOUT=   seconds before the run is killed (default 1800)
#   SMP= MEM=  guest CPUs (default 2) and memory (default 4G)
#   RUN_DIR=   where the logs go (default: a new directory in $LLS_CACHE/runs)
#   V=1        show the whole console, not only the script's output
#
# The run directory gets output.log (the script), console.log (the serial
# console), dmesg.log, kmemleak.log (debug kernels) and status.  The exit
# status is the script's, or 124 on timeout, 125 when the guest died before
# the script ended, 126 when the script passed but the kernel log has a
# panic, oops, BUG, WARNING, KASAN, lockdep, RCU stall, hung task or
# kmemleak report.  Uses KVM only where the CPU has vmx or svm and /dev/kvm
# is usable; TCG otherwise.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

[ $# -ge 1 ] || die "usage: vm-run.sh SCRIPT [DIR] (see --help)"
script=$(realpath "$1")
host_dir=${2:-}
config=${CONFIG:-normal}
kernel=${KERNEL:-$BUILD_DIR/$config/arch/x86/boot/bzImage}
timeout=${TIMEOUT:-1800}
[ -f "$script" ] || die "no script $script"
[ -f "$kernel" ] || die "no kernel $kernel: run make kernel (CONFIG=$config)"
[ -x "$ROOT_DIR/bin/bash" ] || die "no root at $ROOT_DIR: run make root"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 missing: run scripts/host-deps.sh"

run_dir=${RUN_DIR:-$LLS_CACHE/runs/$(date +%Y%m%d-%H%M%S)-$$}
mkdir -p "$run_dir"
rm -f "$run_dir"/{status,output.log,console.log,dmesg.log,kmemleak.log}
cp "$script" "$run_dir/script"
install -m 755 "$LLS_TOP/guest/init.sh" "$ROOT_DIR/sbin/lls-init"
mkdir -p "$ROOT_DIR/lls" "$ROOT_DIR/host"
: >"$run_dir/console.log"

if grep -qE '^flags.* (vmx|svm)( |$)' /proc/cpuinfo && [ -w /dev/kvm ]; then
	accel=(-accel kvm -cpu host)
else
	accel=(-accel tcg -cpu max)
fi
fs=(-virtfs "local,path=$ROOT_DIR,mount_tag=rootfs,security_model=passthrough,readonly=on"
    -virtfs "local,path=$run_dir,mount_tag=lls,security_model=none")
if [ -n "$host_dir" ]; then
	[ -d "$host_dir" ] || die "DIR=$host_dir is not a directory"
	fs+=(-virtfs "local,path=$(realpath "$host_dir"),mount_tag=host,security_model=none")
fi
# tsc=reliable clocksource=tsc: without ACPI there is no HPET and the guest
# would fall back to jiffies (4 ms steps); these give microsecond timing.
# Under TCG the guest's TSC counts at the host's rate, which some guests fail
# to calibrate against the emulated PIT ("Marking TSC unstable"): give them
# the host's rate when the host has a constant TSC.
tsc_khz=
if [ "${accel[1]}" = tcg ] && grep -qE '^flags.* constant_tsc( |$)' /proc/cpuinfo; then
	tsc_khz=$(awk -F: '/^cpu MHz/ { printf "tsc_early_khz=%d", $2 * 1000 + 0.5; exit }' /proc/cpuinfo)
fi
append="console=ttyS0 loglevel=4 root=rootfs rootfstype=9p ro
	rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose
	init=/sbin/lls-init panic=-1 tsc=reliable clocksource=tsc $tsc_khz
	hung_task_timeout_secs=120 lls.cpus=${SMP:-2} ${APPEND:-}"

info "booting $kernel (${accel[1]}, logs in $run_dir)"
set +e
timeout -k 10 "$timeout" qemu-system-x86_64 "${accel[@]}" -smp "${SMP:-2}" -m "${MEM:-4G}" \
	-nographic -no-reboot -kernel "$kernel" "${fs[@]}" \
	-append "$(echo $append)" </dev/null >"$run_dir/console.log" 2>&1 &
qemu=$!
set -e
# Stream the console while the guest runs.
if [ "${V:-0}" = 1 ]; then
	tail -n +1 -f --pid=$qemu "$run_dir/console.log"
else
	# From the guest's first line on, without kernel messages.
	tail -n +1 -f --pid=$qemu "$run_dir/console.log" |
		awk '/lls-init:/ { on = 1 } on && !/^\[ *[0-9]+\.[0-9]+\]/ { print; fflush() }'
fi
wait $qemu && qrc=0 || qrc=$?

if [ $qrc = 124 ] || [ $qrc = 137 ]; then
	info "timeout after $timeout s (console: $run_dir/console.log)"
	exit 124
fi
if [ ! -f "$run_dir/status" ]; then
	grep -E -m 5 'Kernel panic|BUG:|Oops' "$run_dir/console.log" >&2 || true # the reason may not be logged
	info "the guest died before the script ended (console: $run_dir/console.log)"
	exit 125
fi
rc=$(cat "$run_dir/status")

splat='Kernel panic|BUG:|Oops|WARNING:|general protection fault|KASAN|KFENCE|UBSAN|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|rcu: INFO|detected stall|blocked for more than|soft lockup|hard LOCKUP|ODEBUG|Call Trace:'
if grep -E -m 1 -q "$splat" "$run_dir/console.log" "$run_dir/dmesg.log" ||
   [ -s "$run_dir/kmemleak.log" ]; then
	echo "---- kernel reports (from $run_dir) ----" >&2
	grep -E -h -A 20 -m 3 "$splat" "$run_dir/dmesg.log" "$run_dir/console.log" | head -n 60 >&2 || true # may match only one file
	head -n 40 "$run_dir/kmemleak.log" 2>/dev/null >&2 || true # absent without kmemleak
	info "the kernel log has a report: failing the run (script exit status $rc)"
	exit 126
fi
exit "$rc"

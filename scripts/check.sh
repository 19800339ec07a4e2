#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# check.sh: everything the tests need, then all tests ("make check").
#
# Usage: scripts/check.sh [EDITION...]
#
#   EDITION   the editions to check, one after the other (default: EDITION=
#             from the environment, else every edition: 6.19.11 7.3.4)
#   CONFIG=   normal (default) or debug (KASAN, lockdep, kmemleak, ...)
#
# Steps for an edition: host packages, toolchain root, base, check tree
# (base + patches/$EDITION), kernel, tests, the VM boots running guest/check.sh
# (and the probe boots), checkpatch and kernel-doc on every patch, a W=1
# build of the kernel files it changes.  Prints a table per suite and a
# line "N passed, N failed" counting test cases, per edition, then one line
# per edition.  Exits non-zero on any failure, and when the guest's kernel
# log has a report (oops, WARNING, KASAN, lockdep, kmemleak, ...).
set -euo pipefail
editions=${*:-${EDITION:-}}
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

# Several editions: this script once per edition, then the summary.
[ -n "$editions" ] || editions=$EDITIONS
if [ "$editions" != "$EDITION" ] || [ $# -gt 1 ]; then
	t0=$(date +%s)
	rc=0
	summary=
	for e in $editions; do
		log=$LLS_CACHE/runs/check-$e-${CONFIG:-normal}.log
		mkdir -p "${log%/*}"
		e_rc=0
		EDITION=$e "$0" 2>&1 | tee "$log" || e_rc=$?
		[ "$e_rc" = 0 ] || rc=1
		summary+="edition $e: $(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || echo "no result")"
		summary+=" (exit status $e_rc)"$'\n'
	done
	echo
	echo "==== make check: $(($(date +%s) - t0)) s for the editions $editions ===="
	printf '%s' "$summary"
	exit $rc
fi

config=${CONFIG:-normal}
export CONFIG=$config
s=$LLS_TOP/scripts
t0=$(date +%s)
step() {
	local name=$1 t rc=0
	shift
	t=$(date +%s)
	"$@" || rc=$?
	info "$name: $(($(date +%s) - t)) s"
	return $rc
}

step "host packages" "$s/host-deps.sh"
step "toolchain root" "$s/mkroot.sh"
step "check tree" "$s/worktree.sh" --sync "$CHECK_TREE"
step "kernel ($config)" "$s/build-kernel.sh" "$CHECK_TREE"
step "tests" "$s/build-tests.sh" "$CHECK_TREE"

run_dir=$LLS_CACHE/runs/check-$EDITION-$config
rm -rf "$run_dir"
mkdir -p "$run_dir"
# A debug kernel (KASAN, lockdep, kmemleak) under TCG is several times
# slower: more time for the whole run and for each test binary.  On the
# normal kernel, upstream's fs_bench (7.3.4) alone takes 11 to 15 minutes
# under TCG with 2 vCPUs, close to the 15 minutes that guest/check.sh gives
# a binary by default: give it 30, and the boot an hour.
if [ "$config" = debug ]; then
	export TIMEOUT=${TIMEOUT:-5400} APPEND="lls_ksft_timeout=3600 ${APPEND:-}"
else
	export TIMEOUT=${TIMEOUT:-3600} APPEND="lls_ksft_timeout=1800 ${APPEND:-}"
fi

# Boots the kernel to run guest/$1 with extra command line $2; the run is
# a test case of its own: a timeout, a dead guest or a kernel report in the
# log fails it even when every test passed.
vm_rc=0
vm_cases=
vm_boot() {
	local name=$1 rc=0 dir=$run_dir/$1 case
	mkdir -p "$dir"
	step "VM run ($name)" env RUN_DIR="$dir" APPEND="${APPEND:-} $2" \
		"$s/vm-run.sh" "$LLS_TOP/guest/$name.sh" "$TESTS_DIR/$config" || rc=$?
	case $rc in
	0|1) case="ok %d guest $name: ran to the end, kernel log clean" ;;
	124) case="not ok %d guest $name: the VM run timed out" ;;
	125) case="not ok %d guest $name: died before the tests ended (see console.log)" ;;
	126) case="not ok %d guest $name: kernel log has a report (see dmesg.log, kmemleak.log)" ;;
	*) case="not ok %d guest $name: test script exited with status $rc" ;;
	esac
	cat "$dir/output.log" >>"$run_dir/output.log" 2>/dev/null || true # missing when the guest died
	vm_cases+="$case"$'\n'
	[ $rc = 0 ] || vm_rc=$rc
}
: >"$run_dir/output.log"
vm_boot check ""
# Landlock built but not enabled at boot, for the BPF part of the series.
if [ -x "$TESTS_DIR/$config/bpf/test_progs" ]; then
	vm_boot landlock-off "lsm=bpf"
fi
# The BPF LSM built but not enabled, for landlock-supervisor's probe.
if [ -x "$TESTS_DIR/$config/supervisor/landlock-supervisor" ]; then
	vm_boot bpf-lsm-off "lsm=landlock"
fi

cp_rc=0
"$s/checkpatch.sh" "$CHECK_TREE" >"$run_dir/checkpatch.log" || cp_rc=$?
step "W=1 build" "$s/build-w1.sh" "$CHECK_TREE" >>"$run_dir/checkpatch.log" || cp_rc=$?

{
	cat "$run_dir/output.log"
	echo "# selftests: vm: run"
	printf '%s' "$vm_cases" | awk '{ sub(/%d/, NR); print "# " $0 }'
	cat "$run_dir/checkpatch.log"
} >"$run_dir/all.log"

echo
echo "==== make check, edition $EDITION ($config kernel, $(($(date +%s) - t0)) s; logs in $run_dir) ===="
rep_rc=0
"$s/report.sh" "$run_dir/all.log" || rep_rc=$?
[ $vm_rc = 0 ] && [ $cp_rc = 0 ] && [ $rep_rc = 0 ]

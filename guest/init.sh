#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# init.sh: PID 1 of the test guest (installed as /sbin/lls-init in the root).
#
# Mounts the pseudo file systems, the run directory (9p tag "lls", at /lls)
# and, when given, the host directory (9p tag "host", at /host), runs
# /lls/script with its output teed to /lls/output.log, saves its exit status
# to /lls/status, then the kernel log (and a kmemleak scan when the kernel
# has kmemleak) to /lls, and reboots, which ends QEMU (-no-reboot).
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LANG=C.UTF-8

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null # already there with DEVTMPFS_MOUNT
mkdir -p /dev/pts /dev/shm
# devtmpfs has no /dev/fd or /dev/std*; the kselftest runner writes to /dev/stdout.
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t bpf bpffs /sys/fs/bpf 2>/dev/null
mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null
opts=trans=virtio,version=9p2000.L,msize=512000,cache=none
# /lls and /host exist in the root: vm-run.sh makes them (the root is read-only here).
mount -t 9p -o "$opts" lls /lls || { echo "lls-init: cannot mount the run directory"; busybox reboot -f; }
mount -t 9p -o "$opts" host /host 2>/dev/null
ip link set lo up 2>/dev/null
hostname lls-guest

cd /tmp || exit 1
# The CPUs QEMU was given (vm-run.sh): a guest that brings up fewer would run
# every concurrency test on one CPU, and pass without testing much.
want=$(sed -n 's/.*lls\.cpus=\([0-9]*\).*/\1/p' /proc/cmdline)
have=$(nproc)
echo "lls-init: running the script (kernel $(uname -r), $have CPUs)"
if [ -n "$want" ] && [ "$have" -lt "$want" ]; then
	echo "lls-init: the guest brought up $have of its $want CPUs (CONFIG_ACPI?)" |
		tee /lls/output.log
	rc=1
else
	bash /lls/script 2>&1 | tee /lls/output.log
	rc=${PIPESTATUS[0]}
fi
echo "$rc" >/lls/status

if [ -w /sys/kernel/debug/kmemleak ]; then
	# Two scans: an object is reported only once it looked leaked twice.
	echo scan >/sys/kernel/debug/kmemleak
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak >/lls/kmemleak.log
fi
dmesg >/lls/dmesg.log
sync
echo "lls-init: script exit status $rc"
busybox reboot -f

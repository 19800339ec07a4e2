#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# landlock-off.sh: run in the guest by "make check" in a second boot, with
# Landlock built but left out of the LSM list (lsm=bpf), and by "make
# variants" in the kernel built without Landlock: what the BPF part of the
# series does then (test_progs -a landlock_kfuncs/landlock_disabled), and
# what landlock-supervisor says.
#
# /host is the test install directory made by scripts/build-tests.sh.
set -u
echo "lls-suite: bpf-landlock-off"
rc=0
lsms=$(cat /sys/kernel/security/lsm)
echo "active LSMs: $lsms"
case ",$lsms," in
*,landlock,*)
	# The subtest would only skip: that is a failure of this boot.
	echo "not ok: Landlock is active, the kernel command line was not applied"
	exit 1
	;;
esac
# landlock-supervisor says what is missing.
if [ -x /host/supervisor/probe-test.sh ]; then
	/host/supervisor/probe-test.sh missing_landlock_reported \
		"Landlock is disabled\|this kernel has no Landlock" || rc=1
fi
cp -a /host/bpf /tmp/bpf
cd /tmp/bpf || exit 1
set -o pipefail
./test_progs -a landlock_kfuncs/landlock_disabled | tee /tmp/test_progs.log || rc=1
# A filter that matches nothing passes: make sure the subtest ran and passed.
grep -q '/landlock_disabled:OK$' /tmp/test_progs.log || rc=1
echo "lls-suite-end: bpf-landlock-off"
exit $rc

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bpf-lsm-off.sh: run in the guest by "make check" in a third boot, with the
# BPF LSM built but left out of the LSM list (lsm=landlock):
# landlock-supervisor must say that the BPF LSM is missing, and attach
# nothing.
#
# /host is the test install directory made by scripts/build-tests.sh.
set -u
echo "lls-suite: supervisor-bpf-lsm-off"
echo "active LSMs: $(cat /sys/kernel/security/lsm)"
echo "# selftests: supervisor: bpf-lsm-off"
printf 'target /bin/true\n' >/tmp/policy
out=$(/host/supervisor/landlock-supervisor /tmp/policy 2>&1)
rc=$?
echo "lls-suite-end: supervisor-bpf-lsm-off"
if [ $rc = 1 ] && grep -q "the BPF LSM is not active" <<<"$out"; then
	echo "# ok 1 missing_bpf_lsm_reported"
	exit 0
fi
echo "# not ok 1 missing_bpf_lsm_reported"
echo "# # status $rc: $out"
exit 1

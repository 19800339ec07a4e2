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
rc=0
/host/supervisor/probe-test.sh missing_bpf_lsm_reported \
	"the BPF LSM is not active" || rc=1
echo "lls-suite-end: supervisor-bpf-lsm-off"
exit $rc

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# check.sh: the test suites, run in the guest by "make check".
#
# /host is the test install directory made by scripts/build-tests.sh, with
# kselftest/ and, when the series has them, bpf/ (test_progs) and
# supervisor/ (landlock-supervisor and its tests).  The tests
# run from a tmpfs copy: 9p refuses UNIX sockets, which some Landlock tests
# use.  Output is TAP (kselftest) and test_progs' own format; the host
# counts the cases with scripts/report.sh.  Exit status: non-zero if any
# suite failed.
set -u
rc=0
# Audit records would flood the serial console during the audit tests.
dmesg -n 4

# The Landlock kselftests ("make bpf-selftests RUN=1" has only test_progs).
if [ -d /host/kselftest ]; then
	echo "lls-suite: landlock"
	cp -a /host/kselftest /tmp/kselftest
	cd /tmp/kselftest || exit 1
	# The default 45 s per binary is too short under TCG; lls_ksft_timeout
	# comes from the kernel command line (scripts/check.sh sets it for the
	# debug kernel).
	./run_kselftest.sh --override-timeout "${lls_ksft_timeout:-900}" || rc=1
	cd /tmp || exit 1
	echo "lls-suite-end: landlock"
fi

# The series' BPF selftests, when the series has them.
if [ -x /host/bpf/test_progs ]; then
	echo "lls-suite: bpf"
	cp -a /host/bpf /tmp/bpf
	cd /tmp/bpf || exit 1
	./test_progs -t landlock || rc=1
	cd /tmp || exit 1
	echo "lls-suite-end: bpf"
fi

# landlock-supervisor (supervisor/), when the series has the BPF part.
if [ -x /host/supervisor/landlock-supervisor ]; then
	echo "lls-suite: supervisor"
	bash /host/supervisor/test.sh || rc=1
	echo "lls-suite-end: supervisor"
fi

exit $rc

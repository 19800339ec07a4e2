#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# probe-test.sh: one test case, run in the guest by guest/landlock-off.sh
# and guest/bpf-lsm-off.sh: on a kernel that lacks what it needs,
# landlock-supervisor exits with status 1 and says what is missing.
#
# Usage: probe-test.sh NAME REGEX
#   NAME    the case's name in the TAP output
#   REGEX   what the error message must match (grep)
# Exit status: 1 if the case failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
echo "# selftests: supervisor: $1"
printf 'target /bin/true\n' >/tmp/probe.policy
out=$("$here/landlock-supervisor" /tmp/probe.policy 2>&1)
rc=$?
if [ $rc = 1 ] && grep -q "$2" <<<"$out"; then
	echo "# ok 1 $1"
	exit 0
fi
echo "# not ok 1 $1"
echo "# # status $rc: $out"
exit 1

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run.sh: the benchmarks, run in the guest by "make bench" (/host is the
# test install directory).  Each line of the output is one measurement.
set -eu
dmesg -n 4
cd /tmp
echo "== TSYNC against the user-space signal broadcast, 1,000 idle threads"
/host/bench/tsync_bench 1000 11
echo "== same, 10,000 idle threads"
/host/bench/tsync_bench 10000 3
if [ -x /host/kselftest/landlock/tsync_test ]; then
	cp -a /host/kselftest/landlock /tmp/landlock
	cd /tmp/landlock
	for n in 1000 10000; do
		start=$(date +%s%N)
		./tsync_test -r "tsync_many.threads_$n.all_restricted" >/tmp/out 2>&1 ||
			{ cat /tmp/out; exit 1; }
		end=$(date +%s%N)
		echo "tsync_test tsync_many.threads_$n.all_restricted: $(((end - start) / 1000000)) ms (thread creation included)"
	done
fi

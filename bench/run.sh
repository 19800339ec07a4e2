#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run.sh: the benchmarks, run in the guest by "make bench" (/host is the
# test install directory).  Each line of the output is one measurement.
set -eu
dmesg -n 4
cd /tmp
# Idle threads in FUTEX_WAIT, sharing the caller's credentials (the usual
# case: one wake-up each, the call does not wait for them), then with their
# own credentials (each prepares new ones, and the call waits for that).
# Then idle threads in epoll_wait(2), which return to user space once
# switched: the time until every thread switched.
for creds in shared private; do
	for n in 1 100 1000; do
		echo "== TSYNC against the user-space signal broadcast, $n threads, $creds credentials"
		/host/bench/tsync_bench "$n" 11 "$creds"
	done
	echo "== same, 10000 threads, $creds credentials"
	/host/bench/tsync_bench 10000 3 "$creds"
done
for creds in shared private; do
	echo "== until every thread switched, 1000 threads in epoll_wait, $creds credentials"
	/host/bench/tsync_bench 1000 11 "$creds" epoll
done
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

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

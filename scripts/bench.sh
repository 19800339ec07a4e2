#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# bench.sh: build the kernel and the benchmarks, run bench/run.sh in one
# guest boot ("make bench").
#
# Usage: scripts/bench.sh
#
#   CONFIG=   normal (default) or debug (timings of a debug kernel mean
#             little)
#
# Output: the benchmarks' lines; the log stays in $LLS_CACHE/runs/bench-*.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

export CONFIG=${CONFIG:-normal}
s=$LLS_TOP/scripts
prepare_kernel
SUITES="landlock bench" "$s/build-tests.sh" "$CHECK_TREE"
RUN_DIR=$LLS_CACHE/runs/bench-$CONFIG TIMEOUT=1800 \
	"$s/vm-run.sh" "$LLS_TOP/bench/run.sh" "$LLS_CACHE/tests/$CONFIG"

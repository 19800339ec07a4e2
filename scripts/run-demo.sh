#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# run-demo.sh: build the patched kernel and boot it to the demo ("make run").
#
# Usage: scripts/run-demo.sh
#
#   CONFIG=   normal (default) or debug
#   EDITION=  which edition (default 6.19.11; see config/editions/)
#
# Same preparation as make check (root, check tree, kernel), builds
# landlock-supervisor (supervisor/) and landlock-demo (demo/), then boots
# guest/demo.sh and prints its output.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

export CONFIG=${CONFIG:-normal}
s=$LLS_TOP/scripts
prepare_kernel
SUITES="supervisor demo" "$s/build-tests.sh" "$CHECK_TREE"
RUN_DIR=$LLS_CACHE/runs/demo-$EDITION-$CONFIG TIMEOUT=300 \
	"$s/vm-run.sh" "$LLS_TOP/guest/demo.sh" "$TESTS_DIR/$CONFIG"

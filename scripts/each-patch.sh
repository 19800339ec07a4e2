#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# each-patch.sh: build the kernel and the Landlock selftests at every patch
# of the series, in order ("make each-patch").
#
# Usage: scripts/each-patch.sh
#
#   CONFIG=   normal (default) or debug
#   RUN=1     also run guest/check.sh in a VM at every patch (slow)
#
# Uses the check tree and its build directory: each step is an incremental
# build.  The check tree is brought back to base + patches/ at the end.
# Exits 1 at the first patch that does not build (or pass, with RUN=1).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

export CONFIG=${CONFIG:-normal}
s=$LLS_TOP/scripts
prepare_kernel
mapfile -t commits < <(git -C "$CHECK_TREE" rev-list --reverse "$BASE_TAG..series")
trap 'git -C "$CHECK_TREE" checkout -q series' EXIT
n=0
for c in "${commits[@]}"; do
	n=$((n + 1))
	subject=$(git -C "$CHECK_TREE" log -1 --format=%s "$c")
	info "patch $n/${#commits[@]}: $subject"
	git -C "$CHECK_TREE" checkout -q --detach "$c"
	"$s/build-kernel.sh" "$CHECK_TREE" || die "patch $n does not build: $subject"
	"$s/build-tests.sh" "$CHECK_TREE" || die "patch $n: the selftests do not build: $subject"
	if [ "${RUN:-0}" = 1 ]; then
		RUN_DIR=$LLS_CACHE/runs/each-$n "$s/vm-run.sh" "$LLS_TOP/guest/check.sh" \
			"$LLS_CACHE/tests/$CONFIG" >/dev/null ||
			die "patch $n: tests fail (see $LLS_CACHE/runs/each-$n): $subject"
	fi
	echo "ok $n $subject"
done

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# build-w1.sh: compile the kernel directories the series touches with W=1,
# and report the warnings in the files it changes, as TAP.
#
# Usage: scripts/build-w1.sh [TREE]
#
#   TREE      kernel tree (default: the check tree)
#   EDITION=  which edition (default 6.19.11; see config/editions/)
#
# Uses its own build directory ($LLS_CACHE/$EDITION/build/w1, configured like the
# normal build) so that the normal build's objects keep their flags.
# Exits 1 if a changed file has a W=1 warning.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

tree=$(realpath "${1:-$CHECK_TREE}")
out=$BUILD_DIR/w1
[ -f "$BUILD_DIR/normal/.config" ] || die "build the normal kernel first"
mkdir -p "$out"
jobs=$(($(nproc) + 1))
if ! cmp -s "$BUILD_DIR/normal/.config" "$out/.config.normal"; then
	cp "$BUILD_DIR/normal/.config" "$out/.config"
	cp "$BUILD_DIR/normal/.config" "$out/.config.normal"
	in_root make -C "$tree" O="$out" -j"$jobs" -s olddefconfig prepare >"$out/prepare.log" 2>&1 ||
		{ tail -n 20 "$out/prepare.log" >&2; die "W=1 build directory: prepare failed"; }
fi

mapfile -t files < <(git -C "$tree" diff --name-only "$BASE_TAG" -- '*.c' '*.h' |
		     grep -v -E '^(tools|samples|Documentation|scripts)/' || true) # none is fine
dirs=$(for f in "${files[@]}"; do
	case "$f" in *.c) dirname "$f" ;; esac
done | sort -u | sed 's|$|/|')
echo "# selftests: build: W=1"
if [ -z "$dirs" ]; then
	echo "# ok 1 no kernel source changed"
	exit 0
fi
# shellcheck disable=SC2086 # one word per directory
in_root make -C "$tree" O="$out" -j"$jobs" W=1 $dirs >"$out/w1.log" 2>&1 ||
	{ tail -n 30 "$out/w1.log" | sed 's/^/#   /'; echo "# not ok 1 W=1 build of $dirs"; exit 1; }
warnings=$(for f in "${files[@]}"; do grep -F "$f:" "$out/w1.log" | grep -E 'warning:|error:' || true; done) # none is the goal
if [ -n "$warnings" ]; then
	echo "$warnings" | sed 's/^/#   /'
	echo "# not ok 1 W=1 warnings in files the series changes ($(echo $dirs))"
	exit 1
fi
echo "# ok 1 W=1 clean: $(echo $dirs)"

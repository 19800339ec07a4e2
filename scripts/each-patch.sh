#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# each-patch.sh: build the kernel and the Landlock selftests at every patch
# of the series, in order ("make each-patch").
#
# Usage: scripts/each-patch.sh
#
#   CONFIG=   normal (default) or debug
#   RUN=1     also run guest/check.sh in a VM at every patch (slow)
#   EDITION=  which edition (default 6.19.11; see config/editions/)
#   FROM=N    start at patch N (default 1), e.g. after a run that checked the
#             patches before N, unchanged since: the first step is then a
#             whole kernel build of patch N
#
# Uses its own tree ($LLS_CACHE/$EDITION/each/linux), build directory
# ($LLS_CACHE/$EDITION/build/each-$CONFIG) and test directory, so that it may run
# while make check does: the first build is a whole kernel build, then each
# step is an incremental one.  Exits 1 at the first patch that does not
# build (or pass, with RUN=1).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

export CONFIG=${CONFIG:-normal}
s=$LLS_TOP/scripts
tree=$EDITION_CACHE/each/linux
out=$BUILD_DIR/each-$CONFIG
dest=$TESTS_DIR/each-$CONFIG
"$s/host-deps.sh"
"$s/mkroot.sh"
"$s/worktree.sh" --sync "$tree"
mapfile -t commits < <(git -C "$tree" rev-list --reverse "$BASE_TAG..series")
# Back to the whole series at the end, as worktree.sh --sync expects it.
trap 'git -C "$tree" checkout -q series' EXIT
from=${FROM:-1}
[[ $from =~ ^[1-9][0-9]*$ ]] && [ "$from" -le "${#commits[@]}" ] ||
	die "FROM=$from: use a patch number from 1 to ${#commits[@]}"
n=0
for c in "${commits[@]}"; do
	n=$((n + 1))
	[ "$n" -lt "$from" ] && continue
	subject=$(git -C "$tree" log -1 --format=%s "$c")
	info "patch $n/${#commits[@]}: $subject"
	git -C "$tree" checkout -q --detach "$c"
	O=$out "$s/build-kernel.sh" "$tree" || die "patch $n does not build: $subject"
	O=$out DEST=$dest "$s/build-tests.sh" "$tree" ||
		die "patch $n: the selftests do not build: $subject"
	if [ "${RUN:-0}" = 1 ]; then
		RUN_DIR=$LLS_CACHE/runs/each-$EDITION-$n KERNEL=$out/arch/x86/boot/bzImage \
			"$s/vm-run.sh" "$LLS_TOP/guest/check.sh" "$dest" >/dev/null ||
			die "patch $n: tests fail (see $LLS_CACHE/runs/each-$EDITION-$n): $subject"
	fi
	echo "ok $n $subject"
done

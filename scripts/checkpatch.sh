#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.sh: run the base's checkpatch.pl --strict on every patch.
#
# Usage: scripts/checkpatch.sh [TREE]
#
#   TREE   kernel tree whose scripts/checkpatch.pl is used (default: the
#          check tree)
#   EDITION= which edition's patches (default 6.19.11; see config/editions/)
#
# Prints TAP, one case per patch (the cover letter excepted), with the
# messages of a patch that is not clean.  Exits 1 if one is not clean.
#
# checkpatch's FILE_PATH_CHANGES ("does MAINTAINERS need updating?") fires
# for every added file, whatever MAINTAINERS says.  It is replaced by a real
# check: get_maintainer.pl must name a maintainer or supporter for each file
# a patch adds.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

tree=$(realpath "${1:-$CHECK_TREE}")
[ -x "$tree/scripts/checkpatch.pl" ] || die "no checkpatch.pl in $tree"
mapfile -t patches < <(series_patches)
echo "# selftests: checkpatch: strict"
rc=0
i=0
for p in "${patches[@]}"; do
	i=$((i + 1))
	ok=1
	if ! out=$(cd "$tree" && perl scripts/checkpatch.pl --strict --terse --show-types \
			--ignore FILE_PATH_CHANGES "$p" 2>&1); then
		echo "$out" | grep -E 'ERROR|WARNING|CHECK' | sed 's/^/#   /'
		ok=0
	fi
	for f in $(awk '/^--- \/dev\/null/ { getline; sub(/^\+\+\+ b\//, ""); print }' "$p"); do
		# Captured first: "grep -q" would stop reading early, and with
		# pipefail the writer's SIGPIPE would fail the check.
		maintainers=$(cd "$tree" && perl scripts/get_maintainer.pl --no-git \
				--no-rolestats --roles -f "$f" 2>/dev/null || true) # checked below
		if ! grep -qE '\((maintainer|supporter):' <<<"$maintainers"; then
			echo "#   ${p##*/}: no maintainer in MAINTAINERS for the new file $f"
			ok=0
		fi
	done
	if [ $ok = 1 ]; then
		echo "# ok $i ${p##*/}"
	else
		echo "# not ok $i ${p##*/}"
		rc=1
	fi
done

# kernel-doc: no file the series touches may have more kernel-doc warnings
# than in the base (the base itself has a few).
i=$((i + 1))
kd_out=
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in $(git -C "$tree" diff --name-only "$BASE_TAG" -- '*.c' '*.h'); do
	[ -f "$tree/$f" ] || continue
	new=$(cd "$tree" && perl scripts/kernel-doc -none -Wall "$f" 2>&1 | grep -c -i warning || true) # 0 is the goal
	old=0
	if git -C "$tree" cat-file -e "$BASE_TAG:$f" 2>/dev/null; then
		git -C "$tree" show "$BASE_TAG:$f" >"$tmp/base.${f##*.}"
		old=$(cd "$tree" && perl scripts/kernel-doc -none -Wall "$tmp/base.${f##*.}" 2>&1 | grep -c -i warning || true) # idem
	fi
	if [ "$new" -gt "$old" ]; then
		kd_out+="#   $f: $new kernel-doc warnings (base: $old)"$'\n'
		(cd "$tree" && perl scripts/kernel-doc -none -Wall "$f" 2>&1 | sed 's/^/#     /' | head -n 10)
	fi
done
if [ -z "$kd_out" ]; then
	echo "# ok $i kernel-doc of the files the series touches"
else
	printf '%s' "$kd_out"
	echo "# not ok $i kernel-doc of the files the series touches"
	rc=1
fi
echo "# ${#patches[@]} patches checked"
exit $rc

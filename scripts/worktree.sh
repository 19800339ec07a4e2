#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# worktree.sh: make a kernel git tree from the base plus the series.
#
# Usage: scripts/worktree.sh [--sync] [DIR]
#
#   DIR      where to make it (default: ./linux, the developer's tree)
#   --sync   DIR is owned by the harness (the check tree): bring an existing
#            DIR to base + patches/ again when patches/ changed, keeping the
#            files that did not change (so the next build is incremental)
#
# The tree gets a branch "series" at v6.19.11 with "git am" of every patch in
# patches/ except the cover letter.  The cover letter's subject and text become
# the branch description, where scripts/export.sh takes them back from.
# Without --sync an existing DIR is an error: it may hold unexported work.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

sync=0
if [ "${1:-}" = --sync ]; then
	sync=1
	shift
fi
dir=${1:-$DEV_TREE}
patches=$LLS_TOP/patches
series=$(find "$patches" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' | sort)
cover=$patches/0000-cover-letter.patch
want=$( (echo "$BASE_TAG"; [ -f "$cover" ] && cat "$cover"; for p in $series; do cat "$p"; done) |
	sha256sum | cut -d' ' -f1)
stamp=$dir/.git/lls-series-stamp

"$LLS_TOP/scripts/fetch-base.sh"

# The harness's own tree needs an identity for "git am"; a developer's tree
# uses the developer's.
set_check_identity() {
	git -C "$1" config user.name "series check"
	git -C "$1" config user.email "check@localhost"
}

if [ -d "$dir/.git" ]; then
	[ $sync = 1 ] || die "$dir exists; edit it there, or remove it to start again from patches/"
	if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] &&
	   [ -z "$(git -C "$dir" status --porcelain --untracked-files=no)" ]; then
		info "$dir is base + patches/ already"
		exit 0
	fi
	git -C "$dir" am --abort >/dev/null 2>&1 || true # no am in progress is fine
else
	rm -rf "$dir"
	mkdir -p "$(dirname "$dir")"
	git clone -q --no-checkout "$BASE_REPO" "$dir"
fi
[ $sync = 0 ] || set_check_identity "$dir"
# "git am" in a scratch worktree, then a checkout of its result: only the
# files that differ from the tree's current state are written, so a change
# to one patch does not touch (and rebuild) the others' files.
mkdir -p "$LLS_CACHE"
scratch=$(mktemp -d "$LLS_CACHE/am.XXXXXX")
git -C "$dir" worktree prune
git -C "$dir" worktree add -q --detach "$scratch" "$BASE_TAG"
if [ -n "$series" ]; then
	# shellcheck disable=SC2086 # one word per patch file
	git -C "$scratch" am -q --keep-cr $series ||
		die "a patch in patches/ does not apply on $BASE_TAG: see 'git -C $scratch am --show-current-patch'"
fi
head=$(git -C "$scratch" rev-parse HEAD)
git -C "$dir" worktree remove --force "$scratch"
git -C "$dir" checkout -q -f -B series "$head"
if [ -f "$cover" ]; then
	# Subject without "[PATCH 0/N] ", then the text up to the shortlog.
	desc=$(awk '
		/^Subject: / && !s { sub(/^Subject: (\[[^]]*\] )?/, ""); subj = $0; s = 1; next }
		s == 1 && /^ / { sub(/^ +/, " "); subj = subj $0; next }
		s == 1 && /^$/ { s = 2; print subj; print ""; next }
		s == 2 && /^[^ ].* \([0-9]+\):$/ { exit }
		s == 2 { print }' "$cover")
	git -C "$dir" config branch.series.description "$desc"
fi
echo "$want" >"$stamp"
info "$dir: branch series = $BASE_TAG + $(echo "$series" | grep -c . || true) patches"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# worktree.sh: make a kernel git tree from the base plus the series.
#
# Usage: scripts/worktree.sh [--sync] [DIR]
#
#   DIR      where to make it (default: ./linux-$EDITION, the developer's
#            tree)
#   --sync   DIR is owned by the harness (the check tree): bring an existing
#            DIR to base + patches again when the patches changed, keeping
#            the files that did not change (so the next build is incremental)
#   EDITION= which edition (default 6.19.11; see config/editions/)
#
# The tree gets a branch "series" at the base's tag (v6.19.11, v7.3.4) with
# every patch of patches/$EDITION/ except the cover letters, committed as
# "git am" would.  An edition in several parts (7.3.4: landlock, then
# bpf-next) also gets a branch per part but the last, at the part's last
# commit ("landlock"); "series" ends the last part.  Rebase with "git rebase
# --update-refs" to keep them in step.  Each part's cover letter subject and
# text become its branch's description, where scripts/export.sh takes them
# back from.
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
stamp=$dir/.git/lls-series-stamp

"$LLS_TOP/scripts/fetch-base.sh"
# What the tree must hold: the base commit, the cover letters and the series.
want=$( (git -C "$BASE_REPO" rev-parse "$BASE_TAG^{commit}"
	 for part in $PARTS; do
		cat "$(part_dir "$part")"/*.patch 2>/dev/null || true # an empty part
	 done) | sha256sum | cut -d' ' -f1)

# Applies the patch files ($3...) on commit $2 in the repository $1 and
# prints the last commit.  Each commit is what "git am" makes of the mail:
# author, date and message from git mailinfo, committer from the
# repository's identity; nothing but the object store and a temporary index
# is written.
apply_series() {
	local repo=$1 commit=$2 p tree t
	shift 2
	t=$(mktemp -d "$LLS_CACHE/am.XXXXXX")
	# A command substitution runs this in a subshell: the trap is its own.
	trap "rm -rf '$t'" EXIT
	GIT_INDEX_FILE=$t/index git -C "$repo" read-tree "$commit"
	for p in "$@"; do
		# errexit is off here (the caller tests the status): check each step.
		if ! git -C "$repo" mailinfo "$t/msg" "$t/diff" <"$p" >"$t/info" ||
		   ! GIT_INDEX_FILE=$t/index git -C "$repo" apply --cached "$t/diff"; then
			echo "${p##*/} does not apply" >&2
			return 1
		fi
		tree=$(GIT_INDEX_FILE=$t/index git -C "$repo" write-tree) || return 1
		{ sed -n 's/^Subject: //p' "$t/info"; echo; cat "$t/msg"; } |
			git stripspace >"$t/log"
		commit=$(GIT_AUTHOR_NAME=$(sed -n 's/^Author: //p' "$t/info") \
			 GIT_AUTHOR_EMAIL=$(sed -n 's/^Email: //p' "$t/info") \
			 GIT_AUTHOR_DATE=$(sed -n 's/^Date: //p' "$t/info") \
			 git -C "$repo" commit-tree "$tree" -p "$commit" -F "$t/log") || return 1
	done
	echo "$commit"
}

# The harness's own tree needs an identity for the commits of the series; a
# developer's tree uses the developer's.
set_check_identity() {
	git -C "$1" config user.name "series check"
	git -C "$1" config user.email "check@localhost"
}

if [ -d "$dir/.git" ]; then
	[ $sync = 1 ] || die "$dir exists; edit it there, or remove it to start again from ${PATCH_DIR#"$LLS_TOP"/}"
	if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] &&
	   [ -z "$(git -C "$dir" status --porcelain --untracked-files=no)" ]; then
		info "$dir is base + ${PATCH_DIR#"$LLS_TOP"/} already"
		exit 0
	fi
	git -C "$dir" am --abort >/dev/null 2>&1 || true # no am in progress is fine
else
	rm -rf "$dir"
	mkdir -p "$(dirname "$dir")"
	# The check tree borrows the base's objects (--shared: nothing is
	# copied, and both live in the cache); a developer's tree gets its own
	# (a local clone links the base's one pack file), so that it survives
	# a removed cache.
	shared=()
	[ $sync = 0 ] || shared=(--shared)
	git clone -q --no-checkout "${shared[@]}" "$BASE_REPO" "$dir"
fi
[ $sync = 0 ] || set_check_identity "$dir"
# The base's tag as the base repository has it now (a new import from
# another source is another commit).
git -C "$dir" fetch -q "$BASE_REPO" "+refs/tags/$BASE_TAG:refs/tags/$BASE_TAG"
# The series is applied as "git am" would, but to a private index, without
# a work tree: then a checkout of the result writes only the files that
# differ from the tree's current state, so a change to one patch does not
# touch (and rebuild) the others' files, and no second copy of the kernel
# is checked out.
head=$(git -C "$dir" rev-parse "$BASE_TAG^{commit}")
n=0
for part in $PARTS; do
	pdir=$(part_dir "$part")
	mapfile -t files < <(find "$pdir" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
				 ! -name '0000-*' 2>/dev/null | sort)
	head=$(apply_series "$dir" "$head" "${files[@]}") ||
		die "a patch in ${pdir#"$LLS_TOP"/} does not apply on $BASE_TAG (see the message above)"
	n=$((n + ${#files[@]}))
	branch=$(part_branch "$part")
	if [ "$branch" = series ]; then
		git -C "$dir" checkout -q -f -B series "$head"
	else
		git -C "$dir" branch -f "$branch" "$head"
	fi
	cover=$pdir/0000-cover-letter.patch
	[ -f "$cover" ] || continue
	# Subject without "[PATCH 0/N] ", then the text up to the shortlog.
	desc=$(awk '
		/^Subject: / && !s { sub(/^Subject: (\[[^]]*\] )?/, ""); subj = $0; s = 1; next }
		s == 1 && /^ / { sub(/^ +/, " "); subj = subj $0; next }
		s == 1 && /^$/ { s = 2; print subj; print ""; next }
		s == 2 && /^[^ ].* \([0-9]+\):$/ { exit }
		s == 2 { print }' "$cover")
	git -C "$dir" config "branch.$branch.description" "$desc"
done
echo "$want" >"$stamp"
info "$dir: branch series = $BASE_TAG + $n patches"

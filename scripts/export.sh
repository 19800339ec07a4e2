#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# export.sh: write the developer tree's commits back to patches/$EDITION/.
#
# Usage: scripts/export.sh [DIR]
#
#   DIR       the developer's tree (default: ./linux-$EDITION)
#   EDITION=  which edition (default 6.19.11; see config/editions/)
#
# Runs "git format-patch --base" on each part of the edition (see
# scripts/worktree.sh: base..series, or base..landlock and landlock..series)
# with a cover letter whose subject and text are the part's branch
# description ("git branch --edit-description BRANCH"), then replaces the
# part's directory with the result.  A part's subject prefix comes from the
# edition's file (PREFIX_<part>, default "PATCH").  The output does not
# depend on commit hashes, dates of the export or the git version, so
# exporting twice changes nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

dir=${1:-$DEV_TREE}
[ -d "$dir/.git" ] || die "$dir is not a git tree: make worktree first"
[ -z "$(git -C "$dir" status --porcelain --untracked-files=no)" ] ||
	die "$dir has uncommitted changes: commit them first"
[ "$(git -C "$dir" rev-parse --abbrev-ref HEAD)" = series ] ||
	die "$dir: check out the branch 'series' first"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
from=$BASE_TAG
for part in $PARTS; do
	branch=$(part_branch "$part")
	git -C "$dir" merge-base --is-ancestor "$from" "$branch" ||
		die "$dir: $branch does not contain $from: rebase with --update-refs"
	var=PREFIX_${part//-/_}
	mkdir -p "$tmp/$part"
	# Fixed committer date: the cover letter's Date: header comes from it.
	GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" \
	git -C "$dir" -c core.abbrev=12 -c diff.renames=true -c format.coverFromDescription=subject \
		format-patch -q --cover-letter --zero-commit --no-signature --numbered \
		--base="$BASE_TAG" --subject-prefix="${!var:-PATCH}" -o "$tmp/$part" "$from..$branch"
	from=$branch
done
for part in $PARTS; do
	out=$(part_dir "$part")
	mkdir -p "$out"
	find "$out" -maxdepth 1 -name '*.patch' -delete
	cp "$tmp/$part"/*.patch "$out/"
	info "exported $(find "$out" -name '*.patch' ! -name '0000-*' | wc -l) patches to ${out#"$LLS_TOP"/}"
done

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# export.sh: write the developer tree's commits back to patches/.
#
# Usage: scripts/export.sh [DIR]
#
#   DIR   the developer's tree (default: ./linux)
#
# Runs "git format-patch" on v6.19.11..series with a cover letter whose
# subject and text are the branch description ("git branch --edit-description
# series"), then replaces patches/ with the result.  The output does not
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
# Fixed committer date: the cover letter's Date: header comes from it.
GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" \
git -C "$dir" -c core.abbrev=12 -c diff.renames=true -c format.coverFromDescription=subject \
	format-patch -q --cover-letter --zero-commit --no-signature --numbered \
	--subject-prefix=PATCH -o "$tmp" "$BASE_TAG..series"
find "$LLS_TOP/patches" -maxdepth 1 -name '*.patch' -delete
cp "$tmp"/*.patch "$LLS_TOP/patches/"
info "exported $(find "$LLS_TOP/patches" -name '*.patch' ! -name '0000-*' | wc -l) patches to patches/"

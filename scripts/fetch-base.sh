#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# fetch-base.sh: get the pinned base (Linux v6.19.11) into the cache as a git
# repository with one commit, tagged v6.19.11.
#
# Usage: scripts/fetch-base.sh
#
# Sources, tried in this order:
#   LINUX_TREE=DIR        a git checkout of yours with the tag v6.19.11
#   LINUX_TARBALL=FILE    linux_6.19.11.orig.tar.xz (sha256 checked)
#   the cache             $LLS_CACHE/linux_6.19.11.orig.tar.xz
#   ../shared/base/       next to this checkout, when present
#   Debian's archive      linux 6.19.11-1~bpo13+1 source package through apt,
#                         mirror from this machine's apt configuration, with a
#                         private apt state (the system's sources are untouched)
#   kernel.org            linux-6.19.11.tar.xz, checked against kernel.org's
#                         sha256sums.asc
# A wrong checksum or no reachable source stops with an error saying what to do.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

cached=$LLS_CACHE/$BASE_TARBALL_NAME

if git -C "$BASE_REPO" rev-parse -q --verify "refs/tags/$BASE_TAG" >/dev/null 2>&1; then
	info "base is ready: $BASE_REPO ($BASE_TAG)"
	exit 0
fi
mkdir -p "$LLS_CACHE"

# The repository is made under a temporary name and renamed into place
# when complete: an interrupted import never looks like a ready base.
new_repo=$BASE_REPO.new
rm -rf "$new_repo"
trap 'rm -rf "$new_repo"' EXIT
git init -q --bare "$new_repo"
# Nothing may start a background "git gc --auto" here: worktree.sh clones
# this repository, and a detached gc once moved its objects during a clone.
git -C "$new_repo" config gc.auto 0

# Renames the finished repository into place.
publish_base() {
	rm -rf "$BASE_REPO"
	mv "$new_repo" "$BASE_REPO"
	info "base ready: $BASE_TAG = $(git -C "$BASE_REPO" rev-parse "$BASE_TAG^{commit}")"
}

# A user's own git tree: take the commit of its tag, nothing to download.
if [ -n "${LINUX_TREE:-}" ]; then
	git -C "$LINUX_TREE" rev-parse -q --verify "$BASE_TAG^{commit}" >/dev/null ||
		die "LINUX_TREE=$LINUX_TREE has no tag $BASE_TAG: fetch it (git fetch --tags) or unset LINUX_TREE"
	git -C "$new_repo" fetch -q "$LINUX_TREE" "refs/tags/$BASE_TAG:refs/tags/$BASE_TAG"
	publish_base
	exit 0
fi

check_sum() {
	echo "$BASE_SHA256  $1" | sha256sum --quiet -c - >/dev/null 2>&1
}

get_tarball() {
	local f
	if [ -n "${LINUX_TARBALL:-}" ]; then
		[ -f "$LINUX_TARBALL" ] || die "LINUX_TARBALL=$LINUX_TARBALL does not exist"
		check_sum "$LINUX_TARBALL" ||
			die "LINUX_TARBALL=$LINUX_TARBALL: wrong sha256 (want $BASE_SHA256, Debian's $BASE_TARBALL_NAME)"
		cp "$LINUX_TARBALL" "$cached"
		return
	fi
	if [ -f "$cached" ]; then
		check_sum "$cached" && return
		info "cached $cached has a wrong sha256: removing it"
		rm -f "$cached"
	fi
	f=$LLS_TOP/../shared/base/$BASE_TARBALL_NAME
	if [ -f "$f" ]; then
		check_sum "$f" || die "$f: wrong sha256 (want $BASE_SHA256)"
		cp "$f" "$cached"
		return
	fi
	from_debian && return
	from_kernel_org && return
	die "no source for $BASE_TARBALL_NAME: pass LINUX_TARBALL=FILE or LINUX_TREE=DIR (a git checkout with tag $BASE_TAG)"
}

# Debian's orig tarball, through apt with a private state directory.
from_debian() {
	command -v apt-get >/dev/null || return 1
	local mirror d
	mirror=$(debian_mirror 2>/dev/null) || return 1
	d=$(mktemp -d)
	mkdir -p "$d/lists/partial" "$d/archives/partial" "$d/etc" "$d/dl"
	echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie-backports main" \
		>"$d/etc/sources.list"
	local opts=(-o "Dir::State=$d" -o "Dir::State::Lists=$d/lists"
		    -o "Dir::Cache=$d" -o "Dir::Etc::SourceList=$d/etc/sources.list"
		    -o "Dir::Etc::SourceParts=/nonexistent" -o "APT::Sandbox::User=root")
	info "trying Debian's source package from $mirror"
	# Only the orig tarball is needed: apt-get fails when the mirror lost
	# the .dsc or the Debian diff of that upload, but it still downloads
	# the tarball, whose checksum decides.
	if apt-get "${opts[@]}" -q update >"$d/log" 2>&1; then
		(cd "$d/dl" && apt-get "${opts[@]}" -q source --download-only \
			"linux=$BASE_VERSION-1~bpo13+1" >>"$d/log" 2>&1) || true
	fi
	if [ -f "$d/dl/$BASE_TARBALL_NAME" ] && check_sum "$d/dl/$BASE_TARBALL_NAME"; then
		mv "$d/dl/$BASE_TARBALL_NAME" "$cached"
		rm -rf "$d"
		return 0
	fi
	info "Debian's archive did not give $BASE_TARBALL_NAME (log: $d/log)"
	return 1
}

# kernel.org's tarball has the same content but is not the same file: it is
# checked against kernel.org's own published sha256.
from_kernel_org() {
	local url=https://cdn.kernel.org/pub/linux/kernel/v6.x d want
	command -v curl >/dev/null || return 1
	d=$(mktemp -d)
	info "trying $url/linux-$BASE_VERSION.tar.xz"
	curl -fsSL --connect-timeout 20 -o "$d/sums" "$url/sha256sums.asc" &&
	curl -fsSL --connect-timeout 20 -o "$d/linux-$BASE_VERSION.tar.xz" \
		"$url/linux-$BASE_VERSION.tar.xz" || { rm -rf "$d"; return 1; }
	want=$(awk -v f="linux-$BASE_VERSION.tar.xz" '$2 == f { print $1 }' "$d/sums")
	echo "$want  $d/linux-$BASE_VERSION.tar.xz" | sha256sum --quiet -c - ||
		die "kernel.org tarball: sha256 mismatch"
	mv "$d/linux-$BASE_VERSION.tar.xz" "$cached"
	rm -rf "$d"
}

get_tarball

info "importing $BASE_TARBALL_NAME into $BASE_REPO"
tmp=$(mktemp -d "$LLS_CACHE/base-import.XXXXXX")
trap 'rm -rf "$tmp" "$new_repo"' EXIT
tar -xJf "$cached" -C "$tmp"
[ -d "$tmp/$BASE_TOPDIR" ] || die "$cached: no $BASE_TOPDIR/ inside"
# Fixed identity and dates: the base commit is the same on every machine.
(
	export GIT_DIR=$new_repo GIT_WORK_TREE=$tmp/$BASE_TOPDIR
	export GIT_AUTHOR_NAME="Linux $BASE_VERSION" GIT_AUTHOR_EMAIL=base@localhost
	export GIT_COMMITTER_NAME="Linux $BASE_VERSION" GIT_COMMITTER_EMAIL=base@localhost
	export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
	git add -A -f .
	commit=$(git commit-tree "$(git write-tree)" -m "Linux $BASE_VERSION ($BASE_TARBALL_NAME)")
	git tag "$BASE_TAG" "$commit"
	# One pack, written before this script returns, so that a clone links
	# one file instead of copying 90,000 loose objects.  No delta search:
	# it would cost minutes for a repository that is only read locally.
	git -c pack.window=0 repack -a -d -q
)
publish_base

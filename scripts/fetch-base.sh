#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# fetch-base.sh: get the edition's pinned base into the cache as a git
# repository with one commit, tagged with the base's version (v6.19.11,
# v7.3.4).
#
# Usage: scripts/fetch-base.sh
#
#   EDITION=   which edition's base (default 6.19.11; see config/editions/)
#
# What is downloaded is pinned by its sha256 in config/editions/$EDITION.sh:
# for 6.19.11, Debian's orig tarball (the kernel.org release); for 7.3.4,
# Debian's linux-source-7.3 package, whose /usr/src tarball (pinned too) is
# the tree.  Sources, tried in this order:
#   LINUX_TREE=DIR        a git checkout of yours with the base's tag
#   LINUX_TARBALL=FILE    the pinned download (sha256 checked)
#   the cache             $LLS_CACHE/downloads/
#   ../shared/base/       next to this checkout, when present
#   Debian's archive      6.19.11: the source package through apt (mirror from
#                         this machine's apt configuration, private apt
#                         state: the system's sources are untouched);
#                         7.3.4: the package from the archive's pool
#   kernel.org            6.19.11 only: the release tarball, checked against
#                         kernel.org's sha256sums.asc
# A wrong checksum or no reachable source stops with an error saying what to do.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

cached=$DOWNLOADS/$BASE_FILE

if git -C "$BASE_REPO" rev-parse -q --verify "refs/tags/$BASE_TAG" >/dev/null 2>&1; then
	info "base is ready: $BASE_REPO ($BASE_TAG)"
	exit 0
fi
mkdir -p "$EDITION_CACHE" "$DOWNLOADS"

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

# What to do when no source gave the pinned file.
no_source() {
	die "no source for $BASE_FILE (sha256 $BASE_SHA256): put it in $DOWNLOADS/, or pass LINUX_TARBALL=FILE (that file) or LINUX_TREE=DIR (a git checkout with tag $BASE_TAG)"
}

get_tarball() {
	local f
	if [ -n "${LINUX_TARBALL:-}" ]; then
		[ -f "$LINUX_TARBALL" ] || die "LINUX_TARBALL=$LINUX_TARBALL does not exist"
		check_sum "$LINUX_TARBALL" ||
			die "LINUX_TARBALL=$LINUX_TARBALL: wrong sha256 (want $BASE_SHA256, $BASE_FILE)"
		cp "$LINUX_TARBALL" "$cached"
		return
	fi
	if [ -f "$cached" ]; then
		check_sum "$cached" && return
		info "cached $cached has a wrong sha256: removing it"
		rm -f "$cached"
	fi
	f=$LLS_TOP/../shared/base/$BASE_FILE
	if [ -f "$f" ]; then
		check_sum "$f" || die "$f: wrong sha256 (want $BASE_SHA256)"
		cp "$f" "$cached"
		return
	fi
	case $BASE_KIND in
	orig)
		from_debian && return
		from_kernel_org && return
		;;
	deb)
		from_debian_pool && return
		;;
	esac
	no_source
}

# A binary package straight from the archive's pool: a package that left
# the suite's index (superseded by a newer upload) is often still there.
from_debian_pool() {
	command -v curl >/dev/null || return 1
	local mirror tmp=$cached.part
	mirror=$(debian_mirror 2>/dev/null) || return 1
	info "downloading $mirror/$BASE_POOL_PATH"
	if ! curl -fsSL --connect-timeout 20 -o "$tmp" "$mirror/$BASE_POOL_PATH"; then
		rm -f "$tmp"
		info "Debian's archive ($mirror) does not serve $BASE_POOL_PATH any more"
		return 1
	fi
	check_sum "$tmp" || { rm -f "$tmp"; die "$mirror/$BASE_POOL_PATH: wrong sha256 (want $BASE_SHA256)"; }
	mv "$tmp" "$cached"
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
			"$BASE_DEBIAN_SOURCE" >>"$d/log" 2>&1) || true
	fi
	if [ -f "$d/dl/$BASE_FILE" ] && check_sum "$d/dl/$BASE_FILE"; then
		mv "$d/dl/$BASE_FILE" "$cached"
		rm -rf "$d"
		return 0
	fi
	info "Debian's archive did not give $BASE_FILE (log: $d/log)"
	return 1
}

# kernel.org's tarball is not the same file (nor the same tree: it has the 6
# paths that Debian's orig tarball leaves out, so the base commit differs;
# the series applies the same): it is checked against kernel.org's own
# published sha256.
from_kernel_org() {
	local url=https://cdn.kernel.org/pub/linux/kernel/${BASE_KERNEL_ORG%/*} d want
	local name=${BASE_KERNEL_ORG##*/}
	command -v curl >/dev/null || return 1
	d=$(mktemp -d)
	info "trying $url/$name"
	curl -fsSL --connect-timeout 20 -o "$d/sums" "$url/sha256sums.asc" &&
	curl -fsSL --connect-timeout 20 -o "$d/$name" "$url/$name" || { rm -rf "$d"; return 1; }
	want=$(awk -v f="$name" '$2 == f { print $1 }' "$d/sums")
	echo "$want  $d/$name" | sha256sum --quiet -c - ||
		die "kernel.org tarball: sha256 mismatch"
	mv "$d/$name" "$cached"
	rm -rf "$d"
}

get_tarball

info "importing $BASE_FILE into $BASE_REPO"
tmp=$(mktemp -d "$LLS_CACHE/base-import.XXXXXX")
trap 'rm -rf "$tmp" "$new_repo"' EXIT
case $BASE_KIND in
orig)
	tar -xJf "$cached" -C "$tmp"
	;;
deb)
	# The package's data archive holds the source tarball: take it out,
	# check it, unpack it.
	dpkg-deb --fsys-tarfile "$cached" | tar -x -C "$tmp" "$BASE_DEB_MEMBER" ||
		die "$cached: no $BASE_DEB_MEMBER inside"
	echo "$BASE_DEB_MEMBER_SHA256  $tmp/$BASE_DEB_MEMBER" | sha256sum --quiet -c - ||
		die "$BASE_DEB_MEMBER in $BASE_FILE: wrong sha256 (want $BASE_DEB_MEMBER_SHA256)"
	tar -xJf "$tmp/$BASE_DEB_MEMBER" -C "$tmp"
	rm -rf "$tmp/usr"
	;;
esac
[ -d "$tmp/$BASE_TOPDIR" ] || die "$cached: no $BASE_TOPDIR/ inside"
# Fixed identity and dates: the base commit is the same on every machine.
(
	export GIT_DIR=$new_repo GIT_WORK_TREE=$tmp/$BASE_TOPDIR
	export GIT_AUTHOR_NAME="Linux $BASE_VERSION" GIT_AUTHOR_EMAIL=base@localhost
	export GIT_COMMITTER_NAME="Linux $BASE_VERSION" GIT_COMMITTER_EMAIL=base@localhost
	export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
	git add -A -f .
	commit=$(git commit-tree "$(git write-tree)" -m "Linux $BASE_VERSION ($BASE_DESC)")
	git tag "$BASE_TAG" "$commit"
	# One pack, written before this script returns, so that a clone links
	# one file instead of copying 90,000 loose objects.  No delta search:
	# it would cost minutes for a repository that is only read locally.
	git -c pack.window=0 repack -a -d -q
)
publish_base

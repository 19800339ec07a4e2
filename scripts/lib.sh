# SPDX-License-Identifier: GPL-2.0
# Shared settings for the harness scripts: where the cache lives, the pinned
# base, and small helpers.  Sourced, never executed.

# The cache holds every download and build output, outside the checkout, so
# that a fresh clone reuses them.  Removing it gives the same result, slower.
LLS_CACHE=${LLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/landlock-series}
LLS_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The editions of the series, each named by the base it applies to and
# defined in config/editions/$EDITION.sh (base, download, parts).  EDITION
# selects one; the default is the first.
EDITIONS="6.19.11 7.3.4"
EDITION=${EDITION:-${EDITIONS%% *}}
[ -f "$LLS_TOP/config/editions/$EDITION.sh" ] ||
	{ echo "unknown EDITION=$EDITION (editions: $EDITIONS)" >&2; exit 2; }
# shellcheck source=../config/editions/6.19.11.sh
. "$LLS_TOP/config/editions/$EDITION.sh"
export EDITION

# Downloads, shared by the editions.
DOWNLOADS=$LLS_CACHE/downloads
# Everything built for one edition.
EDITION_CACHE=$LLS_CACHE/$EDITION
# Git repository holding the pristine base as one commit tagged $BASE_TAG.
BASE_REPO=$EDITION_CACHE/base.git
# The tree that "make check" builds: base + the edition's patches.
CHECK_TREE=$EDITION_CACHE/check/linux
# The developer's tree: base + patches, where the series is edited.
DEV_TREE=${LLS_TREE:-$LLS_TOP/linux-$EDITION}
# The edition's patches: patches/$EDITION/$part/ per part, or
# patches/$EDITION/ for an edition in one part.
PATCH_DIR=$LLS_TOP/patches/$EDITION
# Kernel build outputs, one per config flavour, and installed tests.
BUILD_DIR=$EDITION_CACHE/build
TESTS_DIR=$EDITION_CACHE/tests
# Debian trixie root: toolchain for every build, and the guest's "/".
ROOT_DIR=$LLS_CACHE/root

die() {
	printf '%s: error: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

info() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
}

# Print the script's leading comment block as its --help text.
usage_from_header() {
	sed -n '2,/^[^#]/{/^#/!q;s/^# \{0,1\}//;p}' "$1"
}

maybe_help() {
	local script=$1
	shift
	case "${1:-}" in
	-h|--help)
		usage_from_header "$script"
		exit 0
		;;
	esac
}

# Run a command inside the toolchain root, with the cache and the checkout
# bind-mounted at the same paths as outside (Kbuild records absolute paths).
# A private mount namespace drops every mount when the command ends.
in_root() {
	[ -x "$ROOT_DIR/usr/bin/gcc" ] || die "no toolchain root at $ROOT_DIR: run scripts/mkroot.sh"
	local binds=("$LLS_CACHE" "$LLS_TOP")
	[ -n "${LLS_EXTRA_BIND:-}" ] && binds+=("$LLS_EXTRA_BIND")
	# /tmp first: a cache below /tmp is bound on top of it.
	local script='set -e; r=$1; shift; n=$1; shift
		mount -t tmpfs tmpfs "$r/tmp"
		for ((i = 0; i < n; i++)); do
			d=$1; shift
			mkdir -p "$r$d"
			mount --rbind "$d" "$r$d"
		done
		mount -t proc proc "$r/proc"
		mount --rbind /dev "$r/dev"
		exec chroot "$r" /usr/bin/env -i HOME=/root TERM=dumb \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			LANG=C.UTF-8 "$@"'
	unshare --mount --propagation private bash -c "$script" in_root \
		"$ROOT_DIR" "${#binds[@]}" "${binds[@]}" "$@"
}

# The Debian mirror this machine's apt uses (never hard-coded): the first
# "deb" URI of the main archive in sources.list or a deb822 .sources file.
debian_mirror() {
	if [ -n "${DEBIAN_MIRROR:-}" ]; then
		echo "$DEBIAN_MIRROR"
		return
	fi
	local uri
	uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		  /etc/apt/sources.list.d/*.sources 2>/dev/null |
		sed -n -e 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\).*/\2/p' \
		       -e 's/^URIs: *\([^ ]*\).*/\1/p' |
		grep -E '/debian/?$' | head -n 1)
	[ -n "$uri" ] || die "cannot find a Debian mirror in /etc/apt: set DEBIAN_MIRROR=http://.../debian"
	echo "${uri%/}"
}

# Everything a guest boot needs for $CONFIG: host packages, the toolchain
# root, the check tree (base + patches/$EDITION) and its kernel.
prepare_kernel() {
	"$LLS_TOP/scripts/host-deps.sh"
	"$LLS_TOP/scripts/mkroot.sh"
	"$LLS_TOP/scripts/worktree.sh" --sync "$CHECK_TREE"
	"$LLS_TOP/scripts/build-kernel.sh" "$CHECK_TREE"
}

# The directory of part $1 of the edition's patches.
part_dir() {
	if [ "$PARTS" = series ]; then
		echo "$PATCH_DIR"
	else
		echo "$PATCH_DIR/$1"
	fi
}

# The branch of the developer's tree that ends part $1: "series" for the
# last part (the whole edition), the part's name for the others.
part_branch() {
	if [ "$1" = "${PARTS##* }" ]; then
		echo series
	else
		echo "$1"
	fi
}

# The patch files of the whole edition, in order (cover letters excepted).
series_patches() {
	local part
	for part in $PARTS; do
		find "$(part_dir "$part")" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' \
			! -name '0000-*' 2>/dev/null | sort
	done
}

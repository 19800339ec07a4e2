#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# mkroot.sh: make the Debian trixie toolchain root in the cache.
#
# Usage: scripts/mkroot.sh [--force]
#
# The root is made with debootstrap (minbase) and the packages listed in
# config/root-packages.  It is the toolchain for every build (gcc 14,
# clang 19, pahole 1.30: the host's are too old) and the guest's root file
# system over 9p.  It is made once; a package added to the list is then
# installed into it (the rest stays as it is, so that the compilers, and
# with them the kernel builds, do not change).  --force makes it again,
# e.g. after a package was removed from the list.  The mirror comes from
# this machine's apt configuration (override with DEBIAN_MIRROR=...).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

pkgs_file=$LLS_TOP/config/root-packages
stamp=$ROOT_DIR/.lls-root-stamp
want=$( (echo trixie; grep -v '^#' "$pkgs_file") | sha256sum | cut -d' ' -f1)

if [ "${1:-}" != --force ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
	info "root is up to date: $ROOT_DIR"
	exit 0
fi
# Installs packages ($2...) into the root at $1 from the mirror of this
# machine's apt configuration; the log goes to root-apt.log.
root_apt_install() {
	local dir=$1
	shift
	cp /etc/resolv.conf "$dir/etc/resolv.conf"
	chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		DEBIAN_FRONTEND=noninteractive sh -c \
		'apt-get update -q && apt-get install -y -q --no-install-recommends "$@" && apt-get clean' \
		sh "$@" >>"$LLS_CACHE/root-apt.log" 2>&1 ||
		die "package install failed, see $LLS_CACHE/root-apt.log"
}

# A made root (it has a stamp) only gets the packages it lacks.
if [ "${1:-}" != --force ] && [ -f "$stamp" ]; then
	[ "$(id -u)" = 0 ] || die "installing packages in the root needs root (chroot)"
	missing=$(for p in $(grep -v '^#' "$pkgs_file"); do
			chroot "$ROOT_DIR" dpkg-query -W -f '${db:Status-Abbrev}' "$p" 2>/dev/null |
				grep -q '^ii' || echo "$p"
		  done)
	if [ -n "$missing" ]; then
		info "installing into the root: $(echo $missing)"
		# shellcheck disable=SC2086 # one word per package
		root_apt_install "$ROOT_DIR" $missing
	fi
	echo "$want" >"$stamp"
	info "root is up to date: $ROOT_DIR"
	exit 0
fi
command -v debootstrap >/dev/null || die "debootstrap is missing: run scripts/host-deps.sh"
[ "$(id -u)" = 0 ] || die "making the root needs root (debootstrap, chroot)"

mirror=$(debian_mirror)
info "building root at $ROOT_DIR from $mirror (about 3 minutes)"
rm -rf "$ROOT_DIR.new"
mkdir -p "$LLS_CACHE"
debootstrap --variant=minbase trixie "$ROOT_DIR.new" "$mirror" >"$LLS_CACHE/debootstrap.log" 2>&1 ||
	die "debootstrap failed, see $LLS_CACHE/debootstrap.log (mirror $mirror)"

: >"$LLS_CACHE/root-apt.log"
# shellcheck disable=SC2046 # one word per package
root_apt_install "$ROOT_DIR.new" $(grep -v '^#' "$pkgs_file")

echo "$want" >"$ROOT_DIR.new/.lls-root-stamp"
rm -rf "$ROOT_DIR"
mv "$ROOT_DIR.new" "$ROOT_DIR"
info "root ready: $(chroot "$ROOT_DIR" gcc --version | head -n 1)"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# host-deps.sh: install the few host packages the harness needs, when missing.
#
# Usage: scripts/host-deps.sh
#
# qemu-system-x86 (the VM), debootstrap (the toolchain root), xz-utils, git,
# perl (checkpatch), curl.  Everything else is built inside the toolchain root.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v xz >/dev/null || need+=(xz-utils)
command -v git >/dev/null || need+=(git)
command -v perl >/dev/null || need+=(perl)
command -v curl >/dev/null || need+=(curl)
command -v unshare >/dev/null || need+=(util-linux)
[ ${#need[@]} = 0 ] && exit 0
[ "$(id -u)" = 0 ] || die "missing host packages: ${need[*]} (install them, or run as root)"
info "installing ${need[*]}"
apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null ||
	die "apt-get install ${need[*]} failed"

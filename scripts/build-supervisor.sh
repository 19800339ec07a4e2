#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# build-supervisor.sh: build supervisor/ (landlock-supervisor, its BPF
# program and skeleton) against a built kernel, inside the toolchain root,
# and install it for the guest with its tests.
#
# Usage: scripts/build-supervisor.sh TREE KBUILD DEST
#
#   TREE     kernel source tree with the series (its libbpf and bpftool
#            know the Landlock ruleset map; read only)
#   KBUILD   its build directory (vmlinux with BTF, usr/include)
#   DEST     where landlock-supervisor and its guest tests
#            (supervisor/test.sh, supervisor/probe-test.sh) are installed
#
# libbpf (static) and a bootstrap bpftool are built from TREE's tools/ into
# $LLS_CACHE/$EDITION/supervisor/, vmlinux.h is dumped from KBUILD's vmlinux.
# Log: DEST.log.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

[ $# = 3 ] || die "usage: build-supervisor.sh TREE KBUILD DEST"
tree=$(realpath "$1")
kbuild=$(realpath "$2")
dest=$3
src=$LLS_TOP/supervisor
work=$EDITION_CACHE/supervisor/$(basename "$kbuild")
log=$dest.log
[ -f "$kbuild/vmlinux" ] || die "no vmlinux in $kbuild"
[ -f "$tree/tools/lib/bpf/libbpf_probes.c" ] || die "no tools/lib/bpf in $tree"
mkdir -p "$work" "$dest"
: >"$log"

fail() { tail -n 30 "$log" >&2; die "landlock-supervisor build failed ($1), see $log"; }
jobs=$(($(nproc) + 1))
bpftool=$work/bpftool/bootstrap/bpftool
mkdir -p "$work/libbpf" "$work/bpftool"

info "building landlock-supervisor (log: $log)"
in_root make -C "$tree" O="$kbuild" -s headers >>"$log" 2>&1 || fail headers
in_root make -C "$tree/tools/lib/bpf" -j"$jobs" OUTPUT="$work/libbpf/" \
	DESTDIR="$work" prefix= "$work/libbpf/libbpf.a" install_headers \
	>>"$log" 2>&1 || fail libbpf
in_root make -C "$tree/tools/bpf/bpftool" -j"$jobs" OUTPUT="$work/bpftool/" \
	bootstrap >>"$log" 2>&1 || fail bpftool
in_root "$bpftool" btf dump file "$kbuild/vmlinux" format c \
	>"$work/vmlinux.h" 2>>"$log" || fail vmlinux.h
in_root clang -g -O2 -Wall -Wno-missing-declarations -target bpf -D__TARGET_ARCH_x86 \
	-I"$work" -I"$work/include" -I"$src" \
	-c "$src/landlock-supervisor.bpf.c" -o "$work/landlock-supervisor.bpf.o" \
	>>"$log" 2>&1 || fail "BPF program"
in_root "$bpftool" gen skeleton "$work/landlock-supervisor.bpf.o" \
	name landlock_supervisor_bpf >"$work/landlock-supervisor.skel.h" \
	2>>"$log" || fail skeleton
in_root gcc -O2 -Wall -Wextra -Wno-unused-parameter \
	-I"$kbuild/usr/include" -I"$work/include" -I"$work" -I"$src" \
	-o "$dest/landlock-supervisor" "$src/landlock-supervisor.c" \
	"$work/libbpf/libbpf.a" -lelf -lz >>"$log" 2>&1 || fail "user space"
cp "$src/test.sh" "$src/probe-test.sh" "$dest/"
info "landlock-supervisor installed in $dest"

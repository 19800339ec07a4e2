#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# build-bpf-tests.sh: build a test_progs (tools/testing/selftests/bpf) that
# holds only the series' BPF tests, against a built kernel's BTF, inside the
# toolchain root, and install it for the guest.
#
# Usage: scripts/build-bpf-tests.sh TREE KBUILD DEST
#
#   TREE     kernel source tree (read only: its tools/, scripts/ and
#            kernel/bpf/ are copied)
#   KBUILD   its build directory (vmlinux with BTF, autoconf.h)
#   DEST     where test_progs and its BPF objects are installed
#   TESTS=   the prog_tests/*.c names (default: the series' landlock_*.c),
#            or "all":
#            the whole test_progs, with bpf_testmod and the signed light
#            skeletons, for a kernel built with the selftests' own config
#            (CONFIG=bpf-selftests, see bpf-selftests.sh)
#
# The selftests Makefile links every prog_tests/*.c and compiles every
# progs/*.c, and a lean kernel's BTF lacks the types of many of them: the
# build runs on a copy of the directory that holds only the framework and the
# chosen tests (with the progs/*.c their skeletons name).  Only the default
# flavour is built, without bpf_testmod and the other helper binaries.
# Log: DEST.log.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

[ $# = 3 ] || die "usage: build-bpf-tests.sh TREE KBUILD DEST"
tree=$(realpath "$1")
kbuild=$(realpath "$2")
dest=$3
tests=${TESTS:-$(cd "$tree/tools/testing/selftests/bpf/prog_tests" &&
	{ ls landlock_*.c 2>/dev/null || true; } | sed 's/\.c$//')}
[ -n "$tests" ] || die "no prog_tests/landlock_*.c in $tree"
work=$EDITION_CACHE/bpf-tests/$(basename "$kbuild")
src=$work/tree
sel=$src/tools/testing/selftests/bpf
out=$work/out
[ -f "$kbuild/vmlinux" ] || die "no vmlinux in $kbuild"

# A private copy (the build writes into the source directory), and frozen
# inputs: the kernel's BTF and its config header.  The output directory is
# kept between builds.
rm -rf "$src"
mkdir -p "$src/kernel" "$src/include/generated" "$out"
cp -a "$tree/tools" "$tree/scripts" "$src/"
cp -a "$tree/kernel/bpf" "$src/kernel/"
cp "$kbuild/vmlinux" "$work/vmlinux"
cp "$kbuild/include/generated/autoconf.h" "$src/include/generated/"
# User space test code includes <linux/landlock.h>: the root's copy predates
# the series; tools/include/uapi comes first.
cp "$tree/include/uapi/linux/landlock.h" "$src/tools/include/uapi/linux/"

if [ "$tests" = all ]; then
	# v6.19.11's progs/arena_strsearch.c and progs/stream.c declare the
	# arena kfuncs (bpf_arena_common.h) without BPF_NO_KFUNC_PROTOTYPES,
	# as the other arena programs define it: with clang 19 they conflict
	# with the prototypes bpftool writes into vmlinux.h.  stream.c then
	# needs the two other kfuncs it took from vmlinux.h.
	for f in arena_strsearch stream; do
		grep -q BPF_NO_KFUNC_PROTOTYPES "$sel/progs/$f.c" ||
			sed -i '1a #define BPF_NO_KFUNC_PROTOTYPES' "$sel/progs/$f.c"
	done
	grep -q 'int bpf_res_spin_lock(' "$sel/progs/stream.c" ||
		sed -i '/^#include <vmlinux.h>/a int bpf_res_spin_lock(struct bpf_res_spin_lock *lock) __ksym;\nvoid bpf_res_spin_unlock(struct bpf_res_spin_lock *lock) __ksym;' \
			"$sel/progs/stream.c"
	info "building the whole test_progs (log: $dest.log)"
	in_root make -C "$sel" -j"$(($(nproc) + 1))" OUTPUT="$out" \
		VMLINUX_BTF="$work/vmlinux" KDIR="$kbuild" SKIP_DOCS=1 SKIP_LLVM=1 \
		test_progs >"$dest.log" 2>&1 ||
		{ grep -E 'error|Error' "$dest.log" | head -n 20 >&2; die "test_progs build failed, see $dest.log"; }
	rm -rf "$dest"
	mkdir -p "$dest"
	cp -a "$out"/. "$dest/"
	info "test_progs installed in $dest"
	exit 0
fi

# Only the chosen tests and the programs their skeletons name, plus
# btf_data.c, which the link step gives to resolve_btfids.
rm -f "$sel"/prog_tests/*.c "$sel"/progs/*.c "$sel/prog_tests/tests.h"
orig=$tree/tools/testing/selftests/bpf
progs="btf_data"
for t in $tests; do
	cp "$orig/prog_tests/$t.c" "$sel/prog_tests/"
	progs+=" $(sed -n 's/^#include "\(.*\)\.l\{0,1\}skel\.h".*/\1/p' "$orig/prog_tests/$t.c")"
done
for p in $progs; do
	cp "$orig/progs/$p.c" "$sel/progs/"
done

# test_progs registers a signing key and exits if the kernel has no
# asymmetric key type, as the lean one: only signed light skeletons, not
# built here, need it.  The root has no openssl to make the certificate.
sed -i '/err = register_session_key/,/return err;/ s/return err;/fprintf(stderr, "note: no session key\\n");/' \
	"$sel/test_progs.c"
grep -q "note: no session key" "$sel/test_progs.c" ||
	die "test_progs.c changed: the session key patch does not apply"
printf 'unsigned char test_progs_verification_cert[] = { 0 };\nunsigned int test_progs_verification_cert_len = 0;\n' \
	>"$sel/verification_cert.h"

info "building test_progs ($tests) (log: $dest.log)"
# Empty lists: the light, linked and signed skeletons and the extra files
# are named one by one in the Makefile, not found by wildcards.  7.3.4's
# libarena skeletons (not used by the series' tests) crash clang 19.
in_root make -C "$sel" -j"$(($(nproc) + 1))" OUTPUT="$out" \
	VMLINUX_BTF="$work/vmlinux" SKIP_DOCS=1 SKIP_LLVM=1 \
	LSKELS= LSKELS_EXTRA= LSKELS_SIGNED= LINKED_SKELS= LIBARENA_SKEL= LIBARENA_ASAN_SKEL= \
	TRUNNER_EXTRA_FILES= VERIFY_SIG_HDR= test_progs >"$dest.log" 2>&1 ||
	{ grep -E 'error|Error' "$dest.log" | head -n 20 >&2; die "test_progs build failed, see $dest.log"; }

rm -rf "$dest"
mkdir -p "$dest"
cp "$out/test_progs" "$out"/*.bpf.o "$dest/"
info "test_progs installed in $dest"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# build-tests.sh: build the selftests against a built kernel, inside the
# toolchain root, and install them into one directory for the guest.
#
# Usage: scripts/build-tests.sh [TREE]
#
#   TREE      kernel source tree (default: the check tree)
#   CONFIG=   normal|debug: the kernel build to use (default normal)
#   O=        that kernel's build directory (default
#             $LLS_CACHE/$EDITION/build/$CONFIG)
#   EDITION=  which edition (default 6.19.11; see config/editions/)
#   DEST=     where to install (default $LLS_CACHE/$EDITION/tests/$CONFIG)
#   SUITES=   what to build (default "landlock bpf supervisor": the
#             Landlock selftests, and, if the tree has the series' BPF
#             part, test_progs with its BPF tests and supervisor/ with its
#             tests; also "demo", for make run, and "bench", the
#             benchmarks)
#
# Installs into DEST: kselftest/ (run_kselftest.sh and
# the Landlock tests, as "make kselftest-install TARGETS=landlock" makes it),
# bpf/ (test_progs, see build-bpf-tests.sh), supervisor/
# (see build-supervisor.sh), demo/ (demo/*.c) and bench/ (bench/*.c).
# Logs: DEST/*.log.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

tree=$(realpath "${1:-$CHECK_TREE}")
config=${CONFIG:-normal}
out=${O:-$BUILD_DIR/$config}
dest=${DEST:-$TESTS_DIR/$config}
unset O # the tools' Makefiles would read it
suites=${SUITES:-landlock bpf supervisor}
[ -f "$out/vmlinux" ] || die "no kernel build in $out: run make kernel CONFIG=$config"
case "$tree" in
"$LLS_CACHE"/*|"$LLS_TOP"/*) ;;
*) export LLS_EXTRA_BIND="${tree%/*}" ;;
esac
mkdir -p "$dest"
jobs=$(($(nproc) + 1))

# Builds $LLS_TOP/$1/*.c, each a program of its own, into $dest/$1.
build_programs() {
	local dir=$1 log=$dest/$1.log src rc=0
	info "building $dir/ (log: $log)"
	mkdir -p "$dest/$dir"
	in_root make -C "$tree" O="$out" -s headers >"$log" 2>&1 || rc=1
	for src in "$LLS_TOP/$dir"/*.c; do
		[ $rc = 0 ] || break
		in_root gcc -O2 -Wall -I"$out/usr/include" -o \
			"$dest/$dir/$(basename "$src" .c)" "$src" -lpthread \
			>>"$log" 2>&1 || rc=1
	done
	[ $rc = 0 ] || { cat "$log" >&2; die "$dir build failed"; }
}

for suite in $suites; do
	case "$suite" in
	landlock)
		info "building the Landlock selftests (log: $dest/landlock.log)"
		rm -rf "$dest/kselftest"
		in_root make -C "$tree" O="$out" -j"$jobs" TARGETS=landlock \
			KSFT_INSTALL_PATH="$dest/kselftest" kselftest-install \
			>"$dest/landlock.log" 2>&1 ||
			{ tail -n 30 "$dest/landlock.log" >&2; die "Landlock selftests build failed, see $dest/landlock.log"; }
		[ -x "$dest/kselftest/run_kselftest.sh" ] || die "no run_kselftest.sh in $dest/kselftest"
		;;
	bpf)
		# Only a tree whose series has BPF selftests.
		if compgen -G "$tree/tools/testing/selftests/bpf/prog_tests/landlock_*.c" >/dev/null; then
			"$LLS_TOP/scripts/build-bpf-tests.sh" "$tree" "$out" "$dest/bpf"
		else
			rm -rf "$dest/bpf"
		fi
		;;
	supervisor)
		# Only a tree whose series has the Landlock kfuncs.
		if [ -f "$tree/kernel/bpf/bpf_landlock.c" ]; then
			"$LLS_TOP/scripts/build-supervisor.sh" "$tree" "$out" "$dest/supervisor"
		else
			rm -rf "$dest/supervisor"
		fi
		;;
	demo)
		build_programs demo
		;;
	bench)
		build_programs bench
		cp "$LLS_TOP"/bench/*.sh "$dest/bench/"
		;;
	*)
		die "unknown suite $suite"
		;;
	esac
done
info "tests installed in $dest"

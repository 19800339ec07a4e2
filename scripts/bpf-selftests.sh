#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# bpf-selftests.sh: the whole BPF selftests' test_progs, built as BPF
# developers build it, against a kernel made from the selftests' own config
# fragments (tools/testing/selftests/bpf/config, config.vm, config.x86_64,
# as vmtest.sh uses them): "make bpf-selftests".
#
# Usage: scripts/bpf-selftests.sh [TREE]
#
#   TREE     kernel source tree (default: the check tree, brought to
#            base + patches/$EDITION first)
#   EDITION= which edition (default 6.19.11; see config/editions/)
#   RUN=1    then boot that kernel and run test_progs -t landlock
#            with the whole test_progs
#
# The kernel is built in $LLS_CACHE/$EDITION/build/bpf-selftests, test_progs and its
# files are installed in $LLS_CACHE/$EDITION/tests/bpf-selftests/bpf.  The fragments
# must give what the series' tests need: the BPF LSM and Landlock, both in
# the LSM list.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

s=$LLS_TOP/scripts
if [ -z "${1:-}" ]; then
	"$s/worktree.sh" --sync "$CHECK_TREE"
fi
tree=$(realpath "${1:-$CHECK_TREE}")
kbuild=$BUILD_DIR/bpf-selftests
dest=$TESTS_DIR/bpf-selftests
t0=$(date +%s)

CONFIG=bpf-selftests "$s/build-kernel.sh" "$tree"
t1=$(date +%s)
for opt in CONFIG_BPF_LSM=y CONFIG_SECURITY_LANDLOCK=y; do
	grep -qx "$opt" "$kbuild/.config" || die "the selftests' config does not give $opt"
done
grep -Eq '^CONFIG_LSM=".*landlock.*"' "$kbuild/.config" &&
	grep -Eq '^CONFIG_LSM=".*bpf.*"' "$kbuild/.config" ||
	die "the selftests' CONFIG_LSM lacks landlock or bpf: $(grep '^CONFIG_LSM=' "$kbuild/.config")"

mkdir -p "$dest"
TESTS=all "$s/build-bpf-tests.sh" "$tree" "$kbuild" "$dest/bpf"
t2=$(date +%s)
info "kernel: $((t1 - t0)) s, test_progs: $((t2 - t1)) s"

if [ "${RUN:-0}" = 1 ]; then
	KERNEL=$kbuild/arch/x86/boot/bzImage "$s/vm-run.sh" "$LLS_TOP/guest/check.sh" "$dest"
fi

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# build-variants.sh: build the kernel with each config/variants/*.config on
# top of the normal config (without the BPF LSM, without Landlock, without
# audit), to check that the series builds without what it can do without,
# and boot the variants whose fragment names a guest script.
#
# Usage: scripts/build-variants.sh [TREE]
#
#   TREE       kernel source tree (default: the check tree)
#   VARIANTS=  names of config/variants/*.config (default: all of them)
#   EDITION=   which edition (default 6.19.11; see config/editions/)
#   RUN=0      build only, do not boot
#
# Each variant has its own build directory ($LLS_CACHE/$EDITION/build/normal-NAME):
# the first build of each is a whole kernel build (about 12 minutes here).
# A fragment line "# guest: SCRIPT" boots that variant to run guest/SCRIPT,
# with the series' test_progs built against it in
# $LLS_CACHE/$EDITION/tests/normal-NAME/bpf (logs in
# $LLS_CACHE/runs/variant-$EDITION-NAME).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

tree=${1:-}
variants=${VARIANTS:-$(cd "$LLS_TOP/config/variants" && ls -- *.config | sed 's/\.config$//')}
s=$LLS_TOP/scripts
rc=0
for v in $variants; do
	frag=$LLS_TOP/config/variants/$v.config
	[ -f "$frag" ] || die "no variant $frag"
	if ! CONFIG=normal EXTRA_CONFIG=$frag "$s/build-kernel.sh" $tree; then
		echo "not ok variant $v: build"
		rc=1
		continue
	fi
	guest=$(sed -n 's/^# guest: *//p' "$frag")
	if [ -z "$guest" ] || [ "${RUN:-1}" = 0 ]; then
		echo "ok variant $v: build"
		continue
	fi
	out=$BUILD_DIR/normal-$v
	dest=$TESTS_DIR/normal-$v
	if O=$out DEST=$dest SUITES=bpf "$s/build-tests.sh" ${tree:-"$CHECK_TREE"} &&
	   RUN_DIR=$LLS_CACHE/runs/variant-$EDITION-$v KERNEL=$out/arch/x86/boot/bzImage \
		"$s/vm-run.sh" "$LLS_TOP/guest/$guest" "$dest"; then
		echo "ok variant $v: build, and guest/$guest in it"
	else
		echo "not ok variant $v: guest/$guest (see $LLS_CACHE/runs/variant-$EDITION-$v)"
		rc=1
	fi
done
exit $rc

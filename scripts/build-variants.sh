#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# build-variants.sh: build the kernel with each config/variants/*.config on
# top of the normal config (without the BPF LSM, without Landlock, without
# audit), to check that the series builds without what it can do without.
#
# Usage: scripts/build-variants.sh [TREE]
#
#   TREE       kernel source tree (default: the check tree)
#   VARIANTS=  names of config/variants/*.config (default: all of them)
#
# Each variant has its own build directory ($LLS_CACHE/build/normal-NAME):
# the first build of each is a whole kernel build (about 12 minutes here).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

tree=${1:-}
variants=${VARIANTS:-$(cd "$LLS_TOP/config/variants" && ls -- *.config | sed 's/\.config$//')}
rc=0
for v in $variants; do
	frag=$LLS_TOP/config/variants/$v.config
	[ -f "$frag" ] || die "no variant $frag"
	if CONFIG=normal EXTRA_CONFIG=$frag "$LLS_TOP/scripts/build-kernel.sh" $tree; then
		echo "ok variant $v"
	else
		echo "not ok variant $v"
		rc=1
	fi
done
exit $rc

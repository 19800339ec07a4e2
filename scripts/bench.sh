#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# bench.sh: build the kernel and the benchmarks, run bench/run.sh in one
# guest boot ("make bench").  For an edition whose base already has TSYNC
# (7.3.4), also build the base alone and run the same benchmarks on it, then
# compare the two kernels' TSYNC.
#
# Usage: scripts/bench.sh
#
#   EDITION=  which edition (default 6.19.11; see config/editions/)
#   CONFIG=   normal (default) or debug (timings of a debug kernel mean
#             little)
#   BASE=0    7.3.4: do not run the base's kernel
#
# Output: the benchmarks' lines, then, with the base's kernel, a table per
# case: the median latency of the TSYNC call on each kernel and their ratio,
# both raw and normalized by the user-space signal broadcast measured in the
# same boot (the two kernels boot one after the other, so the machine's
# load may differ between them; the broadcast is the same user-space work
# on both, and the normalized ratio cancels that difference).  The logs stay
# in $LLS_CACHE/runs/bench-$EDITION-*.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

export CONFIG=${CONFIG:-normal}
s=$LLS_TOP/scripts
prepare_kernel
SUITES="landlock bench" "$s/build-tests.sh" "$CHECK_TREE"
series_run=$LLS_CACHE/runs/bench-$EDITION-$CONFIG
base_run=$LLS_CACHE/runs/bench-$EDITION-$CONFIG-base
compare=0
if [ "${BASE_HAS_TSYNC:-0}" = 1 ] && [ "${BASE:-1}" = 1 ]; then
	# The pristine base, built like the check tree, with the benchmarks
	# only (the base's own tsync_test has no tsync_many).
	base_tree=$EDITION_CACHE/base-tree/linux
	if [ ! -d "$base_tree/.git" ]; then
		mkdir -p "${base_tree%/*}"
		git clone -q --shared --no-checkout "$BASE_REPO" "$base_tree"
	fi
	git -C "$base_tree" checkout -q -f --detach "$BASE_TAG"
	O=$BUILD_DIR/base-$CONFIG "$s/build-kernel.sh" "$base_tree"
	O=$BUILD_DIR/base-$CONFIG DEST=$TESTS_DIR/base-$CONFIG SUITES=bench \
		"$s/build-tests.sh" "$base_tree"
	compare=1
fi
RUN_DIR=$series_run TIMEOUT=1800 \
	"$s/vm-run.sh" "$LLS_TOP/bench/run.sh" "$TESTS_DIR/$CONFIG"
[ $compare = 1 ] || exit 0
echo "== the same on the base alone ($BASE_TAG, upstream's TSYNC)"
RUN_DIR=$base_run TIMEOUT=1800 KERNEL=$BUILD_DIR/base-$CONFIG/arch/x86/boot/bzImage \
	"$s/vm-run.sh" "$LLS_TOP/bench/run.sh" "$TESTS_DIR/base-$CONFIG"

echo
echo "== TSYNC of the series against upstream's ($BASE_TAG), medians"
# "threads=N CREDS IDLE rounds=R median: tsync call X us[, all switched Y
# us]; signal broadcast Z us; ..." from each run.
awk '
FNR == 1 { k = (FILENAME ~ /-base\// ? "base" : "series") }
/^threads=[0-9]+ .* median: / {
	key = $1 " " $2 " " $3
	if (!(key in seen)) { seen[key] = 1; order[n++] = key }
	match($0, /tsync call [0-9]+ us/); call[k, key] = substr($0, RSTART + 11, RLENGTH - 14)
	match($0, /signal broadcast [0-9]+ us/); bc[k, key] = substr($0, RSTART + 17, RLENGTH - 20)
	if (match($0, /all switched [0-9]+ us/)) all[k, key] = substr($0, RSTART + 13, RLENGTH - 16)
	if (match($0, /epoll wake alone [0-9]+ us/)) wake[k, key] = substr($0, RSTART + 17, RLENGTH - 20)
}
END {
	printf "%-46s %12s %12s %8s %11s\n", "case", "upstream us", "series us", "ratio", "normalized"
	for (i = 0; i < n; i++) {
		key = order[i]
		if (!(("base", key) in call) || !(("series", key) in call)) continue
		cb = call["base", key]; cs = call["series", key]
		r = cs > 0 ? cb / cs : 0
		nb = bc["base", key] > 0 ? cb / bc["base", key] : 0
		ns = bc["series", key] > 0 ? cs / bc["series", key] : 0
		printf "%-46s %12d %12d %7.2fx %10.2fx\n", key " (call)", cb, cs, r, (ns > 0 ? nb / ns : 0)
		if ((("base", key) in all) && (("series", key) in all) && all["series", key] > 0) {
			ab = all["base", key]; as = all["series", key]
			nb = bc["base", key] > 0 ? ab / bc["base", key] : 0
			ns = bc["series", key] > 0 ? as / bc["series", key] : 0
			printf "%-46s %12d %12d %7.2fx %10.2fx\n", key " (all switched)", ab, as, ab / as, (ns > 0 ? nb / ns : 0)
		}
		# The same wake-up without TSYNC, the floor of "all switched":
		# no ratio, the two boots differ only by chance there.
		if ((("base", key) in wake) && (("series", key) in wake))
			printf "%-46s %12d %12d %8s\n", key " (epoll wake alone)", wake["base", key], wake["series", key], "-"
	}
	print "(ratio: upstream / series, above 1 when the series is faster; normalized: the same"
	print " after dividing each by the signal broadcast of its own boot; epoll wake alone:"
	print " the same wake-up with no TSYNC call, on each kernel)"
}' "$series_run/output.log" "$base_run/output.log"

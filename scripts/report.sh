#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# report.sh: count the test cases in the output of guest/check.sh.
#
# Usage: scripts/report.sh OUTPUT_LOG
#
# Counts kselftest TAP case lines ("# ok N ...", "# not ok N ...", with
# "# SKIP") per binary, and test_progs subtest lines, prints one table row
# per binary and a last line "N passed, N failed[, N skipped]".  A binary
# that failed (crash, timeout) without a failing case counts as one failed
# case.  Exits 1 if anything failed or nothing ran.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"
[ -f "${1:-}" ] || die "usage: report.sh OUTPUT_LOG"

tr -d '\r' <"$1" | awk '
function row(name) {
	if (!(name in seen)) { seen[name] = 1; order[n++] = name }
}
/^lls-suite: / { suite = $2; next }
# kselftest: the runner announces each binary, then its nested TAP.
/^# selftests: [^ ]+: / { bin = $3 $4; row(bin); next }
/^# ok [0-9]+ / {
	if ($0 ~ /# SKIP/) { skip[bin]++; skips[++ns] = bin " " $0 } else pass[bin]++
	next
}
/^# not ok [0-9]+ / { fail[bin]++; fails[++nf] = $0; next }
/^not ok [0-9]+ selftests: / {
	b = $5 $6; row(b)
	if (!fail[b]) { fail[b] = 1; fails[++nf] = $0 }
	next
}
# test_progs: "#N/M name/sub:OK" or "#N name:OK" lines.
/^#[0-9]+(\/[0-9]+)? +[^ ]+:(OK|FAIL|SKIP)$/ {
	b = suite == "bpf" ? "test_progs" : "test_progs (" suite ")"; row(b)
	r = $0; sub(/.*:/, "", r)
	num = $1; sub(/\/.*/, "", num); num = suite SUBSEP num
	# Subtests come before their test: count a test only without subtests.
	if ($1 ~ /\//) hassub[num] = 1
	else if (num in hassub) next
	if (r == "FAIL") { fail[b]++; fails[++nf] = $0 }
	else if (r == "SKIP") { skip[b]++; skips[++ns] = $0 }
	else pass[b]++
	next
}
END {
	printf "%-34s %7s %7s %7s\n", "suite", "passed", "failed", "skipped"
	for (i = 0; i < n; i++) {
		b = order[i]
		printf "%-34s %7d %7d %7d\n", b, pass[b], fail[b], skip[b]
		tp += pass[b]; tf += fail[b]; ts += skip[b]
	}
	for (i = 1; i <= nf; i++) print "FAILED: " fails[i]
	for (i = 1; i <= ns; i++) print "skipped: " skips[i]
	line = tp " passed, " tf " failed"
	if (ts) line = line ", " ts " skipped"
	print line
	exit (tf > 0 || tp == 0) ? 1 : 0
}'

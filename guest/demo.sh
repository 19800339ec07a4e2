#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# demo.sh: what "make run" shows in the guest.  /host is the test install
# directory: supervisor/ (landlock-supervisor) and demo/ (landlock-demo).
set -u
say() { printf '\n== %s\n' "$*"; }
sup=/host/supervisor/landlock-supervisor
d=/tmp/demo

mkdir -p "$d/bin" "$d/data"
# The program to sandbox: a copy of cat, standing for a third-party program.
cp /bin/cat "$d/bin/cat"
echo "the secret" >"$d/data/secret"
cat >"$d/wrapper" <<EOF
#!/bin/sh
echo "wrapper (pid \$\$) reads \$1: \$(cat "\$1")"
echo "wrapper executes $d/bin/cat \$1:"
exec $d/bin/cat "\$1"
EOF
chmod 0755 "$d/wrapper"
cat >"$d/policy" <<EOF
# $d/bin/cat may read the system (/usr, /etc), nothing else.
target $d/bin/cat
read /usr /etc
EOF

say "kernel $(uname -r), LSMs: $(cat /sys/kernel/security/lsm)"

say "policy $d/policy, and the ruleset it gives (--dry-run)"
grep -v '^#' "$d/policy"
"$sup" --dry-run "$d/policy"

say "start landlock-supervisor $d/policy"
"$sup" "$d/policy" >"$d/log" 2>&1 &
pid=$!
for _ in $(seq 600); do
	grep -q supervising "$d/log" && break
	sleep 0.1
done
cat "$d/log"

say "a wrapper script runs the target on a file that the wrapper can read"
"$d/wrapper" "$d/data/secret"
say "an unrelated program (the system's cat) is never touched"
cat "$d/data/secret"

say "stop the supervisor (SIGTERM): its log"
kill -TERM "$pid"
wait "$pid"
cat "$d/log"

say "the same wrapper, supervisor stopped: the target reads the file"
"$d/wrapper" "$d/data/secret"

say "TSYNC: one landlock_restrict_self(2) call restricts every thread"
/host/demo/landlock-demo tsync "$d/data/secret"

say "EXECTIME: a launcher stages a restriction; only the command it executes is restricted"
/host/demo/landlock-demo exectime "$d/data/secret" cat "$d/data/secret"
exit 0

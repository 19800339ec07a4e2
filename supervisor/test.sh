#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# test.sh: landlock-supervisor's tests, run as root in the guest by
# guest/check.sh ("make check"), from the directory where
# scripts/build-supervisor.sh installed the supervisor.
#
# The targets are copies of cat in /tmp/sup/bin (the system's own programs
# stay untouched).  Output: kselftest-like TAP lines that scripts/report.sh
# counts.  Exit status: 1 if a case failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
sup=$here/landlock-supervisor
t=/tmp/sup
n=0
failed=0
sup_pid=
srv_pid=

echo "# selftests: supervisor: test.sh"

ok() {
	n=$((n + 1))
	echo "# ok $n $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "# not ok $n $1"
}

# skip NAME REASON: a case that cannot run here (counted as skipped).
skip() {
	n=$((n + 1))
	echo "# ok $n $1 # SKIP $2"
}

# check NAME COMMAND...: one case, passed if COMMAND succeeds.
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}

# Whether the kernel's Landlock has LANDLOCK_ACCESS_FS_RESOLVE_UNIX (1 << 16,
# ABI 9 in upstream's numbering: the 7.3.4 edition), asked of the kernel
# itself: a ruleset that handles it can be created.
has_resolve_unix() {
	python3 -c "
import ctypes, struct, sys
libc = ctypes.CDLL(None, use_errno=True)
attr = struct.pack('Q', 1 << 16)
sys.exit(0 if libc.syscall(444, attr, len(attr), 0) >= 0 else 1)"
}
if has_resolve_unix; then resolve_unix=1; else resolve_unix=0; fi

# check_unix NAME COMMAND...: check, on a kernel with
# LANDLOCK_ACCESS_FS_RESOLVE_UNIX; skipped on the others.
check_unix() {
	if [ "$resolve_unix" = 1 ]; then
		check "$@"
	else
		skip "$1" "no LANDLOCK_ACCESS_FS_RESOLVE_UNIX in this kernel's Landlock"
	fi
}

# reads COMMAND...: COMMAND (a cat) succeeds.
reads() {
	"$@" >/dev/null 2>&1
}

# denied COMMAND...: COMMAND (a cat, or what executes one) fails with the
# status of cat (1) and EACCES (Permission denied): the wrappers use other
# statuses.
denied() {
	local err rc
	err=$("$@" 2>&1 >/dev/null)
	rc=$?
	[ $rc = 1 ] && [[ $err == *"Permission denied"* ]] ||
		{ echo "# #   $*: status $rc: $err"; return 1; }
}

# as_user COMMAND...: COMMAND executed by a task of user 1000, without
# capabilities and without no_new_privs.  setpriv keeps root's effective
# capabilities until it executes: a shell of user 1000 executes COMMAND.
as_user() {
	setpriv --reuid=1000 --regid=1000 --clear-groups -- \
		/bin/sh -c 'exec "$@"' sh "$@"
}

# start POLICY LOG: starts the supervisor, waits until it has attached.
start() {
	local i
	"$sup" "$1" >"$2" 2>&1 &
	sup_pid=$!
	for i in $(seq 600); do
		grep -q "supervising" "$2" && return 0
		kill -0 "$sup_pid" 2>/dev/null || break
		sleep 0.1
	done
	echo "# #   the supervisor did not start:"
	sed 's/^/# #   /' "$2"
	return 1
}

# stop SIGNAL: stops the supervisor, returns its exit status.
stop() {
	local rc
	kill "-$1" "$sup_pid"
	# Without bash's message about a killed job.
	{ wait "$sup_pid"; } 2>/dev/null
	rc=$?
	sup_pid=
	return $rc
}

cleanup() {
	[ -n "$sup_pid" ] && kill -KILL "$sup_pid" 2>/dev/null
	[ -n "$srv_pid" ] && kill -KILL "$srv_pid" 2>/dev/null
	umount "$t/ovl" "$t/upperfs" 2>/dev/null
	rm -rf "$t"
}
trap cleanup EXIT

rm -rf "$t"
mkdir -p "$t/bin" "$t/allowed" "$t/a" "$t/b" "$t/policies"
for prog in target-cat other-cat strict-cat lenient-cat a-cat b-cat check-cat; do
	cp /bin/cat "$t/bin/$prog"
done
# A target on an overlay file system whose layers are on two other file
# systems (the /tmp tmpfs and a new one): its st_dev is the overlay's.
mkdir -p "$t/lower" "$t/upperfs" "$t/ovl"
cp /bin/cat "$t/lower/ovl-cat"
mount -t tmpfs tmpfs "$t/upperfs" && mkdir "$t/upperfs/upper" "$t/upperfs/work" &&
	mount -t overlay overlay -o "lowerdir=$t/lower,upperdir=$t/upperfs/upper,workdir=$t/upperfs/work" "$t/ovl" ||
	echo "# #   cannot mount the overlay"
ln -s "$t/bin/target-cat" "$t/symlink-cat"
echo secret >"$t/secret"
echo allowed >"$t/allowed/file"
echo a >"$t/a/file"
echo b >"$t/b/file"
chmod 0755 "$t" "$t/bin" "$t/allowed" "$t/a" "$t/b"
chmod 0644 "$t/secret" "$t/allowed/file" "$t/a/file" "$t/b/file"

# UNIX stream sockets that listen (connections queue, none is accepted),
# made by a process outside any domain: one outside the paths of the policy
# of unix-connect, one beneath a read path, one beneath a write path, one
# that is itself a write path.  The server is not a child of this shell (the
# SIGPIPE case waits for every child).
mkdir -p "$t/sockets/out" "$t/sockets/read" "$t/sockets/write" "$t/sockets/file"
socks=("$t/sockets/out/server" "$t/sockets/read/server"
       "$t/sockets/write/server" "$t/sockets/file/server")
srv_pid=$(python3 -c '
import signal, socket, sys
servers = []
for path in sys.argv[1:]:
    server = socket.socket(socket.AF_UNIX)
    server.bind(path)
    server.listen(64)
    servers.append(server)
signal.pause()' "${socks[@]}" </dev/null >/dev/null 2>&1 & echo $!)
for _ in $(seq 100); do
	[ -S "${socks[3]}" ] && break
	sleep 0.1
done
# unix-connect PATH: connects to the UNIX socket PATH, or fails as cat does
# (status 1, the error).
cat >"$t/bin/unix-connect" <<'EOF'
#!/usr/bin/python3
import os, socket, sys
try:
    socket.socket(socket.AF_UNIX).connect(sys.argv[1])
except OSError as e:
    sys.exit(f"unix-connect: {sys.argv[1]}: {os.strerror(e.errno)}")
EOF
chmod 0755 "$t/bin/unix-connect"

cat >"$t/policy" <<EOF
# The tests' policy.
target $t/bin/target-cat   # the main target
read /usr /etc /proc $t/allowed

target $t/bin/a-cat
read /usr /etc $t/a
log same-exec-off

target $t/bin/b-cat
read /usr /etc
write $t/b
on-failure deny

# Restricted only when the executing task has no_new_privs or
# CAP_SYS_ADMIN: user 1000 gets -EPERM.
target $t/bin/strict-cat
read /usr /etc
no-new-privs off

target $t/bin/lenient-cat
read /usr /etc
no-new-privs off
on-failure allow

# Only checked with AT_EXECVE_CHECK.
target $t/bin/check-cat
read /usr /etc

target $t/ovl/ovl-cat
read /usr /etc

# A #! script: reads itself.  With LANDLOCK_ACCESS_FS_RESOLVE_UNIX, connects
# to the UNIX sockets beneath its write paths only.
target $t/bin/unix-connect
read /usr /etc $t/bin/unix-connect $t/sockets/read
write $t/sockets/write $t/sockets/file/server
EOF

# A wrapper that reads the secret, runs the target (the wrapper goes on),
# reads the secret again, then executes the target on it.
cat >"$t/wrapper" <<EOF
#!/bin/sh
cat $t/secret >/dev/null || exit 10
$t/bin/target-cat $t/secret >/dev/null 2>&1 && exit 11
cat $t/secret >/dev/null || exit 12
exec $t/bin/target-cat "\$@"
EOF
cat >"$t/wrapper2" <<EOF
#!/bin/sh
exec $t/wrapper "\$@"
EOF
chmod 0755 "$t/wrapper" "$t/wrapper2"

# Without the supervisor, every copy of cat reads the secret.
check "unsupervised_reads" reads "$t/bin/target-cat" "$t/secret"
check "unsupervised_unix_connects" reads "$t/bin/unix-connect" "${socks[0]}"

check "help" bash -c "'$sup' --help | grep -q 'target PATH'"

dry_run() {
	local out
	out=$("$sup" --dry-run "$t/policy") || return 1
	grep -q "^target $t/bin/target-cat (line 2, " <<<"$out" &&
		grep -q "^  read $t/allowed: execute read_file read_dir$" <<<"$out" &&
		grep -q "^  write $t/b: execute write_file read_file read_dir remove_dir" <<<"$out" &&
		grep -q "no_new_privs: not set; on failure: run unrestricted; log flags: none$" <<<"$out" &&
		grep -q "no_new_privs: set; on failure: deny; log flags: same-exec-off$" <<<"$out"
}
check "dry_run" dry_run
# The right is handled, and given by write (also on the socket file itself),
# not by read.
dry_run_resolve_unix() {
	local out=$t/dry-run.out
	"$sup" --dry-run "$t/policy" >"$out" || return 1
	grep -q "^  handled: execute .* ioctl_dev resolve_unix$" "$out" &&
		grep -q "^  write $t/sockets/write: execute .* ioctl_dev resolve_unix$" "$out" &&
		grep -q "^  write $t/sockets/file/server: execute write_file read_file truncate ioctl_dev resolve_unix$" "$out" &&
		grep -q "^  read $t/sockets/read: execute read_file read_dir$" "$out" &&
		return 0
	sed 's/^/# #   /' "$out"
	return 1
}
check_unix "dry_run_resolve_unix" dry_run_resolve_unix

# policy_error NAME CONTENT REGEX: the supervisor refuses CONTENT with
# status 2 and an error matching REGEX (before loading anything).
policy_error() {
	local file=$t/policies/$1 out rc
	printf '%s\n' "$2" >"$file"
	out=$("$sup" "$file" 2>&1)
	rc=$?
	if [ $rc = 2 ] && grep -q -- "$3" <<<"$out"; then
		ok "policy_error_$1"
	else
		not_ok "policy_error_$1"
		echo "# #   status $rc, output: $out"
	fi
}
policy_error unknown_directive "target $t/bin/target-cat
raed /usr" "^$t/policies/unknown_directive:2: unknown directive \"raed\""
policy_error before_target "read /usr" \
	":1: read before the first target$"
policy_error missing_path "target $t/bin/target-cat
read /usr
read $t/missing" ":3: $t/missing: No such file or directory$"
policy_error missing_target "target $t/bin/missing" \
	":1: target $t/bin/missing: No such file or directory$"
policy_error not_executable "target $t/secret" \
	":1: target $t/secret: not an executable regular file$"
policy_error directory_target "target $t/bin" \
	":1: target $t/bin: not an executable regular file$"
ln "$t/bin/target-cat" "$t/bin/hardlink-cat"
policy_error same_file "target $t/bin/target-cat

target $t/bin/hardlink-cat" \
	":3: target $t/bin/hardlink-cat: same file as the target of line 1$"
rm "$t/bin/hardlink-cat"
policy_error two_paths "target $t/bin/target-cat $t/bin/other-cat" \
	":1: target takes one path, 2 given$"
policy_error bad_switch "target $t/bin/target-cat
on-failure maybe" ":2: on-failure takes \"allow\" or \"deny\", not \"maybe\"$"
policy_error bad_nnp "target $t/bin/target-cat
no-new-privs" ":2: no-new-privs needs a value$"
policy_error bad_log "target $t/bin/target-cat
log same-exec-on" ":2: unknown log flag \"same-exec-on\""
policy_error no_target "# nothing" ": no target$"
policy_error hash_in_path "target $t/bin/target-cat
read /usr#x" ":2: '#' inside \"/usr#x\": a comment starts a word$"
policy_error repeated_switch "target $t/bin/target-cat
on-failure allow
on-failure deny" ":3: on-failure already given on line 2$"
mkdir "$t/many"
many=
for i in $(seq 65); do
	cp /bin/true "$t/many/$i"
	many+="target $t/many/$i"$'\n'
done
policy_error too_many_targets "$many" ":65: more than 64 targets$"
# A comment after a directive, and one that starts a line.
check "comments" bash -c "printf 'target %s # the target\n  # read /nothing\n' '$t/bin/target-cat' >'$t/policies/comments' && '$sup' --dry-run '$t/policies/comments' >/dev/null"
dry_run_error() {
	local out
	out=$("$sup" --dry-run "$t/policies/hash_in_path" 2>&1)
	[ $? = 2 ] && grep -q ":2: '#' inside" <<<"$out"
}
check "dry_run_policy_error" dry_run_error

not_privileged() {
	local out
	out=$(as_user "$sup" "$t/policy" 2>&1)
	[ $? = 1 ] && grep -q "not privileged: run as root" <<<"$out"
}
check "not_privileged" not_privileged

log=$t/supervisor.log
if ! start "$t/policy" "$log"; then
	not_ok "start"
	echo "not ok 1 selftests: supervisor: test.sh"
	exit 1
fi
ok "start"
# The probe knows the running kernel's Landlock ABI (9 on the 6.19.11
# edition, 12 on the 7.3.4 edition): no warning.
start_no_warning() {
	grep -q "warning" "$log" || return 0
	grep "warning" "$log" | sed 's/^/# #   /'
	return 1
}
check "start_no_warning" start_no_warning

check "direct_denied" denied "$t/bin/target-cat" "$t/secret"
check "direct_allowed" reads "$t/bin/target-cat" "$t/allowed/file"
check "direct_nnp" bash -c "'$t/bin/target-cat' /proc/self/status | grep -q '^NoNewPrivs:.*1$'"
check "sh_c_denied" denied sh -c "exec $t/bin/target-cat $t/secret"
check "sh_c_child_denied" denied sh -c "$t/bin/target-cat $t/secret; exit \$?"
# The wrapper reads the secret before and after running the target, which is
# denied: only the target is restricted.
check "script_wrapper_denied" denied "$t/wrapper" "$t/secret"
check "script_wrapper_allowed" reads "$t/wrapper" "$t/allowed/file"
check "two_wrappers_denied" denied "$t/wrapper2" "$t/secret"
check "non_target_reads" reads "$t/bin/other-cat" "$t/secret"
check "system_cat_reads" reads cat "$t/secret"
# The shell that ran a restricted target still reads (a redirection of its
# own, no program executed).
check "caller_reads_after" bash -c "'$t/bin/target-cat' '$t/secret' 2>/dev/null; read -r line <'$t/secret'"
ln "$t/bin/target-cat" "$t/bin/link-cat"
check "hard_link_denied" denied "$t/bin/link-cat" "$t/secret"
mv "$t/bin/target-cat" "$t/bin/renamed-cat"
check "renamed_denied" denied "$t/bin/renamed-cat" "$t/secret"
mv "$t/bin/renamed-cat" "$t/bin/target-cat"
check "symlink_denied" denied "$t/symlink-cat" "$t/secret"
# fexecve(3): execveat(2) of a file descriptor with AT_EMPTY_PATH.
check "fexecve_denied" denied python3 -c "import os, sys; os.execve(os.open('$t/bin/target-cat', os.O_RDONLY), ['cat', '$t/secret'], {})"
check "overlay_denied" denied "$t/ovl/ovl-cat" "$t/secret"
check "overlay_allowed" reads "$t/ovl/ovl-cat" /etc/hostname
# AT_EXECVE_CHECK (0x10000) only checks: not restricted, not counted.
execve_check() {
	python3 -c "
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
fd = os.open('$t/bin/check-cat', os.O_RDONLY)
argv = (ctypes.c_char_p * 2)(b'cat', None)
ret = libc.syscall(322, fd, b'', argv, None, 0x1000 | 0x10000)
sys.exit(0 if ret == 0 else 1)"
}
check "execve_check_allowed" execve_check
# A file name that would forge a log line.
ln "$t/bin/target-cat" "$t/bin/nl"$'\n'"cat"
check "control_characters_denied" denied "$t/bin/nl"$'\n'"cat" "$t/secret"
check "user_nnp_denied" denied as_user "$t/bin/target-cat" "$t/secret"
user_nnp_set() {
	as_user "$t/bin/target-cat" /proc/self/status | grep -q '^NoNewPrivs:.*1$'
}
check "user_nnp_set" user_nnp_set
check "two_targets_a_reads_a" reads "$t/bin/a-cat" "$t/a/file"
check "two_targets_a_denied_b" denied "$t/bin/a-cat" "$t/b/file"
check "two_targets_b_reads_b" reads "$t/bin/b-cat" "$t/b/file"
check "two_targets_b_denied_a" denied "$t/bin/b-cat" "$t/a/file"
# strict-cat without no_new_privs: restricted when the executing task has
# CAP_SYS_ADMIN, refused (-EPERM) for user 1000, and then denied.
check "fail_closed_root_restricted" denied "$t/bin/strict-cat" "$t/secret"
fail_closed() {
	local err
	err=$(as_user "$t/bin/strict-cat" "$t/secret" 2>&1) && return 1
	[[ $err == *"Operation not permitted"* ]] || { echo "# #   $err"; return 1; }
}
check "fail_closed_user_exec_denied" fail_closed
check "fail_open_user_runs" reads as_user "$t/bin/lenient-cat" "$t/secret"
# Pathname UNIX sockets, with LANDLOCK_ACCESS_FS_RESOLVE_UNIX: a target
# connects to those beneath its write paths only.
check_unix "unix_connect_denied" denied "$t/bin/unix-connect" "${socks[0]}"
check_unix "unix_connect_read_denied" denied "$t/bin/unix-connect" "${socks[1]}"
check_unix "unix_connect_write_allowed" reads "$t/bin/unix-connect" "${socks[2]}"
check_unix "unix_connect_write_socket_allowed" reads "$t/bin/unix-connect" "${socks[3]}"
check_unix "unix_connect_non_target" reads python3 -c "import socket; socket.socket(socket.AF_UNIX).connect('${socks[0]}')"

log_line() {
	grep -q -- "$1" "$log" || { echo "# #   no log line: $1"; return 1; }
}
check "log_restricted" log_line \
	"landlock-supervisor: pid [0-9]* (bash) executes $t/bin/link-cat (target $t/bin/target-cat): restricted$"
check "log_denied" log_line \
	"executes $t/bin/strict-cat (target $t/bin/strict-cat): restriction failed (Operation not permitted), execve denied$"
check "log_escaped" log_line \
	"executes $t/bin/nl?cat (target $t/bin/target-cat): restricted$"
check "log_no_check" bash -c "! grep -q check-cat '$log'"
check "log_unrestricted" log_line \
	"executes $t/bin/lenient-cat (target $t/bin/lenient-cat): restriction failed (Operation not permitted), runs unrestricted (on-failure allow)$"

check "stop_status" stop TERM
check "stop_counts_strict" log_line "$t/bin/strict-cat: 1 restricted, 1 denied, 0 unrestricted$"
check "stop_counts_lenient" log_line "$t/bin/lenient-cat: 0 restricted, 0 denied, 1 unrestricted$"
check "stop_counts_a" log_line "$t/bin/a-cat: 2 restricted, 0 denied, 0 unrestricted$"
check "stop_counts_check" log_line "$t/bin/check-cat: 0 restricted, 0 denied, 0 unrestricted$"
check "stopped_reads" reads "$t/bin/target-cat" "$t/secret"
check "stopped_strict_user_runs" reads as_user "$t/bin/strict-cat" "$t/secret"
check_unix "stopped_unix_connects" reads "$t/bin/unix-connect" "${socks[0]}"

# SIGINT and SIGHUP stop it as SIGTERM does.
for sig in INT HUP; do
	if start "$t/policy" "$log"; then
		check "sig${sig,,}_restricted" denied "$t/bin/target-cat" "$t/secret"
		check "sig${sig,,}_status" stop "$sig"
		check "sig${sig,,}_reads" reads "$t/bin/target-cat" "$t/secret"
	else
		not_ok "sig${sig,,}_start"
	fi
done

# SIGPIPE: the supervisor's output goes to a pipe that is closed after the
# first line; the supervisor goes on.
"$sup" "$t/policy" 2>&1 | head -n 1 >/dev/null &
sleep 1
for _ in $(seq 600); do
	pgrep -x landlock-superv >/dev/null && denied "$t/bin/target-cat" "$t/secret" >/dev/null 2>&1 && break
	sleep 0.1
done
reads "$t/bin/target-cat" "$t/secret" # an event to write into the closed pipe
check "sigpipe_survives" denied "$t/bin/target-cat" "$t/secret"
pkill -TERM -x landlock-superv
wait
check "sigpipe_stopped_reads" reads "$t/bin/target-cat" "$t/secret"

# SIGKILL: the links and maps go with the process.
if start "$t/policy" "$log"; then
	check "restarted_denied" denied "$t/bin/target-cat" "$t/secret"
	stop KILL
	check "killed_reads" reads "$t/bin/target-cat" "$t/secret"
	check "killed_strict_user_runs" reads as_user "$t/bin/strict-cat" "$t/secret"
else
	not_ok "restart"
fi

if [ "$failed" = 0 ]; then
	echo "ok 1 selftests: supervisor: test.sh"
else
	echo "not ok 1 selftests: supervisor: test.sh # $failed failed"
fi
[ "$failed" = 0 ]

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# demo.sh: what "make run" shows in the guest.  /host is the test install
# directory (it holds the sandboxer sample).
set -u
say() { printf '\n== %s\n' "$*"; }

say "kernel"
uname -r
say "active LSMs (/sys/kernel/security/lsm): look for landlock and bpf"
cat /sys/kernel/security/lsm; echo
say "Landlock ABI version (landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION))"
python3 -c 'import ctypes; l = ctypes.CDLL(None, use_errno=True); print(l.syscall(444, None, 0, 1))'

mkdir -p /tmp/demo/allowed /tmp/demo/denied
echo secret >/tmp/demo/denied/file
cd /tmp/demo || exit 1
say "sandboxer: read-only /usr /lib /lib64 /bin /etc /proc /dev, read-write /tmp/demo/allowed"
export LL_FS_RO=/usr:/lib:/lib64:/bin:/etc:/proc:/dev LL_FS_RW=/tmp/demo/allowed
/host/sandboxer /bin/bash -c '
	echo hello >/tmp/demo/allowed/file && echo "write /tmp/demo/allowed/file: allowed (expected)"
	cat /tmp/demo/denied/file 2>&1 | sed "s/^/read \/tmp\/demo\/denied\/file: /"
	echo "  (a Permission denied above is the sandbox working)"
	touch /tmp/demo/new 2>&1 | sed "s/^/create \/tmp\/demo\/new: /"
'
echo
echo "outside the sandbox, /tmp/demo/denied/file reads: $(cat /tmp/demo/denied/file)"

# SPDX-License-Identifier: GPL-2.0
# Edition 7.3.4: the series on Linux 7.3.4, the newest upstream tree reachable
# here, standing in for bpf-next (Landlock ABI 11 before the series: TSYNC and
# NO_NEW_PRIVS are upstream; 12 after it).  Sourced by scripts/lib.sh.

BASE_VERSION=7.3.4
BASE_TAG=v7.3.4
# What is downloaded: Debian's linux-source-7.3 binary package (the orig
# tarball of that upload is no longer served), which holds the source with
# Debian's patches applied as /usr/src/linux-source-7.3.tar.xz.  Both the
# package and the tarball inside it are pinned.  Which Debian patches touch
# the files of the series: see the README ("The two editions").
BASE_KIND=deb
BASE_FILE=linux-source-7.3_7.3.4-1~bpo13+1_all.deb
BASE_SHA256=703e369ddd4cce971452f5a593ee55df3a5c10c83caf0fa0df039633ed181ee3
BASE_POOL_PATH=pool/main/l/linux/linux-source-7.3_7.3.4-1~bpo13+1_all.deb
BASE_DEB_MEMBER=./usr/src/linux-source-7.3.tar.xz
BASE_DEB_MEMBER_SHA256=76df1affb19f24926949369be1d74b60071c963c598ce8780bddd4bbf0fc3bc4
BASE_TOPDIR=linux-source-7.3
# The base commit's message names its source.
BASE_DESC="Debian linux-source-7.3 7.3.4-1~bpo13+1"
# Two patch sets, posted separately: the Landlock part for the Landlock
# tree, then the BPF part for bpf-next, which depends on it.
PARTS="landlock bpf-next"
PREFIX_landlock=PATCH
PREFIX_bpf_next="PATCH bpf-next"
# Upstream has TSYNC: make bench compares the series's with it.
BASE_HAS_TSYNC=1

# SPDX-License-Identifier: GPL-2.0
# Edition 6.19.11: the whole series on pristine Linux v6.19.11 (Landlock ABI 7
# before the series, 9 after it).  Sourced by scripts/lib.sh.

BASE_VERSION=6.19.11
BASE_TAG=v6.19.11
# What is downloaded: Debian's orig tarball: the kernel.org release without
# the 6 paths of Debian's Files-Excluded (non-free firmware and the like;
# none is a file of the series), so its tree is not kernel.org's.
BASE_KIND=orig
BASE_FILE=linux_6.19.11.orig.tar.xz
BASE_SHA256=e19d838c34519b050dd48334c673b07f4089d56449b453e6d1d04460e0667fa6
# The source package that has it (tried through apt), and kernel.org's name.
BASE_DEBIAN_SOURCE=linux=6.19.11-1~bpo13+1
BASE_KERNEL_ORG=v6.x/linux-6.19.11.tar.xz
BASE_TOPDIR=linux-6.19.11
# The base commit's message names its source.
BASE_DESC=linux_6.19.11.orig.tar.xz
# One patch set, posted as one series.
PARTS=series
PREFIX_series=PATCH

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# build-kernel.sh: configure and build a kernel tree inside the toolchain root.
#
# Usage: scripts/build-kernel.sh [TREE]
#
#   TREE       kernel source tree (default: the check tree, brought to
#              base + patches/$EDITION first)
#   CONFIG=    normal (default): tinyconfig + config/vm.config +
#              config/editions/$EDITION.config
#              debug: also config/debug.config (KASAN, lockdep, kmemleak, ...)
#              bpf-selftests: the BPF selftests' own fragments, as
#              tools/testing/selftests/bpf/vmtest.sh uses them
#   EXTRA_CONFIG=FILE   one more fragment, for one-off builds (its own O= dir)
#   O=DIR      build directory (default: $LLS_CACHE/$EDITION/build/$CONFIG)
#   EDITION=   which edition (default 6.19.11; see config/editions/)
#
# The configuration is regenerated only when a fragment changes, and every
# option a fragment sets is checked in the result: an option that does not
# stick is an error.  Builds vmlinux, bzImage and modules (for
# Module.symvers).  The build log is DIR/build.log.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

if [ -z "${1:-}" ]; then
	"$LLS_TOP/scripts/worktree.sh" --sync "$CHECK_TREE"
fi
tree=$(realpath "${1:-$CHECK_TREE}")
config=${CONFIG:-normal}
frags=("$LLS_TOP/config/vm.config" "$LLS_TOP/config/editions/$EDITION.config")
# A fragment's options must stick, unless the fragments are not ours.
base=tinyconfig
case "$config" in
normal) ;;
debug) frags+=("$LLS_TOP/config/debug.config") ;;
bpf-selftests)
	sel=$tree/tools/testing/selftests/bpf
	frags=("$sel/config" "$sel/config.vm" "$sel/config.x86_64")
	base=
	;;
*) die "CONFIG=$config: use normal, debug or bpf-selftests" ;;
esac
out_name=$config
if [ -n "${EXTRA_CONFIG:-}" ]; then
	frags+=("$(realpath "$EXTRA_CONFIG")")
	out_name=$config-$(basename "$EXTRA_CONFIG" .config)
fi
out=${O:-$BUILD_DIR/$out_name}
[ -f "$tree/Makefile" ] || die "$tree is not a kernel tree (run make worktree)"
mkdir -p "$out"
case "$out" in /*) ;; *) out=$(realpath "$out") ;; esac
case "$tree:$out" in
"$LLS_CACHE"/*:"$LLS_CACHE"/*|"$LLS_TOP"/*:"$LLS_CACHE"/*) ;;
*) export LLS_EXTRA_BIND="${tree%/*}" ;;
esac
jobs=$(($(nproc) + 1))
kmake() {
	in_root make -C "$tree" O="$out" -j"$jobs" "$@"
}

# The fragments' lines (a fragment may lack its last newline).
frag_lines() {
	local f
	for f in "${frags[@]}"; do
		cat "$f"
		echo
	done
}

stamp=$(cat "${frags[@]}" | sha256sum | cut -d' ' -f1)
if [ ! -f "$out/.config" ] || [ "$(cat "$out/.lls-config-stamp" 2>/dev/null)" != "$stamp" ]; then
	info "configuring $out ($config)"
	if [ -n "$base" ]; then
		kmake -s "$base" >/dev/null
		in_root "$tree/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "${frags[@]}" >"$out/merge.log"
	else
		# As vmtest.sh: the fragments one after the other, then defaults.
		frag_lines >"$out/.config"
	fi
	kmake -s olddefconfig
	# Every option set by a fragment must be in the result as written;
	# a later fragment overrides an earlier one, "is not set" included.
	missing=$(frag_lines |
		  sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=.*/\1 &/p; s/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1 &/p' |
		  awk '{ k = $1; sub(/^[^ ]+ /, ""); last[k] = $0 } END { for (k in last) print last[k] }' |
		  while read -r line; do
			case "$line" in
			"# "*) opt=${line#\# }; opt=${opt%% *}
			       ! grep -q "^$opt=" "$out/.config" || echo "$line" ;;
			*) grep -qxF "$line" "$out/.config" || echo "$line" ;;
			esac
		  done)
	if [ -n "$missing" ] && [ -n "$base" ]; then
		die "options that did not stick (missing dependency?):
$missing"
	fi
	if [ -n "$missing" ]; then
		echo "$missing" >"$out/options-not-set.log"
		info "$(echo "$missing" | wc -l) options of the fragments did not stick, see $out/options-not-set.log"
	fi
	echo "$stamp" >"$out/.lls-config-stamp"
fi

info "building $tree in $out (log: $out/build.log)"
start=$(date +%s)
if ! kmake all >"$out/build.log" 2>&1; then
	grep -E 'error|Error' "$out/build.log" | head -n 20 >&2
	tail -n 20 "$out/build.log" >&2
	die "kernel build failed, see $out/build.log"
fi
info "built $out/arch/x86/boot/bzImage in $(($(date +%s) - start)) s"

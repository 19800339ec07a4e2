#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# debian-patches.sh: which of Debian's own kernel patches touch the files
# that the series changes, and whether they matter to it.
#
# Usage: scripts/debian-patches.sh [PATH...]
#
#   PATH            a file of the tree, a directory ending in "/" or a shell
#                   pattern ("include/linux/bpf*.h"), counted as changed by
#                   the series in addition to the files of its patches (for
#                   a series still being written)
#   EDITION=        whose patches and base (default 6.19.11; see
#                   config/editions/): the files come from the "diff --git"
#                   headers of patches/$EDITION/
#   SERIES_EDITION= take the file names from patches/$SERIES_EDITION/
#                   instead (e.g. 6.19.11 as a stand-in while the 7.3.4
#                   patches do not exist yet); the apply test is then skipped
#
# Debian's patch set is measured on the one upload for which both sides are
# served: linux-source-6.19 6.19.11-1~bpo13+1 (Debian's patched tree, pinned
# by its sha256 below, downloaded from the archive's pool into
# $LLS_CACHE/downloads/) against v6.19.11 of the 6.19.11 edition's base
# repository (the pinned orig tarball, see scripts/fetch-base.sh).  Only the
# source tarball inside the package is read, once, as a stream: the files
# that differ are kept in $LLS_CACHE/debian-patches/, with the diff
# (debian-6.19.11.diff), reused by later runs.  Debian's diff of the 7.3.4
# upload (.debian.tar.xz) and its orig tarball are not served any more, so
# for 7.3.4 the 6.19 set stands in; each of its changes is looked up in
# v7.3.4 (Debian's linux-source-7.3 tree, the 7.3.4 edition's base).
#
# Printed, as plain text: every file that Debian changes, adds or removes
# and whether the change is in v7.3.4; the files that the series changes
# too; for each of those, Debian's hunks, and (when the edition has
# patches) whether the edition's patches apply on the tree without
# Debian's change (6.19.11: pristine + Debian; 7.3.4: v7.3.4 with the 6.19
# hunks reverted), with the line ranges of both changes in the base.
#
# Needs: curl, dpkg-deb, xz, git, python3, patch, diff.  Both editions' base
# repositories (EDITION=6.19.11 and EDITION=7.3.4 scripts/fetch-base.sh).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
maybe_help "$0" "$@"

# Debian's patched 6.19.11 tree, from the pool of the archive.
DEB_FILE=linux-source-6.19_6.19.11-1~bpo13+1_all.deb
DEB_SHA256=82e4e3ab5d784a2348973125ead205e166797b1935c1ad8db50bfd977916a282
DEB_POOL_PATH=pool/main/l/linux/$DEB_FILE
DEB_MEMBER=./usr/src/linux-source-6.19.tar.xz
DEB_MEMBER_SHA256=b32d902371866e93b94aed9756993dc6417829e4046c91a4e9bcf350b2a4fd12
# The pristine tree it is compared with, and the later Debian tree.
PRISTINE_REPO=${PRISTINE_REPO:-$LLS_CACHE/6.19.11/base.git}
PRISTINE_TAG=v6.19.11
LATER_REPO=${LATER_REPO:-$LLS_CACHE/7.3.4/base.git}
LATER_TAG=v7.3.4

# Changelog items worth reading: subsystems of the series, and patch work.
CHANGELOG_RE=${CHANGELOG_RE:-'landlock|bpf|lsm|secur|apparmor|lockdown|userns|fork|exec|selftest|tools|patch|revert'}
WORK=${DEBIAN_PATCHES_WORK:-$LLS_CACHE/debian-patches}
DIFF=$WORK/debian-6.19.11.diff
LIST=$WORK/debian-6.19.11.files

for c in curl dpkg-deb xz git python3 patch diff; do
	command -v "$c" >/dev/null || die "$c is needed"
done
need_repo() {
	git -C "$1" rev-parse -q --verify "$2^{commit}" >/dev/null 2>&1 ||
		die "no $2 in $1: run EDITION=$3 scripts/fetch-base.sh"
}
need_repo "$PRISTINE_REPO" "$PRISTINE_TAG" 6.19.11
need_repo "$LATER_REPO" "$LATER_TAG" 7.3.4
mkdir -p "$WORK" "$DOWNLOADS"
tmp=$(mktemp -d "$WORK/run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The helper that reads tarballs, diffs and git objects.
cat >"$tmp/helper.py" <<'EOF'
import hashlib, os, re, subprocess, sys, tarfile

def blob_id(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()

def ls_tree(repo, tag):
    """path -> (mode, blob id) of the tree of tag."""
    out = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "-z", tag],
                         check=True, capture_output=True).stdout
    files = {}
    for rec in out.split(b"\0"):
        if rec:
            meta, path = rec.split(b"\t", 1)
            mode, _, oid = meta.decode().split()
            files[path.decode()] = (mode, oid)
    return files

def cmd_scan(repo, tag, outdir, listfile):
    """Compare the tarball on stdin with tag; keep the files that differ."""
    base = ls_tree(repo, tag)
    seen = set()
    changes = []
    with tarfile.open(fileobj=sys.stdin.buffer, mode="r|") as tar:
        for m in tar:
            path = m.name.split("/", 1)[1] if "/" in m.name else ""
            if not path or m.isdir():
                continue
            if m.issym():
                mode, data = "120000", m.linkname.encode()
            elif m.isfile():
                mode = "100755" if m.mode & 0o111 else "100644"
                data = tar.extractfile(m).read()
            else:
                continue
            seen.add(path)
            old = base.get(path)
            if old and old[1] == blob_id(data):
                if old[0] != mode:
                    changes.append(("T", path))
                continue
            changes.append(("M" if old else "A", path))
            dest = os.path.join(outdir, path)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as f:
                f.write(data)
    changes += [("D", p) for p in base if p not in seen]
    with open(listfile, "w") as f:
        for kind, path in sorted(changes, key=lambda c: c[1]):
            f.write("%s %s\n" % (kind, path))

def parse_diff(text):
    """file -> list of hunks (old_start, old_len, new_start, new_len, lines)."""
    files, cur, hunk = {}, None, None
    for line in text.splitlines():
        if line.startswith("diff "):
            cur, hunk = None, None
        elif line.startswith("+++ ") or line.startswith("--- "):
            p = line[4:].split("\t")[0]
            if p != "/dev/null":
                cur = p.split("/", 1)[1]
                files.setdefault(cur, [])
        elif line.startswith("@@ ") and cur:
            m = re.match(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", line)
            a, b, c, d = (int(x) if x is not None else 1 for x in m.groups())
            hunk = [a, b, c, d, []]
            files[cur].append(hunk)
        elif hunk is not None and line[:1] in ("+", "-", " "):
            hunk[4].append(line)
    return files

def git_show(repo, tag, path):
    r = subprocess.run(["git", "-C", repo, "show", "%s:%s" % (tag, path)],
                       capture_output=True)
    return r.stdout.decode(errors="replace") if r.returncode == 0 else None

def later_status(repo, tag, kind, path, hunks):
    """Is Debian's change to path in the later tree?"""
    text = git_show(repo, tag, path)
    if kind == "D":
        return "removed there too" if text is None else "file present (not removed)"
    if text is None:
        return "file absent"
    if kind == "T":
        return "mode change only"
    have = set(l.strip() for l in text.splitlines())
    added = [l[1:].strip() for h in hunks for l in h[4] if l[0] == "+" and l[1:].strip()]
    removed = [l[1:].strip() for h in hunks for l in h[4] if l[0] == "-" and l[1:].strip()]
    found = sum(1 for l in added if l in have)
    gone = sum(1 for l in removed if l not in have)
    if added:
        st = "present" if found == len(added) else "absent" if not found else "partial"
        return "%s (%d/%d added lines found)" % (st, found, len(added))
    st = "present" if gone == len(removed) else "absent" if not gone else "partial"
    return "%s (%d/%d removed lines gone)" % (st, gone, len(removed))

def cmd_later(diff, listfile, repo, tag):
    hunks = parse_diff(open(diff, errors="replace").read())
    for line in open(listfile):
        kind, path = line.split()
        print("%s %-60s %s" % (kind, path, later_status(repo, tag, kind, path, hunks.get(path, []))))

def ranges(diff):
    """path -> [(first, last, inserted)] of a -U0 diff, in old-side lines."""
    out = {}
    for path, hs in parse_diff(open(diff, errors="replace").read()).items():
        for a, b, c, d, _ in hs:
            # "-a,0" inserts after line a; "-a,b" replaces lines a..a+b-1.
            out.setdefault(path, []).append((a, a + b - 1, b == 0) if b
                                            else (a, a, True))
    return out

def show(r):
    first, last, ins = r
    return "after %d" % first if ins else "%d-%d" % (first, last)

def cmd_overlap(debian_diff, series_diff, context):
    deb, ser = ranges(debian_diff), ranges(series_diff)
    context = int(context)
    for path in sorted(deb):
        s_r = ser.get(path, [])
        print("  %s: the series changes lines %s" % (path, ", ".join(map(show, s_r)) or "none"))
        for r in deb[path]:
            # Distance between the two spans of lines (0: they overlap).
            dist = [max(a - r[1], r[0] - b, 0) for a, b, _ in s_r]
            d = min(dist) if dist else None
            what = ("no series hunk" if d is None else "OVERLAP" if d == 0
                    else "%d lines away: %s" % (d, "within the context of a hunk"
                                                if d <= context else "clear"))
            print("    Debian %s: %s" % (show(r), what))

getattr(sys.modules[__name__], "cmd_" + sys.argv[1])(*sys.argv[2:])
EOF
helper() {
	python3 "$tmp/helper.py" "$@"
}

# Debian's patch set: the files that differ, and their diff.
if [ ! -s "$LIST" ] || [ ! -f "$DIFF" ]; then
	deb=$DOWNLOADS/$DEB_FILE
	if ! echo "$DEB_SHA256  $deb" | sha256sum --quiet -c - >/dev/null 2>&1; then
		mirror=$(debian_mirror)
		info "downloading $mirror/$DEB_POOL_PATH"
		curl -fsSL --connect-timeout 20 -o "$deb.part" "$mirror/$DEB_POOL_PATH" ||
			die "$mirror does not serve $DEB_POOL_PATH: put $DEB_FILE (sha256 $DEB_SHA256) in $DOWNLOADS/"
		echo "$DEB_SHA256  $deb.part" | sha256sum --quiet -c - ||
			die "$DEB_FILE: wrong sha256 (want $DEB_SHA256)"
		mv "$deb.part" "$deb"
	fi
	info "comparing $DEB_MEMBER of $DEB_FILE with $PRISTINE_TAG"
	rm -rf "$WORK/debian"
	mkdir -p "$WORK/debian"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "$DEB_MEMBER" >"$tmp/src.tar.xz"
	echo "$DEB_MEMBER_SHA256  $tmp/src.tar.xz" | sha256sum --quiet -c - ||
		die "$DEB_MEMBER in $DEB_FILE: wrong sha256 (want $DEB_MEMBER_SHA256)"
	nice -n 19 xz -dc "$tmp/src.tar.xz" |
		nice -n 19 python3 "$tmp/helper.py" scan "$PRISTINE_REPO" "$PRISTINE_TAG" \
			"$WORK/debian" "$tmp/list"
	rm -f "$tmp/src.tar.xz"
	: >"$tmp/diff"
	while read -r kind path; do
		case $kind in
		M|D)
			git -C "$PRISTINE_REPO" show "$PRISTINE_TAG:$path" >"$tmp/old"
			new=$WORK/debian/$path
			[ "$kind" = D ] && new=/dev/null
			;;
		A)
			: >"$tmp/old"
			new=$WORK/debian/$path
			;;
		T)
			echo "diff a/$path b/$path: mode change only" >>"$tmp/diff"
			continue
			;;
		esac
		{
			echo "diff -u a/$path b/$path"
			diff -u --label "a/$path" --label "b/$path" "$tmp/old" "$new" || true
		} >>"$tmp/diff"
	done <"$tmp/list"
	mv "$tmp/diff" "$DIFF"
	mv "$tmp/list" "$LIST"
fi

# The files that the series changes.
series_edition=${SERIES_EDITION:-$EDITION}
if [ "$series_edition" = "$EDITION" ]; then
	patches=$(series_patches)
else
	patches=$(EDITION=$series_edition bash -c '. "$1"; series_patches' _ \
		"$(dirname "$0")/lib.sh")
fi
{
	# shellcheck disable=SC2086 # one patch file a line, no spaces
	[ -z "$patches" ] || sed -n 's|^diff --git a/\([^ ]*\) b/\([^ ]*\)$|\1\n\2|p' $patches
	printf '%s\n' "$@"
} | sed '/^$/d' | sort -u >"$tmp/series"

# Debian's files that the series changes: equal names, below a directory
# ("DIR/"), or matching a shell pattern ("include/linux/bpf*.h").
while read -r _ path; do
	while read -r pat; do
		# shellcheck disable=SC2053 # $pat is a pattern: unquoted on purpose
		case $pat in
		*/) [[ $path == "$pat"* ]] ;;
		*) [[ $path == $pat ]] ;;
		esac && { echo "$path"; break; }
	done <"$tmp/series"
done <"$LIST" >"$tmp/both"

n() { wc -l <"$1" | tr -d ' '; }
echo "== Debian's patch set: $DEB_FILE against $PRISTINE_TAG"
echo "$(n "$LIST") files: $(grep -c '^M' "$LIST" || true) changed, $(grep -c '^A' "$LIST" || true) added, $(grep -c '^D' "$LIST" || true) removed, $(grep -c '^T' "$LIST" || true) mode only"
echo "Each, and whether the change is in $LATER_TAG ($LATER_REPO):"
helper later "$DIFF" "$LIST" "$LATER_REPO" "$LATER_TAG" | tee "$tmp/later"
# What Debian's orig tarball leaves out of upstream's release (its
# copyright file's Files-Excluded): absent from both trees compared above.
deb=$DOWNLOADS/$DEB_FILE
if [ -f "$deb" ]; then
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO ./usr/share/doc/linux-source-6.19/copyright |
		awk '/^Files-Excluded:/ { on = 1; sub(/^Files-Excluded:/, "") }
		     on && /^[^ ]/ && !/^Files-Excluded:/ { on = 0 }
		     on { for (i = 1; i <= NF; i++) print $i }' >"$tmp/excluded"
	echo
	echo "== Files-Excluded from Debian's orig tarball (not in $PRISTINE_TAG either): $(n "$tmp/excluded")"
	sed 's/^/  /' "$tmp/excluded"
fi

# What Debian says it changed after 6.19: its own items (not the lists of
# upstream stable commits) in the 7.3.4 package's changelog, 7.0 on.
# shellcheck source=/dev/null
later_deb=$( . "$LLS_TOP/config/editions/7.3.4.sh"; echo "$DOWNLOADS/$BASE_FILE")
echo
if [ -f "$later_deb" ]; then
	dpkg-deb --fsys-tarfile "$later_deb" |
		tar -xO ./usr/share/doc/linux-source-7.3/changelog.Debian.gz | gzip -dc |
		awk '/^linux \(6\./ { done = 1 } done { next } /^linux \(/ { v = $2 }
		     /^  \* / { skip = /New upstream (stable update|release)/ }
		     /^  \[/ { skip = 0 }
		     /^  (\*|  )/ && !skip { print v " " $0 }' >"$tmp/items"
	echo "== Debian's own changelog items from 7.0 to 7.3.4 ($(grep -c ' \* ' "$tmp/items") items); those matching /$CHANGELOG_RE/:"
	grep -iE "$CHANGELOG_RE" "$tmp/items" || echo "  none"
else
	echo "== No $later_deb: run EDITION=7.3.4 scripts/fetch-base.sh to see Debian's 7.x changelog"
fi
echo
echo "== The series: $(n "$tmp/series") paths (patches/$series_edition/$([ $# -gt 0 ] && echo " + $# given paths"))"
echo "Of Debian's files, $(n "$tmp/both") are changed by the series too:"
sed 's/^/  /' "$tmp/both"
[ -s "$tmp/both" ] || { echo "  none"; exit 0; }

while read -r f; do
	echo
	echo "== $f"
	awk -v f="$f" -v t="$LATER_TAG" '$2 == f { k = $1; $1 = $2 = ""; sub(/^ +/, "")
		print "Debian: " k ", in " t ": " $0 }' "$tmp/later"
	awk -v f="$f" '/^diff / { p = ($NF == "b/" f) } p' "$DIFF"
done <"$tmp/both"

if [ "$series_edition" != "$EDITION" ] || [ -z "$patches" ]; then
	echo
	echo "== No apply test: the edition $EDITION has no patches of its own yet."
	exit 0
fi

# The apply test: the series on its base, and on the base with Debian's
# change added (base without it: 6.19.11) or taken out (base with it:
# 7.3.4), for the files of the series only.
echo
echo "== Apply test: patches/$EDITION on $BASE_TAG with and without Debian's change"
need_repo "$BASE_REPO" "$BASE_TAG" "$EDITION"
grep -v '/$' "$tmp/series" >"$tmp/files"
mkdir -p "$tmp/base"
# shellcheck disable=SC2046
git -C "$BASE_REPO" archive "$BASE_TAG" -- $(while read -r f; do
	git -C "$BASE_REPO" cat-file -e "$BASE_TAG:$f" 2>/dev/null && echo "$f"
done <"$tmp/files") | tar -x -C "$tmp/base"
git -C "$tmp/base" init -q
cp -a "$tmp/base" "$tmp/other"
while read -r f; do
	awk -v f="$f" '/^diff / { p = ($NF == "b/" f) } p' "$DIFF" >"$tmp/one.diff"
	if [ "$BASE_KIND" = deb ]; then how=-R; else how=-N; fi
	if (cd "$tmp/other" && patch -p1 -f $how --no-backup-if-mismatch -r - <"$tmp/one.diff") \
		>"$tmp/patch.log" 2>&1; then
		echo "$f: Debian's change $([ $how = -R ] && echo taken out || echo added)"
		sed -n 's/^Hunk/  hunk/p' "$tmp/patch.log"
	else
		echo "$f: Debian's change does not $([ $how = -R ] && echo revert || echo apply) on $BASE_TAG:"
		sed 's/^/  /' "$tmp/patch.log"
	fi
done <"$tmp/both"
apply_all() {
	local dir=$1 p rc=0
	# shellcheck disable=SC2086
	for p in $patches; do
		(cd "$dir" && git apply --reject --whitespace=nowarn "$p") >"$tmp/apply.log" 2>&1 ||
			{ rc=1; echo "  ${p##*/}:"; grep -E '^(error|Rejected)' "$tmp/apply.log" | sed 's/^/    /'; }
	done
	return $rc
}
cp -a "$tmp/base" "$tmp/base.orig"
cp -a "$tmp/other" "$tmp/other.orig"
echo "On $BASE_TAG:"
apply_all "$tmp/base" && echo "  all $(echo "$patches" | wc -l) patches apply"
echo "On $BASE_TAG $([ "$BASE_KIND" = deb ] && echo without || echo with) Debian's change:"
apply_all "$tmp/other" && echo "  all $(echo "$patches" | wc -l) patches apply"

echo "Line ranges in $BASE_TAG (Debian's change against the series' change, 3 lines of context):"
# diff -U0 of each file of both between the trees $1 and $2 of $tmp.
diff_both() {
	while read -r f; do
		(cd "$tmp" && diff -U0 "$1/$f" "$2/$f") | sed "1,2c\\--- a/$f\\n+++ b/$f" || true
	done <"$tmp/both"
}
diff_both base.orig other.orig >"$tmp/deb.U0"
diff_both base.orig base >"$tmp/series.U0"
# Both diffs start from the base: their old sides are in its line numbers.
helper overlap "$tmp/deb.U0" "$tmp/series.U0" 3

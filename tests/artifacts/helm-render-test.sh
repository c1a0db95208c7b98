#!/usr/bin/env bash
# Renders the Helm chart with Go's text/template and sprig, the engine Helm itself uses (helm-render/),
# since there is no helm binary here: every values combination Quayside and the guides use must render
# to valid manifests and pass values.schema.json; the chart's own checks (required, fail, the schema)
# must reject what they should; and the default rendering must equal k8s-templates/kubernetes/.
#
# Needs Debian's Go toolchain and Go libraries; exits 77 (ctest: skipped) without them:
#   apt-get install golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v2-dev \
#     golang-github-xeipuuv-gojsonschema-dev
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
chart="$root/k8s-templates/helm/todo-chatbot"
gocode=/usr/share/gocode/src

skip() {
    echo "skipped: $*"
    echo "install: golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v2-dev golang-github-xeipuuv-gojsonschema-dev"
    exit 77
}
command -v go >/dev/null || skip "no go"
for dep in github.com/Masterminds/sprig github.com/Masterminds/semver github.com/xeipuuv/gojsonschema gopkg.in/yaml.v2; do
    [ -d "$gocode/$dep" ] || skip "no $dep in $gocode"
done

work=$(mktemp -d /tmp/quayside-helm-render.XXXXXX)
trap 'rm -rf "$work"' EXIT
# Debian installs sprig's dependency as github.com/Masterminds/semver; sprig imports it as …/semver/v3,
# which GOPATH mode finds only under that name.
mkdir -p "$work/gopath/src/github.com/Masterminds/semver" "$work/gopath/src/helm-render"
ln -s "$gocode/github.com/Masterminds/semver" "$work/gopath/src/github.com/Masterminds/semver/v3"
cp "$here/helm-render/main.go" "$work/gopath/src/helm-render/"
if [ "$(id -u)" -eq 0 ]; then
    gocache=/var/cache/quayside-test-images/go-build
else
    gocache="${QUAYSIDE_REAL_HOME:-$HOME}/.cache/quayside-test-images/go-build"
fi
mkdir -p "$gocache"
(cd "$work" && GO111MODULE=off GOFLAGS= GOPATH="$work/gopath:/usr/share/gocode" GOCACHE="$gocache" \
    go build -o "$work/helm-render" helm-render) || { echo "FAIL: helm-render does not build"; exit 1; }

passed=0
failed=0
render() { "$work/helm-render" -chart "$chart" "$@"; }

# A values combination that must render.
renders() {
    local what=$1
    shift
    if render -notes "$@" >"$work/out" 2>&1; then
        passed=$((passed + 1))
        echo "ok: renders: $what ($(grep -c '^# Source:' "$work/out") manifests)"
    else
        failed=$((failed + 1))
        echo "FAIL: renders: $what"
        tail -n 20 "$work/out"
    fi
}

# A values combination the chart must refuse, with this message.
refuses() {
    local what=$1 message=$2
    shift 2
    if render "$@" >"$work/out" 2>&1; then
        failed=$((failed + 1))
        echo "FAIL: refuses: $what (it rendered)"
    elif grep -qF -- "$message" "$work/out"; then
        passed=$((passed + 1))
        echo "ok: refuses: $what"
    else
        failed=$((failed + 1))
        echo "FAIL: refuses: $what, but not with \"$message\":"
        tail -n 5 "$work/out"
    fi
}

# The file Quayside passes with -f (never a secret value).
cat >"$work/quayside.yaml" <<'YAML'
backend:
  image:
    repository: todo-backend
    tag: 3f2a9c1b7d4e
frontend:
  image:
    repository: todo-frontend
    tag: 9c1b7d4e3f2a
secrets:
  existingSecret: todo-app-secrets
  checksum: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
YAML
jwt=0123456789abcdef0123456789abcdef
db='postgresql://user:pw@ep-x.neon.tech/neondb?sslmode=require'

renders "the defaults"
renders "values-dev.yaml" -f "$chart/values-dev.yaml"
renders "Quayside's install" -f "$chart/values-dev.yaml" -f "$work/quayside.yaml"
renders "plain helm, the chart makes the Secret" --set-string secrets.existingSecret= \
    --set-string secrets.values.DATABASE_URL="$db" --set-string secrets.values.JWT_SECRET=$jwt \
    --set-string secrets.values.OPENAI_API_KEY=sk-test
renders "autoscaling, LoadBalancer, an existing claim" --set backend.autoscaling.enabled=true \
    --set frontend.autoscaling.enabled=true --set-string frontend.service.type=LoadBalancer \
    --set persistence.enabled=true --set-string persistence.existingClaim=my-uploads
renders "ClusterIP frontend, no storage class, no helm test" --set-string frontend.service.type=ClusterIP \
    --set persistence.enabled=true --set-string persistence.storageClass=- --set helmTest.enabled=false

refuses "the chart's Secret without DATABASE_URL" "secrets.values.DATABASE_URL is required" \
    --set-string secrets.existingSecret= --set-string secrets.values.JWT_SECRET=$jwt
refuses "a JWT_SECRET under 32 characters" "at least 32 characters" --set-string secrets.existingSecret= \
    --set-string secrets.values.DATABASE_URL="$db" --set-string secrets.values.JWT_SECRET=short
refuses "a NodePort outside 30000-32767" "nodePort" --set frontend.service.nodePort=80
refuses "a misspelt key" "Additional property replicas" --set backend.replicas=2

# The checksum annotations that roll the pods.
render -f "$work/quayside.yaml" >"$work/out"
if grep -q 'checksum/secret: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"' "$work/out" &&
    grep -q 'checksum/config: [0-9a-f]\{64\}$' "$work/out" && grep -q 'image: "todo-backend:3f2a9c1b7d4e"' "$work/out"; then
    passed=$((passed + 1))
    echo "ok: Quayside's tags and Secret checksum reach the pod template"
else
    failed=$((failed + 1))
    echo "FAIL: Quayside's tags and Secret checksum reach the pod template"
fi

if render -compare "$root/k8s-templates/kubernetes" >"$work/out" 2>&1; then
    passed=$((passed + 1))
    echo "ok: the default rendering equals k8s-templates/kubernetes/"
else
    failed=$((failed + 1))
    echo "FAIL: the default rendering differs from k8s-templates/kubernetes/"
    cat "$work/out"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

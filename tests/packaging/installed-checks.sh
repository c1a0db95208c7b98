# shellcheck shell=bash
# Sourced by the package tests: runs an installed Quayside the way a user would and checks that it
# finds the profile, Dockerfiles and chart of its own installation, never those of the source tree.
# check_installed EXECUTABLE SHARE_DIR VERSION SOURCE_DIR

fail() { echo "FAIL: $*" >&2; exit 1; }

python=/usr/bin/python3
[ -x "$python" ] || python=python3

check_installed() {
    local exe=$1 share=$2 version=$3 source=$4
    local work
    work=$(mktemp -d /tmp/quayside-installed.XXXXXX)
    # An empty working directory (no ./quayside.yaml) and a HOME without settings: the defaults must
    # lead to the shipped profile. QUAYSIDE_PROFILE_DIR would bypass the lookup under test.
    local run=(env -u QUAYSIDE_PROFILE_DIR -u DISPLAY -u WAYLAND_DISPLAY HOME="$work" "$exe")

    local printed
    printed=$(cd "$work" && "${run[@]}" --version) || fail "$exe --version failed"
    [ "$printed" = "quayside $version" ] || fail "$exe --version printed '$printed', expected 'quayside $version'"
    echo "ok: --version prints '$printed'"

    # Exit 1 is "a required prerequisite is missing" (no minikube here); the JSON must still be whole.
    local rc=0
    (cd "$work" && "${run[@]}" doctor -o json --timeout 10 >"$work/doctor.json") || rc=$?
    [ "$rc" -le 1 ] || fail "doctor -o json exited $rc"
    "$python" - "$work/doctor.json" <<'PY' || fail "doctor -o json did not print the checks as JSON"
import json, sys
checks = json.load(open(sys.argv[1]))["checks"]
assert checks and all("id" in c and "status" in c for c in checks), checks
print(f"ok: doctor -o json lists {len(checks)} checks")
PY

    (cd "$work" && "${run[@]}" deploy --dry-run >"$work/plan.sh" 2>&1) || fail "deploy --dry-run failed: $(cat "$work/plan.sh")"
    local expected
    for expected in "-f $share/docker/backend/Dockerfile " "-f $share/docker/frontend/Dockerfile " \
        " $share/k8s-templates/helm/todo-chatbot " "-f $share/k8s-templates/helm/todo-chatbot/values-dev.yaml "; do
        grep -qF -- "$expected" "$work/plan.sh" || { cat "$work/plan.sh" >&2; fail "deploy --dry-run does not use '$expected'"; }
    done
    if grep -qF -- "$source/" "$work/plan.sh"; then
        cat "$work/plan.sh" >&2
        fail "deploy --dry-run uses files of the source tree $source instead of the installed ones"
    fi
    echo "ok: deploy --dry-run builds with $share/docker and installs $share/k8s-templates/helm/todo-chatbot"
    rm -rf "$work"
}

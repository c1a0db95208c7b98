#!/usr/bin/env bash
# Benchmark: `quayside logs` against `kubectl logs` for one pod with a million-line log, side by side
# in one run, against the same fake API server (tests/kubeapi, standalone executable).
#
#   tests/kube/bench/logs-vs-kubectl.sh BUILD_DIR [LINES] [RUNS]
#
# Needs kubectl (and uses hyperfine when installed: apt-get install -y hyperfine; otherwise a plain
# timing loop). Both commands write to /dev/null; before timing, both outputs are checked to have
# exactly LINES lines, so the two really do the same work. Not part of ctest: it measures, it does
# not assert speed.
set -euo pipefail

build=${1:?usage: $0 BUILD_DIR [LINES] [RUNS]}
lines=${2:-1000000}
runs=${3:-5}
server_bin=$build/tests/kubeapi/quayside-test-apiserver
quayside=$build/app/main/quayside
for bin in "$server_bin" "$quayside"; do
    [ -x "$bin" ] || { echo "missing $bin (build the targets quayside-test-apiserver and quayside)" >&2; exit 2; }
done
command -v kubectl >/dev/null || { echo "kubectl is not installed" >&2; exit 2; }

work=$(mktemp -d /tmp/quayside-logs-bench.XXXXXX)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

export HOME=$work/home XDG_DATA_HOME=$work/home/data
mkdir -p "$HOME"
unset KUBECONFIG
kubeconfig=$work/kubeconfig
# Containers start with LINES lines of history and write nothing more: both clients read the same log.
"$server_bin" --kubeconfig "$kubeconfig" --log-history-lines "$lines" --log-lines-per-second 0 \
    --pod-start-ms 0 >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    grep -q '^ready' "$work/server.out" 2>/dev/null && break
    sleep 0.1
done
grep -q '^ready' "$work/server.out" || { cat "$work/server.out" >&2; exit 1; }

pod=$("$quayside" status -o json --kubeconfig "$kubeconfig" \
    | grep -o '"name":"backend-[^"]*"' | head -n1 | cut -d'"' -f4)
[ -n "$pod" ] || { echo "no backend pod found" >&2; exit 1; }
# One cache directory for every kubectl run: discovery is cached after the first, as on a desktop.
kubectl_cmd="kubectl logs $pod -n todo-app --kubeconfig $kubeconfig --cache-dir $work/kube-cache"
quayside_cmd="$quayside logs $pod -n todo-app --kubeconfig $kubeconfig"

check() {
    local name=$1 got
    shift
    got=$("$@" | wc -l)
    if [ "$got" != "$lines" ]; then
        echo "$name printed $got lines, expected $lines" >&2
        exit 1
    fi
    echo "$name: $got lines"
}
check "quayside logs" $quayside_cmd
check "kubectl logs" $kubectl_cmd

echo "pod $pod, $lines lines, $(nproc) cores"
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/result.md" \
        -n "quayside logs" "$quayside_cmd >/dev/null" \
        -n "kubectl logs" "$kubectl_cmd >/dev/null"
    cat "$work/result.md"
else
    TIMEFORMAT='%R s'
    for name in quayside kubectl; do
        cmd=$quayside_cmd
        [ "$name" = kubectl ] && cmd=$kubectl_cmd
        echo "$name logs ($runs runs):"
        for _ in $(seq 1 "$runs"); do time $cmd >/dev/null; done
    done
fi

#!/usr/bin/env bash
# Builds docker/backend/Dockerfile and docker/frontend/Dockerfile with the real docker CLI, on a private
# podman engine (tests/support/podman-engine.sh), from the stand-in apps in standin/, with BASE_IMAGE
# pointing at local Debian images made by debootstrap (there is no registry to pull python:3.11-slim or
# node:20-alpine from). Then runs both images and checks what Kubernetes and users rely on: /api/health
# answers through a published port, the HEALTHCHECK command works, the process is the numeric non-root
# user, .dockerignore keeps secrets and junk out, the builder stages leave nothing behind, and sizes.
#
# Exits 77 (ctest: skipped) when the machine cannot run it: not root, or podman/debootstrap/docker
# missing. Base images are cached (podman-engine.sh base-image), so only a machine's first run pays
# for debootstrap.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
engine="$root/tests/support/podman-engine.sh"

# One local base for both Dockerfiles, so a fresh machine runs debootstrap once (about a minute):
# Debian's Python 3.11 with venv, FastAPI and uvicorn for the backend stand-in, Debian's Node.js and
# the npm that node:20-alpine ships for the frontend stand-in, with the stand-in's one npm dependency
# (its package-lock.json) preloaded into npm's cache.
readonly BASE=localhost/quayside-test-base:bookworm
readonly BASE_PACKAGES=python3,python3-venv,python3-fastapi,python3-uvicorn,nodejs
readonly NPM_VERSION=10.8.2
readonly NPM_CACHE=ms@2.1.3
readonly BACKEND_IMAGE=localhost/todo-backend:container-test
readonly FRONTEND_IMAGE=localhost/todo-frontend:container-test
# The issue's limits, in the units docker prints (MB = 10^6 bytes).
readonly BACKEND_MAX_MB=300
readonly FRONTEND_MAX_MB=500
# What each Dockerfile may add on top of its base for these tiny stand-ins: a virtualenv (pip and
# setuptools included) for the backend, a few files for the frontend. More means a builder stage's
# wheels, caches or node_modules leaked into the runtime image.
readonly BACKEND_ADDED_MAX_MB=40
readonly FRONTEND_ADDED_MAX_MB=5

passed=0
failed=0
ok() {
    passed=$((passed + 1))
    echo "ok: $*"
}
fail() {
    failed=$((failed + 1))
    echo "FAIL: $*"
}
check() {
    local what=$1
    shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

outer() {
    local tool work status=0 start
    for tool in curl awk python3; do
        command -v "$tool" >/dev/null || {
            echo "skipped: $tool is missing"
            exit 77
        }
    done
    start=$(now)
    # On tmpfs when there is room: deleting the engine's half a gigabyte of layers from a disk mounted
    # with online discard takes half a minute, from memory no time at all.
    local parent=/tmp
    if [ -d /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt 3000000 ]; then
        parent=/dev/shm
    fi
    work=$(mktemp -d "$parent/quayside-container-test.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    # The engine's own checks (root, podman, runc, docker…) exit 77 as well.
    bash "$engine" run "$work/engine" -- bash "${BASH_SOURCE[0]}" --inside "$work" || status=$?
    echo "container test: $(since "$start") s in all (engine start and teardown included)"
    exit $status
}

# The stand-in's source plus what a developer's directory also holds and .dockerignore must keep out.
make_context() {
    local service=$1 dir=$2
    mkdir -p "$dir"
    cp -a "$here/standin/$service/." "$dir/"
    cp "$root/docker/$service/.dockerignore" "$dir/.dockerignore"
    echo "DATABASE_URL=postgresql://leak:leak@example.invalid/db" >"$dir/.env"
    echo "JWT_SECRET=leak" >"$dir/.env.local"
    mkdir -p "$dir/.git" "$dir/node_modules/leak" "$dir/src/__pycache__" "$dir/.next/leak"
    echo "ref: refs/heads/main" >"$dir/.git/HEAD"
    echo "module.exports = 'leak';" >"$dir/node_modules/leak/index.js"
    echo "leak" >"$dir/src/__pycache__/leak.cpython-311.pyc"
    echo "leak" >"$dir/.next/leak/old-build"
}

# --network none: the stand-ins need nothing from outside, and a build that tried would hang, not fail.
build() {
    local log=$1
    shift
    if docker build --network none "$@" >"$log" 2>&1; then
        return 0
    fi
    echo "--- $log"
    tail -n 40 "$log"
    return 1
}

image_mb() { docker image inspect --format '{{.Size}}' "$1" | awk '{ printf "%d", $1 / 1000000 }'; }

# Polls a URL until it answers 200 (up to ~40 s: uvicorn starts in 1-2 s, a loaded CI machine is slow).
wait_http_200() {
    local url=$1 i
    for i in $(seq 1 80); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null)" = 200 ]; then
            return 0
        fi
        sleep 0.5
    done
    return 1
}

published_port() { docker port "$1" "$2/tcp" | head -n 1 | sed 's/.*://'; }

# The image's HEALTHCHECK command, one argument a line ("CMD", then the command). Docker reports it in
# Config.Healthcheck; podman 4.3's Docker API leaves it out, so then it comes from podman's own API.
healthcheck_args() {
    local image=$1 id
    if docker image inspect --format '{{json .Config.Healthcheck}}' "$image" 2>/dev/null | grep -q '"Test"'; then
        docker image inspect --format '{{range .Config.Healthcheck.Test}}{{println .}}{{end}}' "$image"
        return
    fi
    id=$(docker image inspect --format '{{.Id}}' "$image")
    curl -s --unix-socket "${DOCKER_HOST#unix://}" "http://podman/v4.0.0/libpod/images/${id#sha256:}/json" |
        python3 -c 'import json, sys; print("\n".join((json.load(sys.stdin).get("Healthcheck") or {}).get("Test") or []))'
}

# Runs the image's own HEALTHCHECK command in the container: podman runs health checks from systemd
# timers, which this machine lacks, so the container's health status would never change.
healthcheck_passes() {
    local container=$1 image=$2 args
    mapfile -t args < <(healthcheck_args "$image")
    [ "${args[0]:-}" = CMD ] && [ ${#args[@]} -gt 1 ] || {
        echo "no HEALTHCHECK in $image"
        return 1
    }
    docker exec "$container" "${args[@]:1}"
}

absent_in_image() {
    local image=$1
    shift
    docker run --rm --entrypoint /bin/sh "$image" -c 'for f in "$@"; do [ ! -e "$f" ] || { echo "present: $f"; exit 1; }; done' _ "$@"
}

inside() {
    local work=$1 t phase backend_ctx frontend_ctx backend_ctr frontend_ctr port body
    t=$(now)
    cd "$work"

    phase=$(now)
    bash "$engine" base-image "$BASE" --include "$BASE_PACKAGES" --npm "$NPM_VERSION" --npm-cache "$NPM_CACHE" ||
        { echo "FAIL: base image"; exit 1; }
    echo "base image ready in $(since "$phase") s"

    backend_ctx="$work/ctx/backend"
    frontend_ctx="$work/ctx/frontend"
    make_context backend "$backend_ctx"
    make_context frontend "$frontend_ctx"

    # Both builds at once: most of each is waiting on storage, not on the CPU.
    phase=$(now)
    build "$work/backend-build.log" -f "$root/docker/backend/Dockerfile" \
        --build-arg BASE_IMAGE="$BASE" --build-arg VENV_OPTIONS=--system-site-packages \
        -t "$BACKEND_IMAGE" "$backend_ctx" &
    local backend_job=$!
    build "$work/frontend-build.log" -f "$root/docker/frontend/Dockerfile" \
        --build-arg BASE_IMAGE="$BASE" -t "$FRONTEND_IMAGE" "$frontend_ctx" &
    local frontend_job=$!
    local backend_built=0 frontend_built=0
    if wait $backend_job; then backend_built=1; fi
    if wait $frontend_job; then frontend_built=1; fi
    check "backend Dockerfile builds with BASE_IMAGE=$BASE" [ $backend_built = 1 ]
    check "frontend Dockerfile builds with BASE_IMAGE=$BASE" [ $frontend_built = 1 ]
    echo "builds done in $(since "$phase") s"
    [ $backend_built = 1 ] && [ $frontend_built = 1 ] || summary

    # Both are multi-stage: a builder the runtime image copies from.
    check "backend Dockerfile has a builder stage" \
        grep -Eq '^FROM .* AS builder$' "$root/docker/backend/Dockerfile"
    check "frontend Dockerfile has a deps stage" \
        grep -Eq '^FROM .* AS deps$' "$root/docker/frontend/Dockerfile"
    check "frontend Dockerfile has a builder stage" grep -Eq '^FROM .* AS builder$' "$root/docker/frontend/Dockerfile"

    check "backend image runs as 10001:10001" \
        [ "$(docker image inspect --format '{{.Config.User}}' "$BACKEND_IMAGE")" = "10001:10001" ]
    check "frontend image runs as 10001:10001" \
        [ "$(docker image inspect --format '{{.Config.User}}' "$FRONTEND_IMAGE")" = "10001:10001" ]
    check "backend image exposes 8000" \
        grep -q '"8000/tcp"' <<<"$(docker image inspect --format '{{json .Config.ExposedPorts}}' "$BACKEND_IMAGE")"
    check "frontend image exposes 3000" \
        grep -q '"3000/tcp"' <<<"$(docker image inspect --format '{{json .Config.ExposedPorts}}' "$FRONTEND_IMAGE")"
    check "backend image starts uvicorn src.main:app on 8000" \
        grep -qF '"uvicorn","src.main:app","--host","0.0.0.0","--port","8000"' \
        <<<"$(docker image inspect --format '{{json .Config.Cmd}}' "$BACKEND_IMAGE")"
    check "frontend image starts node server.js" \
        grep -qF '"node","server.js"' <<<"$(docker image inspect --format '{{json .Config.Cmd}}' "$FRONTEND_IMAGE")"

    # .dockerignore: the secrets and junk put into the contexts never reach an image or a stage.
    check "backend image holds no .env, .git or __pycache__ from the context" \
        absent_in_image "$BACKEND_IMAGE" /app/.env /app/.env.local /app/.git /app/src/__pycache__
    check "backend image holds no wheels or build directory from the builder stage" \
        absent_in_image "$BACKEND_IMAGE" /wheels /build
    if build "$work/frontend-builder.log" -f "$root/docker/frontend/Dockerfile" --target builder \
        --build-arg BASE_IMAGE="$BASE" -t localhost/todo-frontend:container-test-builder "$frontend_ctx"; then
        check "frontend builder stage holds no .env, .git, stale .next or context node_modules" \
            absent_in_image localhost/todo-frontend:container-test-builder /app/.env /app/.env.local /app/.git \
            /app/.next/leak /app/node_modules/leak
    else
        fail "frontend Dockerfile builds --target builder"
    fi

    local backend_mb frontend_mb base_mb
    backend_mb=$(image_mb "$BACKEND_IMAGE")
    frontend_mb=$(image_mb "$FRONTEND_IMAGE")
    base_mb=$(image_mb "$BASE")
    echo "sizes: base ${base_mb} MB, backend ${backend_mb} MB, frontend ${frontend_mb} MB"
    check "backend image under $BACKEND_MAX_MB MB" [ "$backend_mb" -lt $BACKEND_MAX_MB ]
    check "frontend image under $FRONTEND_MAX_MB MB" [ "$frontend_mb" -lt $FRONTEND_MAX_MB ]
    check "backend Dockerfile adds under $BACKEND_ADDED_MAX_MB MB to its base" \
        [ $((backend_mb - base_mb)) -lt $BACKEND_ADDED_MAX_MB ]
    check "frontend Dockerfile adds under $FRONTEND_ADDED_MAX_MB MB to its base" \
        [ $((frontend_mb - base_mb)) -lt $FRONTEND_ADDED_MAX_MB ]

    phase=$(now)
    backend_ctr=quayside-test-backend-$$
    frontend_ctr=quayside-test-frontend-$$
    docker run -d --name "$backend_ctr" -p 127.0.0.1::8000 "$BACKEND_IMAGE" >/dev/null
    docker run -d --name "$frontend_ctr" -p 127.0.0.1::3000 "$FRONTEND_IMAGE" >/dev/null
    port=$(published_port "$backend_ctr" 8000)
    if wait_http_200 "http://127.0.0.1:$port/api/health"; then
        ok "backend answers GET /api/health with 200 on published port $port"
        body=$(curl -s "http://127.0.0.1:$port/api/health")
        check "backend health body is the app's ($body)" grep -q '"status":"healthy"' <<<"$body"
        body=$(curl -s "http://127.0.0.1:$port/api/whoami")
        check "backend runs as uid 10001 and can write uploads/ ($body)" \
            grep -q '"uid":10001,"gid":10001,"uploads_writable":true' <<<"$body"
        check "backend HEALTHCHECK command succeeds in the container" \
            healthcheck_passes "$backend_ctr" "$BACKEND_IMAGE"
    else
        fail "backend answers GET /api/health with 200 on published port $port"
        docker logs "$backend_ctr" 2>&1 | tail -n 30
    fi
    port=$(published_port "$frontend_ctr" 3000)
    if wait_http_200 "http://127.0.0.1:$port/api/health"; then
        ok "frontend answers GET /api/health with 200 on published port $port"
        body=$(curl -s "http://127.0.0.1:$port/api/health")
        check "frontend health body uses its npm dependency from the standalone output ($body)" \
            grep -q '"uptime":"[0-9]*m\{0,1\}s\{0,1\}' <<<"$body"
        check "frontend serves .next/static with NEXT_PUBLIC_API_URL inlined at build time" \
            grep -qF 'http://backend-service:8000' <<<"$(curl -s "http://127.0.0.1:$port/_next/static/chunks/main.js")"
        check "frontend serves public/" grep -q 'User-agent' <<<"$(curl -s "http://127.0.0.1:$port/robots.txt")"
        check "frontend HEALTHCHECK command succeeds in the container" \
            healthcheck_passes "$frontend_ctr" "$FRONTEND_IMAGE"
    else
        fail "frontend answers GET /api/health with 200 on published port $port"
        docker logs "$frontend_ctr" 2>&1 | tail -n 30
    fi
    docker rm -f "$backend_ctr" "$frontend_ctr" >/dev/null 2>&1 || true
    echo "containers checked in $(since "$phase") s; inside the engine $(since "$t") s"
    summary
}

summary() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

if [ "${1:-}" = "--inside" ]; then
    inside "$2"
else
    outer
fi

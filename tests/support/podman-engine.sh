#!/usr/bin/env bash
# A private Docker-compatible engine for tests: podman serving the Docker API on a socket in DIR, for
# the real docker CLI, with no dockerd and no registry.
#
#   podman-engine.sh run DIR -- COMMAND...   start the engine, run COMMAND with DOCKER_HOST set, tear
#                                           everything down (the form tests should use)
#   podman-engine.sh serve DIR               start, print "DOCKER_HOST=unix://…" once it answers, then
#                                           wait; SIGTERM/SIGINT (QProcess::terminate) tears down
#   podman-engine.sh start DIR               start in the background and print the DOCKER_HOST value
#   podman-engine.sh stop DIR                tear down what start left in DIR
#   podman-engine.sh base-image NAME [--include PKG,…] [--npm VERSION] [--npm-cache PKG@VER,…]
#                                           make a Debian bookworm image NAME in the engine that
#                                           DOCKER_HOST points at (debootstrap, cached between runs),
#                                           with npm VERSION from the npm registry, and an offline npm
#                                           cache holding the given packages, if asked
#
# Everything an engine owns lives under DIR: image storage, run state, lock files, network config and
# IP allocations, on a bridge of its own. Two engines (parallel ctest jobs, other people's) therefore
# never share images, locks or addresses; podman's defaults (/run/libpod, the /libpod_lock shared
# memory, the podman0 bridge) would be shared, and a second engine's first start would free the first
# one's locks.
#
# Machines like ours need (TESTING-HERE-style facts, found the hard way):
#   - runc, not crun: crun aborts on a cgroup v1+v2 hybrid host; cgroupfs, as there is no systemd;
#   - default ulimits capped at the hard limits: without CAP_SYS_RESOURCE podman's defaults fail;
#   - a PID 1 that may not reap orphans: every process we start has a parent that waits for it, and
#     conmon (which daemonizes) is reparented to a catatonit subreaper, not to PID 1. Only `start`
#     cannot avoid leaving its service to PID 1 once it exits; tests use `run` or `serve`, or source
#     this file and call engine_start/engine_stop from the shell that will wait.
#
# Needs root (debootstrap and rootful podman): podman runc netavark iptables catatonit debootstrap,
# and the docker CLI. Exits 77 when they are missing, so ctest can report the test as skipped.
set -euo pipefail

readonly ENGINE_SKIP=77
# Bump when the way base images are made changes, so stale cached root filesystems are not reused.
readonly BASE_IMAGE_RECIPE=3

engine_die() {
    echo "podman-engine: $*" >&2
    exit 1
}

engine_log() { echo "podman-engine: $*" >&2; }

engine_require_tools() {
    local missing=() tool
    for tool in podman runc conmon catatonit docker "$@"; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
    done
    if [ "$(id -u)" -ne 0 ]; then
        engine_log "needs root (rootful podman with runc and cgroupfs)"
        exit $ENGINE_SKIP
    fi
    if [ ${#missing[@]} -gt 0 ]; then
        engine_log "missing: ${missing[*]} (packaging/bootstrap.sh test installs them)"
        exit $ENGINE_SKIP
    fi
}

engine_podman() {
    local dir=$1
    shift
    CONTAINERS_CONF="$dir/containers.conf" CONTAINERS_STORAGE_CONF="$dir/storage.conf" podman "$@"
}

engine_write_config() {
    local dir=$1 default_network=$2 nofile
    nofile=$(ulimit -Hn)
    [ "$nofile" = unlimited ] && nofile=1048576
    mkdir -p "$dir/storage" "$dir/run" "$dir/tmp" "$dir/networks" "$dir/image-tmp"
    cat >"$dir/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$dir/storage"
runroot = "$dir/run"
EOF
    cat >"$dir/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=32768:32768"]
netns = "bridge"

[network]
network_backend = "netavark"
network_config_dir = "$dir/networks"
default_network = "$default_network"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$dir/events.log"
tmp_dir = "$dir/tmp"
image_copy_tmp_dir = "$dir/image-tmp"
lock_type = "file"
EOF
}

# A bridge and subnet of our own: the default network would be podman0 with 10.88.0.0/16 in every
# engine. netavark refuses a subnet that is already routed on the host, so a collision just retries.
# Podman 4.3 has no --interface-name, and picks podmanN from what this engine's config dir knows
# about, so the bridge is renamed in the network's file before the service first reads it.
engine_create_network() {
    local dir=$1 name attempt octet2 octet3
    name=$(cat "$dir/network-name")
    for attempt in 1 2 3 4 5 6 7 8; do
        octet2=$((100 + RANDOM % 100))
        octet3=$((RANDOM % 256))
        if engine_podman "$dir" network create --disable-dns --subnet "10.$octet2.$octet3.0/24" "$name" \
            >/dev/null 2>"$dir/network-create.err"; then
            sed -i "s/\"network_interface\": \"[^\"]*\"/\"network_interface\": \"$name\"/" \
                "$dir/networks/$name.json"
            grep -q "\"network_interface\": \"$name\"" "$dir/networks/$name.json" ||
                engine_die "could not name the bridge in $dir/networks/$name.json"
            return 0
        fi
        engine_log "network attempt $attempt: $(tr '\n' ' ' <"$dir/network-create.err")"
    done
    engine_die "could not create a private network (see $dir/network-create.err)"
}

engine_wait_ready() {
    local dir=$1 pid=$2 i
    for i in $(seq 1 150); do
        if DOCKER_HOST="unix://$dir/podman.sock" docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || {
            cat "$dir/service.log" >&2 || true
            engine_die "podman system service exited while starting"
        }
        sleep 0.2
    done
    cat "$dir/service.log" >&2 || true
    engine_die "podman system service did not answer within 30 s"
}

# Starts the service as a child of the calling shell; prints nothing. Sets ENGINE_SERVICE_PID.
engine_start() {
    local dir=$1
    engine_require_tools
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ ! -e "$dir/service.pid" ] || engine_die "$dir already has an engine (stop it first)"
    printf 'qs%08x\n' "$(( (RANDOM << 16 | RANDOM) ^ $$ ))" | cut -c1-10 >"$dir/network-name"
    # Podman's own default network must stay the default until ours exists, or podman would invent
    # ours in memory (on podman0) and refuse to create it.
    engine_write_config "$dir" podman
    engine_create_network "$dir"
    engine_write_config "$dir" "$(cat "$dir/network-name")"
    # setsid: the service and its helpers form one process group we can signal as a whole.
    # catatonit: a subreaper for the conmon processes, which daemonize away from the service.
    CONTAINERS_CONF="$dir/containers.conf" CONTAINERS_STORAGE_CONF="$dir/storage.conf" \
        setsid catatonit -- podman system service --time=0 "unix://$dir/podman.sock" \
        >"$dir/service.log" 2>&1 </dev/null &
    ENGINE_SERVICE_PID=$!
    echo "$ENGINE_SERVICE_PID" >"$dir/service.pid"
    engine_wait_ready "$dir" "$ENGINE_SERVICE_PID"
}

# This engine's own helper processes: those whose command line names DIR. Never another engine's
# (their DIR differs), never the caller's shell (its comm is not one of these).
engine_pids_under() {
    local dir=$1 names=$2 p
    for p in /proc/[0-9]*; do
        case " $names " in
        *" $(cat "$p/comm" 2>/dev/null) "*) ;;
        *) continue ;;
        esac
        if tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -qF -- "$dir/"; then
            echo "${p#/proc/}"
        fi
    done
}

engine_kill_helpers() {
    local dir=$1 names=$2 p i
    for p in $(engine_pids_under "$dir" "$names"); do
        [ "$p" = "$$" ] && continue
        engine_log "stopping lingering $(cat "/proc/$p/comm" 2>/dev/null) $p"
        kill -KILL "$p" 2>/dev/null || true
    done
    for i in $(seq 1 20); do
        [ -z "$(engine_pids_under "$dir" "$names")" ] && return 0
        sleep 0.1
    done
}

engine_stop() {
    local dir=$1 pid="" i
    [ -d "$dir" ] || return 0
    dir=$(cd "$dir" && pwd)
    [ -f "$dir/containers.conf" ] || return 0
    # Containers first, while the service still runs: their conmons exit and are reaped.
    engine_podman "$dir" rm --all --force --time 0 >/dev/null 2>&1 || true
    engine_podman "$dir" network rm --force "$(cat "$dir/network-name" 2>/dev/null)" >/dev/null 2>&1 || true
    # conmons of `docker exec` sessions wait minutes for the API to collect their exit codes (Docker's
    # behaviour). Stopped now, while catatonit is still there to reap them.
    engine_kill_helpers "$dir" conmon
    if [ -f "$dir/service.pid" ]; then
        pid=$(cat "$dir/service.pid")
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
            for i in $(seq 1 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            kill -KILL -- "-$pid" 2>/dev/null || true
        fi
        # Reaps it when it is our child (run, serve, a sourcing shell); harmless otherwise.
        wait "$pid" 2>/dev/null || true
        rm -f "$dir/service.pid"
    fi
    engine_kill_helpers "$dir" "conmon podman catatonit netavark"
    # overlay leaves its private bind mount of the storage directory (and any layer still mounted).
    awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r m; do
        umount -l "$m" 2>/dev/null || true
    done
    rm -rf "$dir/storage" "$dir/run" "$dir/tmp" "$dir/image-tmp" "$dir/networks" 2>/dev/null ||
        engine_log "could not remove everything under $dir"
}

engine_serve() {
    ENGINE_SERVE_DIR=$1
    trap 'engine_stop "$ENGINE_SERVE_DIR"; exit 0' TERM INT HUP
    engine_start "$ENGINE_SERVE_DIR"
    ENGINE_SERVE_DIR=$(cd "$ENGINE_SERVE_DIR" && pwd)
    echo "DOCKER_HOST=unix://$ENGINE_SERVE_DIR/podman.sock"
    # wait returns early on a trapped signal, which then tears down.
    wait "$ENGINE_SERVICE_PID" || true
    engine_stop "$ENGINE_SERVE_DIR"
}

engine_run() {
    local status=0
    ENGINE_RUN_DIR=$1
    shift
    [ "${1:-}" = "--" ] && shift
    [ $# -gt 0 ] || engine_die "run: no command"
    # A global, not a local: the EXIT trap runs after this function has returned.
    trap 'engine_stop "$ENGINE_RUN_DIR"' EXIT
    trap 'exit 143' TERM
    trap 'exit 130' INT
    local t0=$SECONDS
    engine_start "$ENGINE_RUN_DIR"
    engine_log "engine ready in $((SECONDS - t0)) s"
    ENGINE_RUN_DIR=$(cd "$ENGINE_RUN_DIR" && pwd)
    DOCKER_HOST="unix://$ENGINE_RUN_DIR/podman.sock" DOCKER_BUILDKIT=0 "$@" || status=$?
    t0=$SECONDS
    engine_stop "$ENGINE_RUN_DIR"
    engine_log "engine stopped in $((SECONDS - t0)) s"
    return $status
}

engine_cache_dir() {
    if [ -n "${QUAYSIDE_TEST_IMAGE_CACHE:-}" ]; then
        echo "$QUAYSIDE_TEST_IMAGE_CACHE"
    elif [ "$(id -u)" -eq 0 ]; then
        echo /var/cache/quayside-test-images
    else
        # run-headless.sh gives tests a throw-away HOME; the real one survives between runs.
        echo "${QUAYSIDE_REAL_HOME:-$HOME}/.cache/quayside-test-images"
    fi
}

# npm from the npm registry, fetched with the machine's own npm client (Debian's npm package pulls in
# some 400 packages and takes minutes to debootstrap). Cached like the root filesystems.
engine_npm_tarball() {
    local version=$1 cache tarball work
    cache=$(engine_cache_dir)
    tarball="$cache/npm-$version.tgz"
    [ -s "$tarball" ] && { echo "$tarball"; return 0; }
    command -v npm >/dev/null || {
        engine_log "base-image --npm needs npm on this machine to fetch npm@$version"
        exit $ENGINE_SKIP
    }
    work=$(mktemp -d "$cache/.npm.XXXXXX")
    (cd "$work" && npm pack --silent "npm@$version" >/dev/null) || {
        rm -rf "$work"
        engine_die "npm pack npm@$version failed"
    }
    mv "$work"/npm-*.tgz "$tarball"
    rm -rf "$work"
    echo "$tarball"
}

# An npm cache (npm's own format) holding the given packages, fetched with the machine's npm client, so
# that `npm ci` in a build finds its dependencies with no network.
engine_npm_cache() {
    local specs=$1 cache dir work spec
    cache=$(engine_cache_dir)
    dir="$cache/npm-cache-$(printf '%s' "$specs" | sha256sum | cut -c1-16)"
    [ -f "$dir/.complete" ] && { echo "$dir"; return 0; }
    command -v npm >/dev/null || {
        engine_log "base-image --npm-cache needs npm on this machine"
        exit $ENGINE_SKIP
    }
    work=$(mktemp -d "$cache/.npm-cache.XXXXXX")
    for spec in ${specs//,/ }; do
        npm cache add --cache "$work" "$spec" >/dev/null 2>&1 || {
            rm -rf "$work"
            engine_die "npm cache add $spec failed"
        }
    done
    rm -rf "$work/_logs"
    touch "$work/.complete"
    rm -rf "$dir"
    mv "$work" "$dir"
    echo "$dir"
}

# The root filesystem as a tarball in the cache, made once per (suite, mirror, packages, npm, recipe).
engine_base_rootfs() {
    local include=$1 npm_version=$2 npm_cache_specs=$3
    local suite=bookworm mirror=${QUAYSIDE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
    local cache key tarball npm_tarball="" npm_cache=""
    cache=$(engine_cache_dir)
    mkdir -p "$cache"
    key=$(printf '%s|%s|%s|%s|%s|%s' "$suite" "$mirror" "$include" "$npm_version" "$npm_cache_specs" \
        "$BASE_IMAGE_RECIPE" | sha256sum | cut -c1-16)
    tarball="$cache/rootfs-$suite-$key.tar"
    [ -z "$npm_version" ] || npm_tarball=$(engine_npm_tarball "$npm_version")
    [ -z "$npm_cache_specs" ] || npm_cache=$(engine_npm_cache "$npm_cache_specs")
    (
        # Parallel runs wanting the same base wait for one debootstrap instead of racing; different
        # bases are made side by side.
        flock 9
        [ -s "$tarball" ] && exit 0
        work=$(mktemp -d "$cache/.rootfs.XXXXXX")
        trap 'rm -rf "$work"' EXIT
        engine_log "debootstrap $suite${include:+ with $include} (once per machine; cached in $cache)"
        debootstrap --variant=minbase ${include:+--include="$include"} "$suite" "$work/root" "$mirror" \
            >"$work/debootstrap.log" 2>&1 || {
            tail -n 30 "$work/debootstrap.log" >&2
            engine_die "debootstrap failed"
        }
        if [ -n "$npm_tarball" ]; then
            mkdir -p "$work/root/usr/local/lib/node_modules/npm" "$work/root/usr/local/bin"
            tar -xzf "$npm_tarball" --strip-components=1 -C "$work/root/usr/local/lib/node_modules/npm"
            ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work/root/usr/local/bin/npm"
            ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work/root/usr/local/bin/npx"
        fi
        if [ -n "$npm_cache" ]; then
            mkdir -p "$work/root/root/.npm/_cacache"
            cp -a "$npm_cache/_cacache/." "$work/root/root/.npm/_cacache/"
        fi
        # What an image does not need: package caches and lists, docs, man pages, translations.
        rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/var/lib/apt/lists/"* \
            "$work/root/usr/share/doc" "$work/root/usr/share/man" "$work/root/usr/share/info" \
            "$work/root/usr/share/locale" "$work/root/var/log/"*
        tar --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' \
            -C "$work/root" -cf "$work/rootfs.tar" .
        mv "$work/rootfs.tar" "$tarball"
    ) 9>"$tarball.lock" || exit 1
    echo "$tarball"
}

engine_base_image() {
    local name=$1 include="" npm_version="" npm_cache_specs="" changes=()
    shift
    while [ $# -gt 0 ]; do
        case "$1" in
        --include) include=$2; shift 2 ;;
        --include=*) include=${1#--include=}; shift ;;
        --npm) npm_version=$2; shift 2 ;;
        --npm=*) npm_version=${1#--npm=}; shift ;;
        --npm-cache) npm_cache_specs=$2; shift 2 ;;
        --npm-cache=*) npm_cache_specs=${1#--npm-cache=}; shift ;;
        *) engine_die "base-image: unknown argument $1" ;;
        esac
    done
    # Offline: npm would otherwise try the registry for minutes before it settles for its cache.
    [ -z "$npm_cache_specs" ] || changes+=(--change 'ENV npm_config_offline=true')
    engine_require_tools debootstrap flock
    [ -n "${DOCKER_HOST:-}" ] || engine_die "base-image: DOCKER_HOST is not set (start an engine first)"
    if docker image inspect "$name" >/dev/null 2>&1; then
        return 0
    fi
    local tarball
    tarball=$(engine_base_rootfs "$include" "$npm_version" "$npm_cache_specs")
    # PATH as the official images set it: Dockerfiles extend it with ENV PATH=…:$PATH.
    docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        "${changes[@]}" --change 'CMD ["/bin/bash"]' "$tarball" "$name" >/dev/null
}

engine_main() {
    local cmd=${1:-}
    shift || true
    case "$cmd" in
    run) [ $# -ge 2 ] || engine_die "usage: run DIR -- COMMAND..."; engine_run "$@" ;;
    serve) [ $# -eq 1 ] || engine_die "usage: serve DIR"; engine_serve "$1" ;;
    start)
        [ $# -eq 1 ] || engine_die "usage: start DIR"
        engine_start "$1"
        echo "unix://$(cd "$1" && pwd)/podman.sock"
        ;;
    stop) [ $# -eq 1 ] || engine_die "usage: stop DIR"; engine_stop "$1" ;;
    base-image)
        [ $# -ge 1 ] || engine_die "usage: base-image NAME [--include PKGS] [--npm VERSION] [--npm-cache SPECS]"
        engine_base_image "$@"
        ;;
    *)
        sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
    esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    engine_main "$@"
fi

#!/usr/bin/env bash
# Makes Docker usable for the Docker launcher's integration tests on a Debian 12 machine (run as root):
#   1. installs the engine (docker.io) when dockerd is missing;
#   2. starts dockerd in the background, without a bridge network, when no engine answers;
#   3. builds a local nats-server image from the Debian binary when it does not exist yet
#      (no registry is reachable, so the official image cannot be pulled);
#   4. prints the variables the tests need, as `export` lines:  eval "$(bash .ci/docker-setup.sh)"
#
# Idempotent: each step is skipped when its result is already there. Progress goes to stderr, exports to stdout.
# Settings (environment): NATS_SANDBOX_DOCKER_SERVER (the nats-server binary to pack, default the one on PATH; CI
# passes each server of its matrix), NATS_SANDBOX_DOCKER_IMAGE (image to build, default
# nats-sandbox/nats-server:<that binary's version>), DOCKERD_LOG (default /var/log/nats-sandbox-dockerd.log),
# DOCKER_WAIT_SECONDS (default 60).
set -euo pipefail

SERVER="${NATS_SANDBOX_DOCKER_SERVER:-}"
IMAGE="${NATS_SANDBOX_DOCKER_IMAGE:-}"
DOCKERD_LOG="${DOCKERD_LOG:-/var/log/nats-sandbox-dockerd.log}"
WAIT_SECONDS="${DOCKER_WAIT_SECONDS:-60}"

say() { echo "docker-setup: $*" >&2; }
fail() { echo "docker-setup: ERROR: $*" >&2; exit 1; }

apt_install() {
    # apt-get update only when the package is not known yet (a fresh machine has empty lists).
    if ! apt-get install -y --no-install-recommends "$@" >&2; then
        apt-get update >&2
        apt-get install -y --no-install-recommends "$@" >&2
    fi
}

# ---- 1. engine ----
if ! command -v dockerd >/dev/null 2>&1; then
    say "dockerd not found: installing docker.io"
    DEBIAN_FRONTEND=noninteractive apt_install docker.io
fi
command -v docker >/dev/null 2>&1 || fail "the docker client is missing after installing docker.io; install it (apt-get install -y docker.io)"

# ---- 2. daemon ----
if docker info >/dev/null 2>&1; then
    say "a Docker engine already answers"
else
    say "starting dockerd (no bridge, no iptables), log: $DOCKERD_LOG"
    mkdir -p "$(dirname "$DOCKERD_LOG")"
    # No bridge: machines here must not route to private-range addresses, and containers use host networking.
    # setsid + nohup: the daemon outlives this script and the shell that called it.
    setsid nohup dockerd --bridge=none --iptables=false --ip-masq=false >>"$DOCKERD_LOG" 2>&1 </dev/null &
    deadline=$((SECONDS + WAIT_SECONDS))
    until docker info >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            tail -n 30 "$DOCKERD_LOG" >&2 || true
            fail "dockerd did not answer 'docker info' within ${WAIT_SECONDS}s; see $DOCKERD_LOG (last lines above)"
        fi
        sleep 1
    done
    say "dockerd is up"
fi

# ---- 3. image ----
if [ -z "$SERVER" ]; then
    if ! command -v nats-server >/dev/null 2>&1; then
        say "nats-server not found: installing it"
        DEBIAN_FRONTEND=noninteractive apt_install nats-server
    fi
    SERVER="$(command -v nats-server)"
fi
[ -x "$SERVER" ] || fail "the server to pack [$SERVER] is not an executable; set NATS_SANDBOX_DOCKER_SERVER to a nats-server binary"
server="$(readlink -f "$SERVER")"
version="$("$server" --version | sed -n 's/.*v\([0-9][0-9.]*\).*/\1/p')"
[ -n "$version" ] || fail "cannot read the version of [$server] from its --version output"
IMAGE="${IMAGE:-nats-sandbox/nats-server:$version}"
if docker image inspect "$IMAGE" >/dev/null 2>&1; then
    say "image $IMAGE already exists"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    rootfs="$work/rootfs"
    mkdir -p "$rootfs/tmp"
    chmod 1777 "$rootfs/tmp"
    cp "$server" "$rootfs/nats-server"
    # The binary links libc and the loader; copy each to the path the binary expects (symlinks resolved).
    libs="$(ldd "$server" | awk '/=>/ { print $3; next } /^[[:space:]]*\// { print $1 }')"
    [[ "$libs" == *ld-linux* ]] || fail "ldd lists no loader for $server (got: [${libs//$'\n'/ }]); expected libc.so.6 and ld-linux-x86-64.so.2"
    for lib in $libs; do
        mkdir -p "$rootfs$(dirname "$lib")"
        cp -L "$lib" "$rootfs$lib"
    done
    tar -C "$rootfs" -cf "$work/rootfs.tar" .
    docker import -c 'ENTRYPOINT ["/nats-server"]' "$work/rootfs.tar" "$IMAGE" >&2
    say "built image $IMAGE from $server ($("$server" --version))"
fi

# Check the image really runs a server: --version exits at once.
docker run --rm --network host "$IMAGE" --version >&2 || fail "image $IMAGE does not run nats-server --version"

# ---- 4. what callers export ----
cat <<EOF
export NATS_SANDBOX_DOCKER_IMAGE='$IMAGE'
export NATS_SANDBOX_DOCKER_NETWORK=host
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
EOF

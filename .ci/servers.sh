#!/usr/bin/env bash
# Obtains the test matrix: nats-server from Debian trixie (2.10.x) and sid (the newest Debian has), and the
# current reference libraries from sid (Go 1.27, nats-io/jwt 2.8.x, nkeys 0.4.x, nats.go 1.5x), without touching
# the machine's own apt state: a private sources file and lists directory, `apt-get download`, `dpkg-deb -x`.
# The archive's address is read from this machine's own apt configuration (the `URIs:` line), never written here.
#
# Everything lands in a cache directory reused by later runs on the same machine:
#   $CACHE/trixie/usr/sbin/nats-server, $CACHE/sid/usr/sbin/nats-server,
#   $CACHE/go/usr/lib/go-1.27 (GOROOT), $CACHE/go/usr/share/gocode (GOPATH)
# Prints the exports the build needs (eval "$(bash .ci/servers.sh)"); progress goes to stderr.
# Settings (environment): NATS_SANDBOX_CI_CACHE (default /var/cache/nats-sandbox-ci), NATS_SANDBOX_CI_REFRESH=true
# to fetch again even when the cache is complete (sid moves).
set -euo pipefail

CACHE="${NATS_SANDBOX_CI_CACHE:-/var/cache/nats-sandbox-ci}"
say() { echo "servers: $*" >&2; }
fail() { echo "servers: ERROR: $*" >&2; exit 1; }

GO_PACKAGES=(golang-1.27-go golang-1.27-src golang-github-nats-io-jwt-dev golang-github-nats-io-nkeys-dev
             golang-github-nats-io-go-nats-dev golang-golang-x-crypto-dev golang-golang-x-sys-dev
             golang-github-nats-io-nuid-dev golang-github-klauspost-compress-dev)

complete() {
    [ -x "$CACHE/trixie/usr/sbin/nats-server" ] && [ -x "$CACHE/sid/usr/sbin/nats-server" ] \
        && [ -x "$CACHE/go/usr/lib/go-1.27/bin/go" ] && [ -d "$CACHE/go/usr/share/gocode/src/github.com/nats-io/jwt" ] \
        && [ -f "$CACHE/go/VERSIONS" ]
}

archive_uri() {
    local uri
    uri="$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)"
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
        uri="$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)"
    fi
    [ -n "$uri" ] || fail "no Debian archive address in /etc/apt/sources.list.d/*.sources (URIs:) or /etc/apt/sources.list"
    echo "$uri"
}

# fetch SUITE DEST PKG...: download the packages of one suite and unpack them into DEST.
fetch() {
    local suite="$1" dest="$2"; shift 2
    local work="$CACHE/apt-$suite"
    mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/debs"
    printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        "$(archive_uri)" "$suite" > "$work/$suite.sources"
    local opts=(-o "Dir::Etc::sourcelist=$work/$suite.sources" -o "Dir::Etc::sourceparts=-"
                -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::archives=$work/archives"
                -o "Dir::State::status=/dev/null" -o "APT::Sandbox::User=root" -o "Debug::NoLocking=true")
    say "apt update ($suite)"
    apt-get "${opts[@]}" -qq update >&2 || fail "apt-get update for suite [$suite] failed (see above)"
    rm -rf "$dest.new" && mkdir -p "$dest.new"
    (cd "$work/debs" && rm -f ./*.deb && apt-get "${opts[@]}" -qq download "$@" >&2) \
        || fail "apt-get download of [$*] from suite [$suite] failed (see above)"
    for deb in "$work/debs"/*.deb; do
        dpkg-deb -x "$deb" "$dest.new"
        echo "$suite $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)" >> "$dest.new/VERSIONS"
        say "unpacked $(basename "$deb")"
    done
    rm -rf "$dest" && mv "$dest.new" "$dest"
}

if complete && [ "${NATS_SANDBOX_CI_REFRESH:-false}" != true ]; then
    say "cache $CACHE is complete"
else
    mkdir -p "$CACHE"
    fetch trixie "$CACHE/trixie" nats-server
    fetch sid "$CACHE/sid" nats-server
    fetch sid "$CACHE/go" "${GO_PACKAGES[@]}"
    complete || fail "the cache $CACHE is incomplete after fetching; see the messages above"
fi

for s in trixie sid; do
    "$CACHE/$s/usr/sbin/nats-server" --version >/dev/null || fail "$CACHE/$s/usr/sbin/nats-server does not run on this machine"
done

# The versions in use, for the log.
cat "$CACHE/trixie/VERSIONS" "$CACHE/sid/VERSIONS" "$CACHE/go/VERSIONS" | sed 's/^/servers: using /' >&2

cat <<OUT
export NATS_SANDBOX_SERVER_2_10='$CACHE/trixie/usr/sbin/nats-server'
export NATS_SANDBOX_SERVER_NEWEST='$CACHE/sid/usr/sbin/nats-server'
export NATS_SANDBOX_GOROOT='$CACHE/go/usr/lib/go-1.27'
export NATS_SANDBOX_GOPATH='$CACHE/go/usr/share/gocode'
OUT

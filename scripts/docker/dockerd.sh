#!/usr/bin/env bash
# A private Docker daemon for tests and CI, on machines where none runs or
# where the usual one cannot start (no iptables, no bridge, no overlayfs).
#
#   scripts/docker/dockerd.sh start   # prints `export DOCKER_HOST=...`; starts one unless it answers
#   scripts/docker/dockerd.sh stop    # stops the daemon this script started, and only that one
#
# Images and volumes live in $HEARTH_DOCKER_DIR/data-root (kept between runs, so the
# stand-in images are built once); sockets and pid files in $HEARTH_DOCKER_DIR/run.
# Needs root, and the `docker.io`, `docker-compose` and `debootstrap` Debian packages
# (installed when missing).
set -euo pipefail

DIR="${HEARTH_DOCKER_DIR:-/var/tmp/hearth-docker}"
RUN="$DIR/run"
SOCK="$RUN/docker.sock"
PIDFILE="$RUN/dockerd.pid"
export DOCKER_HOST="unix://$SOCK"

# The Docker CLI that matches the daemon (an older /usr/local/bin/docker may shadow it).
docker() { /usr/bin/docker "$@"; }

answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  if ((${#missing[@]})); then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  fi
}

start() {
  if answers; then
    echo "export DOCKER_HOST=$DOCKER_HOST"
    return
  fi
  install_packages
  mkdir -p "$DIR/data-root" "$RUN/exec-root"
  # No iptables and no default bridge: user-defined networks, service names as
  # hostnames and published ports still work (docker-proxy forwards them).
  # vfs: overlayfs is not available inside every container this runs in.
  nohup dockerd \
    --data-root "$DIR/data-root" \
    --exec-root "$RUN/exec-root" \
    --pidfile "$PIDFILE" \
    --host "$DOCKER_HOST" \
    --iptables=false --ip6tables=false --bridge=none \
    --storage-driver=vfs \
    >"$RUN/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    if answers; then
      echo "export DOCKER_HOST=$DOCKER_HOST"
      return
    fi
    sleep 0.5
  done
  echo "dockerd did not answer within 30 s; its log:" >&2
  tail -n 30 "$RUN/dockerd.log" >&2
  exit 1
}

stop() {
  [[ -f "$PIDFILE" ]] || return 0
  local pid
  pid="$(cat "$PIDFILE")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac

#!/bin/bash
# Start the test PBX in the background (no systemd, no daemonising) and wait until
# JSON-RPC answers. As root it runs as the unprivileged user "kamailio" (created if
# missing; falls back to "nobody"). Prints "kamailio pid N ready in X ms (...)".
#
# env: STATE_DIR (default <repo>/.pbx-state)   WS_PORT (16080)  SIP_PORT (16060)
#      RPC_PORT (16081)  WSS_PORT (empty = no wss; set e.g. 16443 for wss with a
#      throw-away self-signed cert STATE_DIR/cert.pem)  SIP_DOMAIN (from STATE_DIR/domain,
#      written by init-db.sh)  DBGLEVEL (2)  READY_TIMEOUT (10 s)
#      OWNER_PID: stop Kamailio (and with OWNER_CLEANUP=1 delete STATE_DIR) once that process
#      is gone, so a test runner that dies without stop() leaves nothing behind
# A missing STATE_DIR/kamailio.sqlite is created with init-db.sh; an existing one is kept
# (restart keeps the subscriber DB and the certificate).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
STATE_DIR=${STATE_DIR:-$HERE/../../.pbx-state}
WS_PORT=${WS_PORT:-16080}
SIP_PORT=${SIP_PORT:-16060}
RPC_PORT=${RPC_PORT:-16081}
WSS_PORT=${WSS_PORT:-}
DBGLEVEL=${DBGLEVEL:-2}
READY_TIMEOUT=${READY_TIMEOUT:-10}

t0=$(date +%s%N)
mkdir -p "$STATE_DIR"
STATE_DIR=$(cd "$STATE_DIR" && pwd)
if [ -f "$STATE_DIR/kamailio.pid" ] && kill -0 "$(cat "$STATE_DIR/kamailio.pid")" 2>/dev/null; then
  echo "already running: pid $(cat "$STATE_DIR/kamailio.pid")" >&2
  exit 1
fi
[ -f "$STATE_DIR/kamailio.sqlite" ] || sh "$HERE/init-db.sh" "$STATE_DIR" >/dev/null
sh "$HERE/init-db.sh" --runtime-only "$STATE_DIR"
SIP_DOMAIN=${SIP_DOMAIN:-$(cat "$STATE_DIR/domain")}
mkdir -p "$STATE_DIR/run"
# a private copy: the "kamailio" user may not be able to read the checkout
cp "$HERE/kamailio.cfg" "$STATE_DIR/kamailio.cfg"

EXTRA=()
if [ -n "$WSS_PORT" ]; then
  if [ ! -f "$STATE_DIR/cert.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=127.0.0.1" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$STATE_DIR/key.pem" -out "$STATE_DIR/cert.pem" 2>/dev/null
  fi
  cat >"$STATE_DIR/tls.cfg" <<CFG
[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = $STATE_DIR/key.pem
certificate = $STATE_DIR/cert.pem

[client:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
CFG
  EXTRA=(-A WITH_WSS --substdef "!WSS_PORT!$WSS_PORT!g")
fi

RUNAS=()
if [ "$(id -u)" = 0 ]; then
  user=kamailio
  if ! id "$user" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$user" 2>/dev/null || user=nobody
  fi
  chown -R "$user:" "$STATE_DIR" 2>/dev/null || chown -R "$user" "$STATE_DIR"
  RUNAS=(setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups --)
fi

rm -f "$STATE_DIR/kamailio.pid" "$STATE_DIR/run/kamailio.pid"
# setsid: own process group, so stop.sh can SIGKILL the whole tree by its pid if needed
setsid "${RUNAS[@]}" /usr/sbin/kamailio -DD -E -m 256 -M 16 \
  -Y "$STATE_DIR/run" -P "$STATE_DIR/run/kamailio.pid" \
  -f "$STATE_DIR/kamailio.cfg" -A "DBGLEVEL=$DBGLEVEL" \
  --substdef "!WS_PORT!$WS_PORT!g" --substdef "!SIP_PORT!$SIP_PORT!g" \
  --substdef "!RPC_PORT!$RPC_PORT!g" --substdef "!STATE_DIR!$STATE_DIR!g" \
  --substdef "!SIP_DOMAIN!$SIP_DOMAIN!g" "${EXTRA[@]}" \
  >>"$STATE_DIR/kamailio.log" 2>&1 </dev/null &
PID=$!
echo "$PID" >"$STATE_DIR/kamailio.pid"

if [ -n "${OWNER_PID:-}" ]; then
  # watchdog in its own session (a Ctrl-C to the test runner's group must not kill it first);
  # exits by itself within 1 s of Kamailio stopping
  setsid bash -c '
    owner=$1 pid=$2 dir=$3 cleanup=$4
    alive() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" | cut -c1)" != Z ]; }
    while alive "$pid"; do
      if ! kill -0 "$owner" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
        kill -KILL -- "-$pid" 2>/dev/null
        [ "$cleanup" = 1 ] && rm -rf "$dir"
        exit 0
      fi
      sleep 1
    done' watchdog "$OWNER_PID" "$PID" "$STATE_DIR" "${OWNER_CLEANUP:-0}" >/dev/null 2>&1 </dev/null &
fi

deadline=$(( $(date +%s) + READY_TIMEOUT ))
while :; do
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "kamailio exited during startup (log $STATE_DIR/kamailio.log):" >&2
    # pbx.ts retries with fresh ports on this one
    grep -m1 'Address already in use' "$STATE_DIR/kamailio.log" >&2 || tail -30 "$STATE_DIR/kamailio.log" >&2
    rm -f "$STATE_DIR/kamailio.pid"
    exit 1
  fi
  # ready = JSON-RPC answers; all listeners are bound by then
  if curl -fsS --max-time 1 -H 'Content-Type: application/json' \
      -d '{"jsonrpc":"2.0","method":"core.version","id":1}' \
      "http://127.0.0.1:$RPC_PORT/RPC" >/dev/null 2>&1; then
    break
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "kamailio not ready after ${READY_TIMEOUT}s (log $STATE_DIR/kamailio.log):" >&2
    tail -30 "$STATE_DIR/kamailio.log" >&2
    "$HERE/stop.sh" >/dev/null 2>&1 || true
    exit 1
  fi
  sleep 0.05
done
t1=$(date +%s%N)
wss=""; [ -n "$WSS_PORT" ] && wss=", wss://127.0.0.1:$WSS_PORT"
printf 'kamailio pid %s ready in %d ms (ws://127.0.0.1:%s%s, sip 127.0.0.1:%s udp+tcp, rpc http://127.0.0.1:%s/RPC, domain %s, state %s)\n' \
  "$PID" $(( (t1 - t0) / 1000000 )) "$WS_PORT" "$wss" "$SIP_PORT" "$RPC_PORT" "$SIP_DOMAIN" "$STATE_DIR"

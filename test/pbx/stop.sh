#!/bin/bash
# Stop the PBX started by start.sh, by its recorded pid only: SIGTERM (graceful),
# then SIGKILL to its process group (start.sh made it a group leader) after STOP_TIMEOUT.
# env: STATE_DIR (default <repo>/.pbx-state), STOP_TIMEOUT (5 s)
set -uo pipefail
STATE_DIR=${STATE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/.pbx-state}
STOP_TIMEOUT=${STOP_TIMEOUT:-5}
PIDFILE="$STATE_DIR/kamailio.pid"
[ -f "$PIDFILE" ] || { echo "not running (no $PIDFILE)"; exit 0; }
PID=$(cat "$PIDFILE")
t0=$(date +%s%N)
alive() { kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]; }
if alive "$PID"; then
  kill -TERM "$PID"
  end=$(( $(date +%s%N) + STOP_TIMEOUT * 1000000000 ))
  while alive "$PID" && [ "$(date +%s%N)" -lt "$end" ]; do sleep 0.05; done
  if alive "$PID"; then
    echo "kamailio $PID ignored SIGTERM for ${STOP_TIMEOUT}s: SIGKILL" >&2
    kill -KILL -- "-$PID" 2>/dev/null || kill -KILL "$PID"
  fi
fi
# children left behind (main killed hard)? they share the group id = PID
if ps -o pid= -g "$PID" >/dev/null 2>&1; then kill -KILL -- "-$PID" 2>/dev/null || true; fi
rm -f "$PIDFILE"
echo "kamailio $PID stopped in $(( ($(date +%s%N) - t0) / 1000000 )) ms"

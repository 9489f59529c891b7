#!/bin/bash
# Make sure Kamailio 5.6 (Debian 12 packages) and every module/tool the test PBX needs
# are installed. As root: installs the missing pieces with apt-get. Otherwise: exits 1
# and prints the exact install command.
# usage: test/pbx/ensure-kamailio.sh [--quiet]
set -euo pipefail

# kamailio: core + tm/sl/rr/registrar/usrloc/auth_db/nathelper/dialog/db_text/xhttp/jsonrpcs
# -websocket-modules: websocket   -presence-modules: presence, presence_xml, presence_dialoginfo,
# pua, pua_usrloc, pua_dialoginfo, rls   -sqlite-modules: db_sqlite (+ schema files)
# -tls-modules: tls (wss)   sqlite3/openssl/curl: init-db.sh, wss cert, start.sh readiness probe
PKGS=(kamailio kamailio-websocket-modules kamailio-presence-modules kamailio-sqlite-modules
  kamailio-tls-modules sqlite3 openssl curl)
# modules loaded by kamailio.cfg (tls only with WITH_WSS, but always required here)
MODULES=(tls db_sqlite db_text xhttp jsonrpcs kex corex tm tmx sl rr pv maxfwd usrloc registrar
  textops textopsx siputils xlog sanity auth auth_db nathelper websocket dialog presence
  presence_dialoginfo presence_xml pua pua_dialoginfo pua_usrloc rls)
TOOLS=(kamailio sqlite3 openssl curl setpriv setsid flock node)

quiet=0; [ "${1:-}" = --quiet ] && quiet=1
say() { [ "$quiet" = 1 ] || echo "$@"; }

missing() {
  local t m dir
  for t in "${TOOLS[@]}"; do
    command -v "$t" >/dev/null 2>&1 || [ -x "/usr/sbin/$t" ] || { echo "tool:$t"; }
  done
  # compiled-in module path of the Debian package (multiarch), e.g. /usr/lib/x86_64-linux-gnu/kamailio/modules
  dir=$(ls -d /usr/lib/*/kamailio/modules 2>/dev/null | head -1 || true)
  for m in "${MODULES[@]}"; do
    [ -n "$dir" ] && [ -f "$dir/$m.so" ] || echo "module:$m"
  done
}

todo=$(missing)
if [ -z "$todo" ]; then
  say "kamailio and all modules present ($(/usr/sbin/kamailio -v 2>/dev/null | head -1))"
  exit 0
fi

CMD="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PKGS[*]}"
if [ "$(id -u)" != 0 ]; then
  echo "missing: $(echo $todo)" >&2
  echo "run as root:  $CMD" >&2
  exit 1
fi

# parallel suites: one apt-get at a time, and re-check after waiting for the lock
exec 9>/tmp/ozkit-ensure-kamailio.lock
flock 9
todo=$(missing)
[ -z "$todo" ] && exit 0
say "missing: $(echo $todo) -> installing"
# The package's init script would start a system kamailio on *:5060. policy-rc.d=101
# forbids that; only remove the file again if we created it.
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  created_policy=1
fi
trap '[ "$created_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT

t0=$(date +%s.%N)
log=$(mktemp)
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PKGS[@]}"; } >"$log" 2>&1; then
  tail -20 "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
t1=$(date +%s.%N)

still=$(missing)
if [ -n "$still" ]; then
  echo "still missing after install: $(echo $still)" >&2
  exit 1
fi
# On a systemd host the unit may still be enabled; never leave a system kamailio running.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now kamailio >/dev/null 2>&1 || true
fi
say "installed in $(awk "BEGIN{printf \"%.1f\", $t1-$t0}")s: $(/usr/sbin/kamailio -v | head -1)"

#!/bin/sh
# Run a command in a fresh network namespace whose only interface is loopback, so nothing
# it starts (Kamailio, browsers, test clients) can reach or leak to any other network.
# Needs root and a working `unshare --net` (util-linux) plus `ip` (iproute2); otherwise the
# command runs directly, with a warning. Inside, OZKIT_NETNS=1 is set.
# usage: scripts/netns-run.sh CMD [ARGS...]      (NETNS_RUN=0 forces the direct run)
if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi
if [ "$(id -u)" = 0 ] && [ "${NETNS_RUN:-1}" != 0 ] && command -v ip >/dev/null 2>&1 &&
  unshare --net true 2>/dev/null; then
  exec unshare --net -- sh -c 'ip link set lo up && OZKIT_NETNS=1 exec "$@"' netns-run "$@"
fi
echo "netns-run.sh: warning: no loopback-only network namespace (needs root, 'unshare --net' and 'ip'); running directly" >&2
exec "$@"

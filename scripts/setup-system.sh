#!/usr/bin/env bash
# System packages the test suites need, from Debian's repositories: Kamailio (the test PBX),
# Chromium (browser tests, driven by playwright-core) and iproute2 (loopback-only namespaces).
# As root, installs what is missing; otherwise prints the exact command and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v ip >/dev/null 2>&1 || need+=(iproute2)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${need[*]}"
  if [ "$(id -u)" != 0 ]; then
    echo "missing system packages: ${need[*]}; run as root: $cmd" >&2
    exit 1
  fi
  echo "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
bash test/pbx/ensure-kamailio.sh

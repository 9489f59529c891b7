#!/usr/bin/env bash
# `npm test`: every check CI runs, in order, failing fast. Suites that need system packages
# (Kamailio, Chromium) install them through scripts/setup-system.sh when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

step typecheck
npm run -s typecheck
step lint
npm run -s lint
step "unit tests"
npx vitest run --project unit
step "hooks and components (jsdom)"
npx vitest run --project dom
step "system packages (Kamailio, Chromium)"
bash scripts/setup-system.sh
step "integration tests (real Kamailio, loopback-only network namespace)"
bash scripts/netns-run.sh npx vitest run --project integration
step "build and package self-import"
npm run -s build
node scripts/check-package.mjs
step "Storybook build (offline)"
npm run -s build-storybook
step "browser tests (Debian Chromium via playwright-core, loopback-only network namespace)"
bash scripts/netns-run.sh npx vitest run --project browser

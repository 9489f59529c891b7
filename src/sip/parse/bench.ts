/**
 * Micro benchmark for the body parsers; called by the bench harness (no test asserts timings).
 * Uses only `performance.now()`, available in browsers and Node.
 */
import { parseDialogInfo } from './dialogInfo.js';
import { parseResourceListNotify } from './rlmi.js';
import { KAM_V3_EARLY, rlsNotify } from './fixtures/kamailio.js';

interface Clock {
  now(): number;
}
// Typed locally so this file needs neither DOM nor Node type definitions.
const clock: Clock = (globalThis as unknown as { performance?: Clock }).performance ?? Date;

function opsPerSec(iterations: number, run: () => unknown): number {
  for (let i = 0; i < Math.min(200, iterations); i++) run(); // warm-up (JIT)
  const start = clock.now();
  for (let i = 0; i < iterations; i++) run();
  const ms = clock.now() - start;
  return ms > 0 ? Math.round((iterations * 1000) / ms) : Infinity;
}

/**
 * dialogInfoPerSec: Kamailio's 1-dialog "early" document (~0.6 KB).
 * rlmiPerSec: a whole RLS NOTIFY (multipart/related, RLMI + 2 dialog-info parts, ~1.7 KB),
 * i.e. parseResourceListNotify including its member parts.
 */
export function benchParsers(iterations = 20_000): {
  dialogInfoPerSec: number;
  rlmiPerSec: number;
} {
  const rls = rlsNotify();
  return {
    dialogInfoPerSec: opsPerSec(iterations, () => parseDialogInfo(KAM_V3_EARLY)),
    rlmiPerSec: opsPerSec(iterations, () => parseResourceListNotify(rls.contentType, rls.body)),
  };
}

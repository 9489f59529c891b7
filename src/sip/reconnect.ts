export interface BackoffOptions {
  minDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  minDelayMs: 500,
  maxDelayMs: 30_000,
  maxAttempts: Number.POSITIVE_INFINITY,
};

export function backoffOptions(
  o: { minDelayMs?: number; maxDelayMs?: number; maxAttempts?: number } | undefined,
): BackoffOptions {
  const min = positive(o?.minDelayMs, DEFAULT_BACKOFF.minDelayMs);
  const max = Math.max(min, positive(o?.maxDelayMs, DEFAULT_BACKOFF.maxDelayMs));
  const attempts = o?.maxAttempts;
  return {
    minDelayMs: min,
    maxDelayMs: max,
    maxAttempts:
      attempts !== undefined && Number.isFinite(attempts) && attempts >= 1
        ? Math.floor(attempts)
        : DEFAULT_BACKOFF.maxAttempts,
  };
}

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v >= 0 ? v : fallback;
}

/**
 * Delay before reconnect attempt `attempt` (1-based): exponential from minDelayMs, capped at
 * maxDelayMs, with "equal jitter" (half fixed, half random) so that many clients dropped by
 * one server restart do not come back in lockstep.
 */
export function backoffDelay(
  attempt: number,
  o: Pick<BackoffOptions, 'minDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const exp = Math.min(o.maxDelayMs, o.minDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

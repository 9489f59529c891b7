import { describe, expect, it } from 'vitest';
import { backoffDelay, backoffOptions } from '../../src/sip/reconnect';

describe('sip/reconnect backoff', () => {
  const o = { minDelayMs: 100, maxDelayMs: 1000 };

  it('grows exponentially from minDelayMs and is capped at maxDelayMs', () => {
    const top = (n: number) => backoffDelay(n, o, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(top)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('jitter: between half and all of the exponential step', () => {
    expect(backoffDelay(3, o, () => 0)).toBe(200);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(3, o);
      expect(d).toBeGreaterThanOrEqual(200);
      expect(d).toBeLessThanOrEqual(400);
    }
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(4, o)));
    expect(spread.size).toBeGreaterThan(10);
  });

  it('defaults: 500 ms to 30 s, unlimited attempts; bad values fall back', () => {
    expect(backoffOptions(undefined)).toEqual({
      minDelayMs: 500,
      maxDelayMs: 30000,
      maxAttempts: Infinity,
    });
    expect(backoffOptions({ minDelayMs: 2000, maxDelayMs: 100, maxAttempts: 0 })).toEqual({
      minDelayMs: 2000,
      maxDelayMs: 2000,
      maxAttempts: Infinity,
    });
    expect(backoffOptions({ minDelayMs: -1, maxAttempts: 3.7 })).toMatchObject({
      minDelayMs: 500,
      maxAttempts: 3,
    });
  });
});

import { describe, expect, it, vi } from 'vitest';
import { OzClientImpl } from '../../src/core/client';
import type { CallState } from '../../src/core/enums';
import { createMemoryHistoryStore } from '../../src/history/memory';
import { createSimulatedPbx, demoDirectory, type SimulatorClock } from '../../src/simulator';
import { resolveOptions } from '../../src/simulator/options';
import { DirectoryIndex, route } from '../../src/simulator/routing';
import { Timers } from '../../src/simulator/timers';

/** A hand-written clock: time moves only when the test says so. */
function manualClock(fireZeroAtOnce = false) {
  let now = 1_000_000;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const clock: SimulatorClock = {
    now: () => now,
    setTimeout(fn, ms) {
      if (fireZeroAtOnce && ms === 0) {
        fn();
        return -1;
      }
      due.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
  };
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      await new Promise((r) => setImmediate(r)); // let queued promise work schedule its timers
      const next = [...due.entries()].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next || next[1].at > end) break;
      due.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = end;
  };
  return { clock, advance, pending: () => due.size };
}

describe('Timers', () => {
  it('cancels by group, and never lets a callback throw into the clock', async () => {
    const { clock, advance, pending } = manualClock();
    const errors: unknown[] = [];
    const afterEach = vi.fn();
    const timers = new Timers(clock, (e) => errors.push(e), afterEach);
    const ran: string[] = [];
    timers.after(10, () => ran.push('a'), 'call-1');
    timers.after(10, () => ran.push('b'), 'call-2');
    timers.after(20, () => {
      throw new Error('boom');
    });
    timers.cancel('call-1');
    expect(pending()).toBe(2);
    await expect(advance(30)).resolves.toBeUndefined();
    expect(ran).toEqual(['b']);
    expect(errors).toEqual([new Error('boom')]);
    expect(afterEach).toHaveBeenCalledTimes(2);
    timers.after(5, () => ran.push('c'));
    timers.clear();
    await advance(10);
    expect(ran).toEqual(['b']);
    expect(timers.size).toBe(0);
  });

  it('copes with a clock that runs a zero delay at once', () => {
    const { clock } = manualClock(true);
    const timers = new Timers(clock, () => {});
    const fn = vi.fn();
    timers.after(0, fn);
    expect(fn).toHaveBeenCalledOnce();
    expect(timers.size).toBe(0);
  });
});

describe('routing over the demo directory', () => {
  const dir = new DirectoryIndex(demoDirectory);
  const rules = resolveOptions({});
  const ctx = { from: '1001', me: '1001', engaged: (id: string) => id === '1003' };
  const outcome = (n: string) => {
    const r = route(dir, rules, n, ctx);
    return r.kind === 'answer' ? `${r.mode}:${r.party.kind}` : `${r.kind}:${r.statusCode}`;
  };

  it.each([
    ['1002', 'ring:person'],
    ['1003', 'busy:486'],
    ['1009', 'busy:486'],
    ['1011', 'reject:person'],
    ['1008', 'notFound:480'],
    ['9999', 'notFound:404'],
    ['4711', 'notFound:404'],
    ['1001', 'busy:486'],
    ['8000', 'immediate:service'],
    ['8700', 'immediate:service'],
    ['9000', 'ring:line'],
    ['+442079460999', 'ring:external'],
    ['06201234567', 'ring:external'],
  ])('%s → %s', (number, expected) => {
    expect(outcome(number)).toBe(expected);
  });

  it('lets the logged-in extension register even when listed offline', () => {
    const r = route(dir, rules, '1008', { from: '1002', me: '1008', engaged: () => false });
    expect(r.kind).toBe('answer');
  });

  it('has the admin and a dozen people with their own extensions', () => {
    expect(demoDirectory.users.find((u) => u.id === 'admin')?.devices[0]).toBe('1000');
    expect(demoDirectory.users.length).toBeGreaterThanOrEqual(12);
    expect(dir.people()).toHaveLength(13);
    expect(Object.isFrozen(demoDirectory.users[0])).toBe(true);
  });
});

describe('a hand-written clock', () => {
  it('drives a whole call without fake timers', async () => {
    const { clock, advance, pending } = manualClock();
    const pbx = createSimulatedPbx({ clock, background: false, answerDelayMs: 1000 });
    const client = new OzClientImpl(
      {},
      {
        backend: () => pbx,
        directorySource: () => {
          throw new Error('unused');
        },
        historyStore: () => createMemoryHistoryStore(),
      },
    );
    client.connect('simulator', '1005', { Password: 'demo' });
    await advance(50);
    expect(client.store.getState().connection.state).toBe('ACCESS_GRANTED');
    const call = client.createCall('1006');
    const states: CallState[] = [];
    call.onCallStateChanged((s) => states.push(s));
    call.start();
    await advance(1199);
    expect(states).toEqual(['RINGING']);
    await advance(1);
    expect(states).toEqual(['RINGING', 'ANSWERED', 'IN_CALL']);
    await client.disconnectAsync();
    expect(states.at(-1)).toBe('COMPLETED');
    expect(pending()).toBe(0);
  });
});

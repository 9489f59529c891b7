import type { Session } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { ReinviteError, ReinviteQueue } from '../../src/sip/hold';
import { Timers } from '../../src/sip/timers';

type Answer = number | 'pending-error' | 'busy-dialog';
type InviteOptions = {
  sessionDescriptionHandlerOptions: { hold?: boolean };
  requestDelegate: {
    onAccept(r: unknown): void;
    onReject(r: {
      message: { statusCode: number; reasonPhrase: string; hasHeader(n: string): boolean };
    }): void;
  };
};

/** A session answering its re-INVITEs from a script; records what it was asked. */
function scripted(answers: Answer[], retryAfter = false) {
  const sent: { hold?: boolean; at: number }[] = [];
  let busyPolls = 0;
  const session = {
    get dialog() {
      if (answers[0] === 'busy-dialog') {
        if (++busyPolls > 3) answers.shift();
        return { reinviteUserAgentServer: {} };
      }
      return {};
    },
    invite(o: InviteOptions) {
      const a = answers.shift() ?? 200;
      sent.push({ ...o.sessionDescriptionHandlerOptions, at: Date.now() });
      if (a === 'pending-error') {
        const e = new Error('Reinvite in progress.');
        e.name = 'RequestPendingError';
        return Promise.reject(e);
      }
      setTimeout(() => {
        if (typeof a === 'number' && a < 300)
          o.requestDelegate.onAccept({ message: { statusCode: a } });
        else
          o.requestDelegate.onReject({
            message: {
              statusCode: a as number,
              reasonPhrase: 'x',
              hasHeader: (n) => retryAfter && n === 'retry-after',
            },
          });
      }, 5);
      return Promise.resolve();
    },
  };
  return { session: session as unknown as Session, sent };
}

const queue = () => new ReinviteQueue({ timers: new Timers(), random: () => 0 });

describe('sip/hold re-INVITE queue', () => {
  it('retries a glared re-INVITE (491) and succeeds', async () => {
    const { session, sent } = scripted([491, 491, 200]);
    await queue().run(() => session, { hold: true });
    expect(sent).toHaveLength(3);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(100); // 100–300 ms, doubling
    expect(sent[2]!.at - sent[1]!.at).toBeGreaterThanOrEqual(200);
  });

  it('retries a 500 with Retry-After (RFC 5407), not a plain 500 or a 488', async () => {
    const a = scripted([500, 200], true);
    await queue().run(() => a.session, { hold: true });
    expect(a.sent).toHaveLength(2);
    const b = scripted([500]);
    await expect(queue().run(() => b.session, { hold: true })).rejects.toMatchObject({
      statusCode: 500,
    });
    expect(b.sent).toHaveLength(1);
    const c = scripted([488]);
    await expect(queue().run(() => c.session, { hold: true })).rejects.toBeInstanceOf(
      ReinviteError,
    );
    expect(c.sent).toHaveLength(1);
  });

  it('gives up after 3 retries', async () => {
    const { session, sent } = scripted([491, 491, 491, 491, 491]);
    await expect(queue().run(() => session, { hold: true })).rejects.toMatchObject({
      statusCode: 491,
    });
    expect(sent).toHaveLength(4);
  });

  it("SIP.js's own 'in progress' refusal counts as glare", async () => {
    const { session, sent } = scripted(['pending-error', 200]);
    await queue().run(() => session, { hold: false });
    expect(sent).toHaveLength(2);
  });

  it('waits while the peer’s re-INVITE is being answered (RFC 3261 §14.1)', async () => {
    const { session, sent } = scripted(['busy-dialog', 200]);
    const t0 = Date.now();
    await queue().run(() => session, { hold: true });
    expect(sent).toHaveLength(1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
  });

  it('one at a time, in order, each waiting for the one before', async () => {
    const { session, sent } = scripted([200, 200]);
    const q = queue();
    const done: string[] = [];
    const p1 = q.run(() => session, { hold: true }).then(() => done.push('hold'));
    const p2 = q.run(() => session, { hold: false }).then(() => done.push('unhold'));
    await Promise.all([p1, p2]);
    expect(done).toEqual(['hold', 'unhold']);
    expect(sent.map((s) => s.hold)).toEqual([true, false]);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(100); // the peer's ACK race
  });

  it('close() ends a retry wait at once and leaves no timer', async () => {
    const timers = new Timers();
    const q = new ReinviteQueue({ timers, random: () => 1 });
    const { session } = scripted([491, 200]);
    const p = q.run(() => session, { hold: true });
    await new Promise((r) => setTimeout(r, 30));
    expect(timers.size).toBe(1);
    q.close();
    expect(timers.size).toBe(0);
    await expect(p).rejects.toMatchObject({ statusCode: 481 });
  });

  it('no session (the call ended): 481', async () => {
    await expect(queue().run(() => null, { hold: true })).rejects.toMatchObject({
      statusCode: 481,
    });
  });
});

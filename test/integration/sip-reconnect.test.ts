// Connection upkeep against a real Kamailio: the server kills one client's socket (the call
// survives), Kamailio restarted mid-call (clients come back registered, the lost call ends
// with reason 'transport', no ghost), a frozen server found by the OPTIONS probe, one binding
// after re-registration, and giving up after sip.reconnect.maxAttempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPbx, type TestPbx } from '../pbx/pbx';
import {
  connectCall,
  contactsOf,
  leftovers,
  makeClient,
  NOTHING_LEFT,
  sleep,
  waitFor,
  type TestClient,
} from './sip-helpers';

let pbx: TestPbx;
let a: TestClient;
let b: TestClient;

beforeAll(async () => {
  pbx = await startPbx({ name: 'sip-reconnect' });
  const sip = {
    probeIntervalMs: 300,
    userAgentOptions: { transportOptions: { connectionTimeout: 1 } },
  };
  a = makeClient(pbx, '1001', { sip });
  b = makeClient(pbx, '1002', { sip });
  await Promise.all([a.connect(), b.connect()]);
});

afterAll(async () => {
  try {
    process.kill(-pbx.pid, 'SIGCONT'); // never leave a frozen server behind
  } catch {
    // not running
  }
  await Promise.all([a, b].map((x) => x?.close()));
  await pbx?.stop();
});

const phases = (x: TestClient) => {
  const seen: string[] = [];
  const unsub = x.client.store.subscribe((s) => {
    const p = `${s.connection.phase}${s.connection.phase === 'reconnecting' ? `#${s.connection.attempt}` : ''}`;
    if (seen.at(-1) !== p) seen.push(p);
  });
  return { seen, unsub };
};

/** Kamailio's connection id of a client's WebSocket (usrloc knows it per binding). */
async function connectionIdOf(aor: string): Promise<number> {
  const dump = (await pbx.rpc('ul.dump')) as {
    Domains: {
      Domain: {
        AoRs: { Info: { AoR: string; Contacts: { Contact: { 'Tcpconn-Id': number } }[] } }[];
      };
    }[];
  };
  const hit = dump.Domains[0]?.Domain.AoRs.find((x) => x.Info.AoR === aor);
  const id = hit?.Info.Contacts[0]?.Contact['Tcpconn-Id'];
  if (id === undefined) throw new Error(`no binding for ${aor}`);
  return id;
}

describe('SIP backend: reconnection', () => {
  it('the server drops one client socket mid-call: it re-registers on the same UA and the call survives', async () => {
    const { out, inc } = await connectCall(a, b);
    const p = phases(a);
    const controllable: boolean[] = [];
    const unsub = a.client.store.subscribe((s) => {
      const c = s.calls[out.id]?.controllable;
      if (c !== undefined && controllable.at(-1) !== c) controllable.push(c);
    });
    await pbx.rpc('ws.close', [await connectionIdOf('1001')]);
    await waitFor(() => a.states.at(-1)?.State === 'CONNECTION_CLOSED', 'CONNECTION_CLOSED');
    const conn = a.client.store.getState().connection;
    expect(conn.phase).toBe('reconnecting');
    expect(conn.attempt).toBe(1);
    expect(conn.nextAttemptAt).toBeGreaterThan(Date.now() - 50);
    await waitFor(
      () => a.client.store.getState().connection.phase === 'registered',
      're-registered',
      8000,
    );
    expect(a.states.map((s) => s.State)).toEqual([
      'ACCESS_GRANTED',
      'CONNECTION_CLOSED',
      'ACCESS_GRANTED',
    ]);
    await waitFor(() => controllable.at(-1) === true, 'call controllable again');
    unsub();
    p.unsub();
    const dropAt = p.seen.indexOf('reconnecting#1');
    expect(dropAt).toBeGreaterThanOrEqual(0);
    expect(p.seen.slice(dropAt).at(-1)).toBe('registered');
    expect(controllable).toEqual([false, true]);
    expect(out.getCallState()).toBe('IN_CALL');
    // The re-INVITE refreshed A's Contact: B's BYE reaches A over the new connection.
    inc.hangUp();
    await waitFor(() => out.getCallState() === 'COMPLETED', 'A sees the BYE');
    expect(a.client.store.getState().lastEndedCall?.endReason).toBe('remote');
    expect(await contactsOf(pbx, '1001')).toHaveLength(1);
    expect(leftovers(a)).toEqual(NOTHING_LEFT);
    expect(b.states.map((s) => s.State)).toEqual(['ACCESS_GRANTED']); // B never noticed
  });

  it('Kamailio restarted mid-call: both come back registered without a new connect(), the lost call ends', async () => {
    const { out, inc } = await connectCall(a, b);
    const before = a.states.length;
    await pbx.restart();
    await waitFor(
      () =>
        [a, b].every(
          (x) =>
            x.client.store.getState().connection.phase === 'registered' &&
            x.states.at(-1)?.State === 'ACCESS_GRANTED',
        ),
      'both re-registered',
      10_000,
    );
    expect(a.states.slice(before).map((s) => s.State)).toEqual([
      'CONNECTION_CLOSED',
      'ACCESS_GRANTED',
    ]);
    // The call went through the old Kamailio's connections: it cannot be recovered.
    await waitFor(
      () => out.getCallState() === 'COMPLETED' && inc.getCallState() === 'COMPLETED',
      'call ended',
      10_000,
    );
    expect(a.client.store.getState().lastEndedCall).toMatchObject({
      state: 'COMPLETED',
      endReason: 'transport',
    });
    expect(b.client.store.getState().lastEndedCall).toMatchObject({
      state: 'COMPLETED',
      endReason: 'transport',
    });
    for (const x of [a, b]) expect(leftovers(x)).toEqual(NOTHING_LEFT);
    // and the client is fully usable again
    const again = await connectCall(a, b);
    again.out.hangUp();
    await waitFor(() => again.inc.getCallState() === 'COMPLETED', 'new call ended');
    expect(await contactsOf(pbx, '1001')).toHaveLength(1);
  });

  it('a frozen server (SIGSTOP, socket open) is noticed by the OPTIONS probe; after it resumes, one binding', async () => {
    const t0 = Date.now();
    const before = a.states.length;
    process.kill(-pbx.pid, 'SIGSTOP');
    try {
      await waitFor(() => a.states.length > before, 'drop noticed', 5000);
      expect(a.states[before]?.State).toBe('CONNECTION_CLOSED');
      expect(Date.now() - t0).toBeLessThan(1500); // probe every 300 ms, answer due within 300 ms
      expect(a.client.store.getState().connection.lastError?.code).toBe('CONNECTION_LOST');
      await sleep(500);
    } finally {
      process.kill(-pbx.pid, 'SIGCONT');
    }
    await waitFor(() => a.states.at(-1)?.State === 'ACCESS_GRANTED', 'back', 10_000);
    await waitFor(
      () =>
        b.states.at(-1)?.State === 'ACCESS_GRANTED' &&
        b.client.store.getState().connection.phase === 'registered',
      'B back',
      10_000,
    );
    // the new REGISTER (same +sip.instance) replaced the binding of the abandoned connection
    expect(await contactsOf(pbx, '1001')).toHaveLength(1);
    expect(await contactsOf(pbx, '1002')).toHaveLength(1);
  });

  it('gives up after sip.reconnect.maxAttempts: CONNECTION_FAILED', async () => {
    const other = await startPbx({ name: 'sip-reconnect-giveup' });
    const x = makeClient(other, '1003', {
      sip: { reconnect: { minDelayMs: 50, maxDelayMs: 100, maxAttempts: 2 } },
    });
    try {
      await x.connect();
      await other.stop();
      await waitFor(
        () => x.states.at(-1)?.State === 'CONNECTION_FAILED',
        'CONNECTION_FAILED',
        5000,
      );
      expect(x.states.map((s) => s.State)).toEqual([
        'ACCESS_GRANTED',
        'CONNECTION_CLOSED',
        'CONNECTION_FAILED',
      ]);
      const conn = x.client.store.getState().connection;
      expect(conn).toMatchObject({ phase: 'failed', registered: false });
      expect(conn.lastError?.message).toBe(
        `Gave up reconnecting to ${other.wsUrl} after 2 attempts`,
      );
      expect(x.errors.at(-1)?.code).toBe('CONNECTION_FAILED');
    } finally {
      await x.close();
      await other.stop();
    }
  });
});

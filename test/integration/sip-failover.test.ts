// Failover across sip.servers with two real Kamailios: a dead first server is skipped at
// connect, and when the primary dies the client re-registers on the secondary (a new
// UserAgent), its call through the dead one ends with reason 'transport', and calls work there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPbx, type TestPbx } from '../pbx/pbx';
import {
  connectCall,
  contactsOf,
  leftovers,
  makeClient,
  NOTHING_LEFT,
  waitFor,
  type TestClient,
} from './sip-helpers';

let primary: TestPbx;
let secondary: TestPbx;
const open: TestClient[] = [];

beforeAll(async () => {
  [primary, secondary] = await Promise.all([
    startPbx({ name: 'sip-failover-a' }),
    startPbx({ name: 'sip-failover-b' }),
  ]);
});

afterAll(async () => {
  await Promise.all(open.map((c) => c.close().catch(() => {})));
  await Promise.all([primary?.stop(), secondary?.stop()]);
});

function client(pbx: TestPbx, user: string, servers?: string[]): TestClient {
  const c = makeClient(pbx, user, { sip: servers ? { servers } : {} });
  open.push(c);
  return c;
}

describe('SIP backend: failover', () => {
  it('sip.servers [dead, alive]: registers on the first one that answers', async () => {
    const dead = 'ws://127.0.0.1:9';
    const x = client(secondary, '1004', [dead, secondary.wsUrl]);
    await x.connect();
    expect(x.states.map((s) => s.State)).toEqual(['ACCESS_GRANTED']);
    expect(x.client.store.getState().connection).toMatchObject({
      phase: 'registered',
      server: secondary.wsUrl,
    });
    expect(await contactsOf(secondary, '1004')).toHaveLength(1);
    await x.close();
  });

  it('the primary dies: the client fails over to the secondary and takes calls there', async () => {
    const servers = [primary.wsUrl, secondary.wsUrl];
    const a = client(primary, '1001', servers);
    const peerOnA = client(primary, '1002'); // only on the primary
    const peerOnB = client(secondary, '1003'); // only on the secondary
    await Promise.all([a.connect(), peerOnA.connect(), peerOnB.connect()]);
    expect(a.client.store.getState().connection.server).toBe(primary.wsUrl);
    const { out } = await connectCall(a, peerOnA);

    await primary.stop();
    await waitFor(
      () =>
        a.client.store.getState().connection.server === secondary.wsUrl &&
        a.client.store.getState().connection.phase === 'registered',
      'failed over',
      8000,
    );
    expect(a.states.map((s) => s.State)).toEqual([
      'ACCESS_GRANTED',
      'CONNECTION_CLOSED',
      'ACCESS_GRANTED',
    ]);
    // the call was pinned to the dead server (Record-Route): ended, not left as a ghost
    await waitFor(() => out.getCallState() === 'COMPLETED', 'call through the dead server ended');
    expect(a.client.store.getState().lastEndedCall).toMatchObject({ endReason: 'transport' });
    expect(leftovers(a)).toEqual(NOTHING_LEFT);
    expect(await contactsOf(secondary, '1001')).toHaveLength(1);

    const fresh = await connectCall(peerOnB, a);
    expect(fresh.inc.getOtherParty()).toBe('1003');
    fresh.inc.hangUp();
    await waitFor(() => fresh.out.getCallState() === 'COMPLETED', 'call on the secondary ended');
  });
});

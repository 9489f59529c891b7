// The watcher inside the real SIP backend (createSipBackend wires it to every registration and
// to PbxBackend.watch, which the core calls once registered), end to end: lamps and
// sessions, pickup of a ringing call from the observed early dialog, and a Kamailio restart
// that the backend reconnects by itself.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SessionState } from 'sip.js';
import { OzClientImpl } from '../../src/core/client';
import { directorySourceFor } from '../../src/directory/sources';
import { createMemoryHistoryStore } from '../../src/history';
import { createSipBackend, SipBackend } from '../../src/sip';
import { createExtensionWatcher } from '../../src/sip/watch';
import { installNodeWebSocket } from '../pbx/node-websocket';
import { startPbx, type TestPbx } from '../pbx/pbx';
import { signalingOnlySdhFactory } from '../pbx/signaling-sdh';
import {
  endCallsAndSessions,
  established,
  phone,
  ring,
  waitFor,
  type Phone,
} from './watch-helpers';

installNodeWebSocket();

let pbx: TestPbx;
let p1001: Phone;
let p1002: Phone;
let client: OzClientImpl;
let backend: SipBackend;
/** Registrations the add-on saw (first, then one per reconnect). */
let registrations = 0;

beforeAll(async () => {
  pbx = await startPbx({ name: 'watch-sip-backend' });
  p1001 = await phone(pbx, '1001');
  p1002 = await phone(pbx, '1002');
  const options = backendOptions();
  backend = createSipBackend({
    sip: { ...options.sip, reconnect: { minDelayMs: 100, maxDelayMs: 500 } },
  });
  backend.use(() => {
    registrations++;
  });
  client = await clientOn(backend, '1003');
}, 60_000);

afterEach(() => endCallsAndSessions(client, [p1001, p1002]));

afterAll(async () => {
  await client?.disconnectAsync();
  await p1001?.stop();
  await p1002?.stop();
  await pbx?.stop();
});

const state = () => client.store.getState();

/** SIP options of the clients of these tests: they watch 1001 and 1002. */
const backendOptions = () => ({
  sip: {
    domain: pbx.domain,
    probeIntervalMs: 0,
    watch: ['1001', '1002'],
    userAgentOptions: { sessionDescriptionHandlerFactory: signalingOnlySdhFactory },
  },
});

/** A client on `backend`, registered as `ext`, with 1001 and 1002 in its directory. */
async function clientOn(backend: SipBackend, ext: string): Promise<OzClientImpl> {
  const extensions = ['1001', '1002'].map((id) => ({ id, type: 'SIP' }));
  const other = new OzClientImpl(
    { directory: { users: [], extensions, outsideLines: [] } },
    {
      backend: () => backend,
      directorySource: directorySourceFor,
      historyStore: () => createMemoryHistoryStore(),
    },
  );
  await other.connectAsync(pbx.wsUrl, ext, { Password: pbx.password(ext) });
  expect(other.store.getState().connection.registered).toBe(true);
  return other;
}
const sessions = () => Object.values(state().sessions);

describe('the watcher inside the SIP backend', () => {
  it('lamps and one session per call', async () => {
    await waitFor(() => state().extensionStates['1002'] === 'idle', 'idle lamp');
    const { caller, callee } = await ring(pbx, p1001, p1002);
    await waitFor(() => state().extensionStates['1002'] === 'ringing', 'ringing');
    await callee.accept();
    await waitFor(() => sessions()[0]?.sessionState === 'IN_CALL', 'in call');
    expect(sessions()).toHaveLength(1);
    await established(caller, callee);
    await caller.bye();
    await waitFor(
      () => sessions().length === 0 && state().extensionStates['1002'] === 'idle',
      'ended',
    );
    await waitFor(() => Object.keys(state().history).length === 1, 'history');
  });

  it('picks up a ringing call with the observed dialog identifiers (RFC 3891)', async () => {
    const { caller, callee } = await ring(pbx, p1001, p1002);
    await waitFor(() => sessions()[0]?.calleeTag !== undefined, 'early session with both tags');
    const session = client.getSession(caller.request.callId);
    if (!session) throw new Error('no session');
    const before = p1001.invitations.length;
    const call = session.pickup();
    await waitFor(() => p1001.invitations.length > before, 'INVITE with Replaces at the caller');
    const replacing = p1001.invitations[before];
    expect(replacing?.request.getHeader('Replaces')).toBe(
      `${caller.request.callId};to-tag=${caller.request.fromTag};from-tag=${sessions()[0]?.calleeTag};early-only`,
    );
    // the caller's phone honours it: answers the pickup, drops the ringing call
    await replacing?.accept();
    await caller.cancel();
    await waitFor(() => call.getRecord().state === 'IN_CALL', 'picked-up call in call');
    await waitFor(() => callee.state === SessionState.Terminated, 'original callee stops ringing');
    await waitFor(
      () => !sessions().some((s) => s.sessionId === caller.request.callId),
      'ringing session closed',
    );
    call.hangUp();
    await waitFor(() => replacing?.state === SessionState.Terminated, 'picked-up call ended');
    await waitFor(() => sessions().length === 0, 'no sessions left');
  });

  it("a backend made without a watcher (the widget dialer's) subscribes to nothing", async () => {
    const bare = new SipBackend(backendOptions(), null);
    const other = await clientOn(bare, '1004');
    try {
      const { caller, callee } = await ring(pbx, p1001, p1002);
      // The watching client sees the lamp ring; by then the bare one has sent no SUBSCRIBE.
      await waitFor(() => state().extensionStates['1002'] === 'ringing', 'ringing');
      expect(bare.debugWatch().subscriptions).toBe(0);
      expect(other.store.getState().extensionStates['1002']).toBeUndefined();
      await callee.accept();
      await established(caller, callee);
      await caller.bye();
    } finally {
      await other.disconnectAsync();
    }
  });

  it('with one SUBSCRIBE in flight at a time, every subscription still comes up', async () => {
    const paced = new SipBackend(
      backendOptions(),
      createExtensionWatcher({ maxPendingSubscribes: 1 }),
    );
    const other = await clientOn(paced, '1005');
    try {
      await waitFor(() => paced.debugWatch().subscriptions === 4, 'dialog + presence for both');
      const lamps = other.store.getState().extensionStates;
      expect([lamps['1001'], lamps['1002']]).toEqual(['idle', 'idle']);
    } finally {
      await other.disconnectAsync();
    }
  });

  it('comes back after a Kamailio restart: the backend reconnects, the watcher re-subscribes', async () => {
    const before = registrations;
    await pbx.restart();
    await Promise.all([p1001.reconnect(), p1002.reconnect()]);
    await waitFor(() => registrations > before, 'registered again', 15_000);
    await waitFor(() => backend.debugWatch().subscriptions === 4, 'subscriptions back');
    const { caller, callee } = await ring(pbx, p1001, p1002);
    await waitFor(() => state().extensionStates['1002'] === 'ringing', 'ringing after restart');
    await callee.accept();
    await waitFor(() => sessions()[0]?.sessionState === 'IN_CALL', 'in call after restart');
    await established(caller, callee);
    await caller.bye();
    await waitFor(
      () => sessions().length === 0 && state().extensionStates['1002'] === 'idle',
      'ended',
    );
    const watchErrors = state()
      .errors.filter((e) => e.code === 'SUBSCRIPTION_FAILED' || e.code === 'PARSE_ERROR')
      .map((e) => `${e.code}: ${e.message}`);
    expect(watchErrors).toEqual([]);
  }, 30_000);
});

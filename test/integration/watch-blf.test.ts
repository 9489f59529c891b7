// BLF per extension against the real Kamailio: 1001 calls 1002 while 1003 (the real core client
// over a watch-only backend) watches 1001, 1002, 1004 (not registered) and 1999 (no such user).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SessionState } from 'sip.js';
import type { OzClientImpl } from '../../src/core/client';
import type { Session } from '../../src/core/session';
import { createKamailioSessionControl } from '../../src/sip/kamailio';
import { installNodeWebSocket } from '../pbx/node-websocket';
import { startPbx, type TestPbx } from '../pbx/pbx';
import {
  endCallsAndSessions,
  established,
  phone,
  ring,
  sleep,
  waitFor,
  watchingClient,
  type Phone,
  type WatchTestBackend,
} from './watch-helpers';

installNodeWebSocket();

let pbx: TestPbx;
let p1001: Phone;
let p1002: Phone;
let client: OzClientImpl;
let backend: WatchTestBackend;
const created: Session[] = [];
const closed: Session[] = [];

beforeAll(async () => {
  pbx = await startPbx({ name: 'watch-blf' });
  p1001 = await phone(pbx, '1001');
  p1002 = await phone(pbx, '1002');
  ({ client, backend } = await watchingClient(
    pbx,
    ['1001', '1002', '1004', '1999'],
    {},
    { sessionControl: createKamailioSessionControl({ rpcUrl: pbx.rpcUrl }) },
  ));
  client.onSessionCreated((s) => created.push(s));
  client.onSessionClosed((s) => closed.push(s));
}, 60_000);

afterEach(() => endCallsAndSessions(client, [p1001, p1002]));

afterAll(async () => {
  await client?.disconnectAsync();
  await p1001?.stop();
  await p1002?.stop();
  await pbx?.stop();
});

const state = () => client.store.getState();
const lamps = () => state().extensionStates;
const sessions = () => Object.values(state().sessions);

describe('watching extensions one by one', () => {
  it('shows the lamps; the extension that does not exist is reported and the rest work', async () => {
    await waitFor(
      () =>
        lamps()['1001'] === 'idle' &&
        lamps()['1002'] === 'idle' &&
        lamps()['1004'] === 'offline' &&
        lamps()['1999'] === 'unknown',
      'initial lamps',
    );
    const failures = state().errors.filter((e) => e.code === 'SUBSCRIPTION_FAILED');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ extensionId: '1999', statusCode: 404 });
    // presence feeds the roster
    await waitFor(() => state().clients['1004']?.status === 'OFFLINE', 'roster');
    expect(state().clients['1001']?.status).toBe('ONLINE');
    expect(state().clients['1002']?.status).toBe('ONLINE');
    // 1001, 1002, 1004: dialog + presence each; 1999: both refused
    await waitFor(() => backend.watcher.subscriptionCount === 6, 'six subscriptions');
  });

  it('follows ringing → in call → ended with one session per call and a history record', async () => {
    const { caller, callee } = await ring(pbx, p1001, p1002);
    await waitFor(
      () => lamps()['1002'] === 'ringing' && lamps()['1001'] === 'busy',
      'ringing lamps',
    );
    await waitFor(() => sessions()[0]?.callerTag !== undefined, 'early session with tags');
    expect(sessions()).toHaveLength(1); // both parties watched: still one session
    const ringing = sessions()[0];
    expect(ringing).toMatchObject({
      sessionId: caller.request.callId,
      sipCallId: caller.request.callId,
      sessionState: 'RINGING',
      pbxState: 'RINGING',
      caller: '1001',
      callee: '1002',
      source: '1001',
      destination: '1002',
      dialedNumber: '1002',
      callerTag: caller.request.fromTag,
    });
    expect(ringing?.calleeTag).toMatch(/.+/);
    expect(Object.keys(client.helper.getActiveCallsOfExtension('1002'))).toEqual([
      caller.request.callId,
    ]);
    expect(Object.keys(client.helper.getActiveCallsOfExtension('1001'))).toEqual([
      caller.request.callId,
    ]);

    await callee.accept();
    await waitFor(() => sessions()[0]?.sessionState === 'IN_CALL', 'session in call');
    // each side's NOTIFY comes on its own subscription: the lamps follow within moments
    await waitFor(() => lamps()['1002'] === 'busy' && lamps()['1001'] === 'busy', 'busy lamps');
    expect(sessions()[0]?.answeredAt).not.toBeNull();
    // Kamailio's confirmed documents have no tags: the early ones are kept
    expect(sessions()[0]?.callerTag).toBe(caller.request.fromTag);

    await established(caller, callee);
    await caller.bye();
    await waitFor(() => sessions().length === 0, 'session closed');
    await waitFor(() => lamps()['1001'] === 'idle' && lamps()['1002'] === 'idle', 'idle lamps');
    expect(created).toHaveLength(1);
    expect(closed).toHaveLength(1);
    await waitFor(() => Object.keys(state().history).length === 1, 'history record');
    expect(Object.values(state().history)[0]).toMatchObject({
      callId: `session:${caller.request.callId}`,
      origin: 'observed',
      source: '1001',
      destination: '1002',
      state: 'CallerHungUp',
      dialed: '1002',
    });
  });

  it('an unanswered call ends NotAnswered and its lingering dialog does not bring it back', async () => {
    const { caller, callee } = await ring(pbx, p1001, p1002);
    await waitFor(() => sessions().length === 1, 'ringing session');
    await callee.reject({ statusCode: 486 });
    await waitFor(() => caller.state === SessionState.Terminated, 'caller rejected');
    await waitFor(() => sessions().length === 0, 'session closed');
    const rec = state().history[`session:${caller.request.callId}`];
    expect(rec?.state).toBe('NotAnswered');
    expect(rec?.talkDuration).toBe(0);
    // Kamailio keeps the terminated dialog in every later document for 300 s
    const { caller: again, callee: ringing } = await ring(pbx, p1001, p1002);
    await waitFor(() => sessions().length === 1, 'next call');
    expect(sessions()[0]?.sessionId).toBe(again.request.callId);
    await ringing.reject({ statusCode: 486 });
    await waitFor(() => sessions().length === 0, 'closed again');
    await sleep(300);
    expect(sessions()).toHaveLength(0);
    expect(lamps()['1002']).toBe('idle');
  });

  it('hangs up an observed call through Kamailio JSON-RPC (dlg.end_dlg): both UAs end', async () => {
    const { caller, callee } = await ring(pbx, p1001, p1002);
    await callee.accept();
    await waitFor(() => sessions()[0]?.sessionState === 'IN_CALL', 'session in call');
    const session = client.getSession(caller.request.callId);
    if (!session) throw new Error('no session object');
    session.hangup();
    await waitFor(
      () => caller.state === SessionState.Terminated && callee.state === SessionState.Terminated,
      'both UAs terminated',
    );
    await waitFor(() => sessions().length === 0, 'session closed');
    expect(state().history[`session:${caller.request.callId}`]?.state).toBe('CallerHungUp');
    // what Kamailio cannot do for a third party is NOT_SUPPORTED
    const { caller: c2, callee: r2 } = await ring(pbx, p1001, p1002);
    await waitFor(() => sessions().length === 1, 'ringing session');
    const s2 = client.getSession(c2.request.callId);
    s2?.hold();
    await waitFor(() => state().errors.some((e) => e.code === 'NOT_SUPPORTED'), 'NOT_SUPPORTED');
    // and a ringing call cannot be ended by dlg.end_dlg: said so, the call rings on
    s2?.hangup();
    await waitFor(
      () => state().errors.some((e) => e.code === 'SESSION_CONTROL_FAILED'),
      'SESSION_CONTROL_FAILED',
    );
    expect(state().errors.at(-1)?.message).toContain('still ringing');
    expect(c2.state).toBe(SessionState.Establishing);
    await r2.reject();
    await waitFor(() => sessions().length === 0, 'closed');
  });
});

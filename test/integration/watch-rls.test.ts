// BLF through one RFC 4662 resource list (sip:blf@ozkit.test = 1001, 1002) against the real
// Kamailio; 1004 is outside the list and gets its own subscription. Short expiries so the test
// also sees every subscription refreshed (SIP.js's own refresh omits `Supported: eventlist`,
// which Kamailio's RLS answers with 481).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OzClientImpl } from '../../src/core/client';
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

const EXPIRES = 4;
/** Kamailio's RLS sends its batched NOTIFYs every waitn_time (1 s). */
const RLS_WAIT = 4_000;

let pbx: TestPbx;
let p1001: Phone;
let p1002: Phone;
let client: OzClientImpl;
let backend: WatchTestBackend;
let subscribedAt = 0;

beforeAll(async () => {
  pbx = await startPbx({ name: 'watch-rls' });
  p1001 = await phone(pbx, '1001');
  p1002 = await phone(pbx, '1002');
  subscribedAt = Date.now();
  ({ client, backend } = await watchingClient(pbx, ['1001', '1002', '1004'], {
    resourceList: `sip:blf@${pbx.domain}`,
    expires: EXPIRES,
  }));
}, 60_000);

afterEach(() => endCallsAndSessions(client, [p1001, p1002]));

afterAll(async () => {
  if (process.env.WATCH_TRACE)
    console.log(backend?.log.join('\n'), JSON.stringify(state().errors.map((e) => e.message)));
  await client?.disconnectAsync();
  await p1001?.stop();
  await p1002?.stop();
  await pbx?.stop();
});

const state = () => client.store.getState();
const lamps = () => state().extensionStates;
const sessions = () => Object.values(state().sessions);

describe('watching through a resource list', () => {
  it('one list subscription for its members, its own for the extension outside it', async () => {
    await waitFor(
      () =>
        lamps()['1001'] === 'idle' && lamps()['1002'] === 'idle' && lamps()['1004'] === 'offline',
      'initial lamps',
      RLS_WAIT,
    );
    // list + 1004's dialog + presence for 1001, 1002, 1004
    await waitFor(() => backend.watcher.subscriptionCount === 5, 'five subscriptions');
    expect(state().errors).toEqual([]);
  });

  it('follows ringing → in call → ended with one session and a history record', async () => {
    const { caller, callee } = await ring(pbx, p1001, p1002);
    await waitFor(
      () => lamps()['1002'] === 'ringing' && lamps()['1001'] === 'busy',
      'ringing lamps',
      RLS_WAIT,
    );
    expect(sessions()).toHaveLength(1);
    expect(sessions()[0]).toMatchObject({
      sessionId: caller.request.callId,
      sessionState: 'RINGING',
      caller: '1001',
      callee: '1002',
    });
    await callee.accept();
    await waitFor(
      () => sessions()[0]?.sessionState === 'IN_CALL' && lamps()['1002'] === 'busy',
      'in call',
      RLS_WAIT,
    );
    await sleep(1_200); // a little talk time, and one more RLS batch
    await established(caller, callee);
    await caller.bye();
    await waitFor(() => sessions().length === 0, 'session closed', RLS_WAIT);
    await waitFor(() => lamps()['1001'] === 'idle' && lamps()['1002'] === 'idle', 'idle', RLS_WAIT);
    await waitFor(() => Object.keys(state().history).length === 1, 'history record');
    expect(Object.values(state().history)[0]).toMatchObject({
      callId: `session:${caller.request.callId}`,
      origin: 'observed',
      state: 'CallerHungUp',
      source: '1001',
      destination: '1002',
    });
    expect(Object.values(state().history)[0]?.talkDuration).toBeGreaterThanOrEqual(1);
  });

  it('refreshes every subscription before it expires', async () => {
    // at least three refresh rounds (every 90 % of 4 s) since subscribing
    await sleep(Math.max(0, subscribedAt + 3.5 * EXPIRES * 1000 - Date.now()));
    expect(backend.watcher.subscriptionCount).toBe(5);
    expect(backend.log.filter((l) => l.includes('re-subscribing'))).toEqual([]);
    const { callee } = await ring(pbx, p1001, p1002);
    await waitFor(() => lamps()['1002'] === 'ringing', 'ringing after refreshes', RLS_WAIT);
    await callee.reject();
    await waitFor(
      () => lamps()['1002'] === 'idle' && sessions().length === 0,
      'idle again',
      RLS_WAIT,
    );
    expect(state().errors).toEqual([]);
  }, 40_000);
});

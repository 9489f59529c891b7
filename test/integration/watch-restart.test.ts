// Kamailio restarted under two watching clients: one re-attaches on a new UA (what the SIP
// backend does after a reconnect), the other on its old UA after the transport came back.
// Kamailio keeps subscriptions in memory only, so both must subscribe anew.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OzClientImpl } from '../../src/core/client';
import { installNodeWebSocket } from '../pbx/node-websocket';
import { startPbx, type TestPbx } from '../pbx/pbx';
import {
  established,
  phone,
  ring,
  waitFor,
  watchingClient,
  type Phone,
  type WatchTestBackend,
} from './watch-helpers';

installNodeWebSocket();

const RLS_WAIT = 4_000;

let pbx: TestPbx;
let p1001: Phone;
let p1002: Phone;
let perExt: { client: OzClientImpl; backend: WatchTestBackend };
let viaList: { client: OzClientImpl; backend: WatchTestBackend };

beforeAll(async () => {
  pbx = await startPbx({ name: 'watch-restart' });
  p1001 = await phone(pbx, '1001');
  p1002 = await phone(pbx, '1002');
  perExt = await watchingClient(pbx, ['1001', '1002'], { presence: false });
  viaList = await watchingClient(pbx, ['1001', '1002'], {
    presence: false,
    resourceList: `sip:blf@${pbx.domain}`,
  });
}, 60_000);

afterAll(async () => {
  await perExt?.client.disconnectAsync();
  await viaList?.client.disconnectAsync();
  await p1001?.stop();
  await p1002?.stop();
  await pbx?.stop();
});

const lamp = (c: OzClientImpl, ext: string) => c.store.getState().extensionStates[ext];
const sessions = (c: OzClientImpl) => Object.values(c.store.getState().sessions);

async function callMovesLamps(label: string): Promise<void> {
  const { caller, callee } = await ring(pbx, p1001, p1002);
  for (const c of [perExt.client, viaList.client])
    await waitFor(() => lamp(c, '1002') === 'ringing', `${label}: ringing`, RLS_WAIT);
  await callee.accept();
  for (const c of [perExt.client, viaList.client])
    await waitFor(
      () => lamp(c, '1002') === 'busy' && sessions(c)[0]?.sessionState === 'IN_CALL',
      `${label}: in call`,
      RLS_WAIT,
    );
  await established(caller, callee);
  await caller.bye();
  for (const c of [perExt.client, viaList.client])
    await waitFor(
      () => lamp(c, '1002') === 'idle' && sessions(c).length === 0,
      `${label}: ended`,
      RLS_WAIT,
    );
}

describe('Kamailio restarted', () => {
  it('subscriptions come back and the lamps move again', async () => {
    await waitFor(
      () => perExt.backend.watcher.subscriptionCount === 2,
      'per-extension subscriptions',
    );
    await waitFor(() => viaList.backend.watcher.subscriptionCount === 1, 'list subscription');
    await callMovesLamps('before');
    const before = Object.keys(perExt.client.store.getState().history).length;

    await pbx.restart();
    await Promise.all([
      p1001.reconnect(),
      p1002.reconnect(),
      perExt.backend.reconnect(),
      viaList.backend.reconnectSameUa(),
    ]);
    await waitFor(() => perExt.backend.watcher.subscriptionCount === 2, 'per-extension back');
    await waitFor(() => viaList.backend.watcher.subscriptionCount === 1, 'list back');
    await callMovesLamps('after');

    // nothing lost, nothing doubled: one more history record per client
    expect(Object.keys(perExt.client.store.getState().history)).toHaveLength(before + 1);
    expect(Object.keys(viaList.client.store.getState().history)).toHaveLength(before + 1);
    const errors = [perExt, viaList].flatMap((x) => x.client.store.getState().errors);
    expect(errors).toEqual([]);
  }, 40_000);
});

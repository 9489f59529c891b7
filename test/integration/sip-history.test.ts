// An own call on a watched extension is seen twice by the client: as its own call and as a
// dialog-info session. The history must still hold it once (matched by SIP Call-ID).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { installNodeWebSocket } from '../pbx/node-websocket';
import { startPbx, type TestPbx } from '../pbx/pbx';
import { connectCall, makeClient, sleep, waitFor, type TestClient } from './sip-helpers';

installNodeWebSocket();

let pbx: TestPbx;
let a: TestClient;
let b: TestClient;

beforeAll(async () => {
  pbx = await startPbx({ name: 'sip-history' });
  a = makeClient(pbx, '1001', { sip: { watch: ['1001', '1002'] } });
  b = makeClient(pbx, '1002');
  await a.connect();
  await b.connect();
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([a?.close(), b?.close()]);
  await pbx?.stop();
});

it('records an own call once although the watcher also reports it as a session', async () => {
  await waitFor(() => a.client.store.getState().extensionStates['1002'] === 'idle', 'lamps');
  const { out } = await connectCall(a, b);
  await waitFor(() => Object.keys(a.client.store.getState().sessions).length === 1, 'session');
  const session = Object.values(a.client.store.getState().sessions)[0];
  expect(session).toMatchObject({ caller: '1001', callee: '1002' });
  out.hangUp();
  await waitFor(() => Object.keys(a.client.store.getState().sessions).length === 0, 'closed');
  await sleep(300);
  const history = Object.values(a.client.store.getState().history);
  expect(history).toHaveLength(1);
  expect(history[0]).toMatchObject({ origin: 'own', source: '1001', destination: '1002' });
  expect(a.errors).toEqual([]);
});

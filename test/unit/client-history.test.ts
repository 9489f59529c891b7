import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createOzWebClient } from '../../src/index';
import { createSimulatedPbx } from '../../src/simulator';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('records an own call once, even though the PBX also reports it as a session', async () => {
  const client = createOzWebClient({
    backend: createSimulatedPbx({ background: false }),
    history: 'memory',
  });
  client.connect('simulator', '1001', { Password: 'demo' });
  await vi.advanceTimersByTimeAsync(100);
  const call = client.createCall('1002');
  call.start();
  await vi.advanceTimersByTimeAsync(2000);
  expect(call.getCallState()).toBe('IN_CALL');
  expect(Object.keys(client.store.getState().sessions)).toHaveLength(1);
  call.hangUp();
  await vi.advanceTimersByTimeAsync(500);
  const history = Object.values(client.store.getState().history);
  expect(history).toHaveLength(1);
  expect(history[0]).toMatchObject({
    origin: 'own',
    source: '1001',
    destination: '1002',
    state: 'CallerHungUp',
  });
});

it('starts a new account with an empty history', async () => {
  const client = createOzWebClient({
    backend: createSimulatedPbx({ background: false }),
    history: 'memory',
  });
  client.connect('simulator', '1001', { Password: 'demo' });
  await vi.advanceTimersByTimeAsync(100);
  const call = client.createCall('9999');
  call.start();
  await vi.advanceTimersByTimeAsync(1000);
  expect(Object.keys(client.store.getState().history)).toHaveLength(1);
  client.connect('simulator', '1003', { Password: 'demo' });
  await vi.advanceTimersByTimeAsync(100);
  expect(client.store.getState().history).toEqual({});
});

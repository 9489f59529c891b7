import { describe, expect, it, vi } from 'vitest';
import directory from '../fixtures/directory.json';
import { createOzWebClient } from '../../src/index';
import { createSimulatedPbx } from '../../src/simulator';
import type { OzError } from '../../src/core/errors';
import type { DirectorySource } from '../../src/core/ports';

/** A directory source the test feeds document by document. */
function scripted(...docs: unknown[]): DirectorySource {
  return {
    load: async () => {
      const next = docs.shift();
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

async function connected(source: DirectorySource) {
  const client = createOzWebClient({
    backend: createSimulatedPbx({ background: false }),
    directory: source,
    history: 'memory',
  });
  const errors: OzError[] = [];
  client.onErrorOccured((e) => errors.push(e));
  const users: string[] = [];
  client.onUserInfoReceived((u) => users.push(u.id));
  await client.connectAsync('simulator', '1001', { Password: 'demo' });
  return { client, errors, users };
}

describe('client directory', () => {
  it('loads a configured directory and fires onUserInfoReceived for each user', async () => {
    const { client, users } = await connected(scripted(directory));
    expect(client.helper.getUserById('bob')?.fullName).toBe('Bob Builder');
    expect(users).toEqual(expect.arrayContaining(['admin', 'bob', 'carol', 'dave', 'erin']));
    await client.disconnectAsync();
  });

  it('keeps the last good directory when a refresh fails or is invalid', async () => {
    const bad = structuredClone(directory) as { users: { devices: unknown }[] };
    (bad.users[3] as { devices: unknown }).devices = 7;
    const { client, errors } = await connected(scripted(directory, new Error('network down'), bad));
    const before = client.store.getState().users;

    await client.refreshDirectory();
    expect(errors.at(-1)).toMatchObject({ code: 'DIRECTORY_FETCH_FAILED' });
    await client.refreshDirectory();
    expect(errors.at(-1)).toMatchObject({ code: 'INVALID_DIRECTORY', path: 'users[3].devices' });

    expect(client.store.getState().users).toBe(before);
    expect(client.helper.getUserById('dave')).not.toBeNull();
    await client.disconnectAsync();
  });

  it('keeps record identity when a refresh brings the same records', async () => {
    const changed = structuredClone(directory);
    (changed.users[1] as { fullName: string }).fullName = 'Robert Builder';
    const { client } = await connected(scripted(directory, changed));
    const admin = client.helper.getUserById('admin');
    await client.refreshDirectory();
    expect(client.helper.getUserById('admin')).toBe(admin);
    expect(client.helper.getUserById('bob')?.fullName).toBe('Robert Builder');
    await client.disconnectAsync();
  });
});

describe('default instance', () => {
  it('is created on first use and shared', async () => {
    const { OzWebClient } = await import('../../src/index');
    expect(OzWebClient.store).toBe(OzWebClient.store);
    expect(OzWebClient.store.getState().connection.phase).toBe('idle');
  });
});

describe('directory after a reconnect', () => {
  it('is fetched again once the client is registered again', async () => {
    vi.useFakeTimers();
    try {
      let loads = 0;
      const pbx = createSimulatedPbx({ background: false });
      const client = createOzWebClient({
        backend: pbx,
        history: 'memory',
        directory: { load: async () => (loads++, directory) },
      });
      client.connect('simulator', '1001', { Password: 'demo' });
      await vi.advanceTimersByTimeAsync(100);
      expect(loads).toBe(1);
      pbx.dropConnection();
      await vi.advanceTimersByTimeAsync(100);
      expect(client.store.getState().connection.phase).toBe('reconnecting');
      await vi.advanceTimersByTimeAsync(5000);
      expect(client.store.getState().connection.phase).toBe('registered');
      expect(loads).toBe(2);
      await client.disconnectAsync();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a backend that cannot be built', () => {
  it('reports CONNECTION_FAILED instead of staying idle', async () => {
    const { OzClientImpl } = await import('../../src/core/client');
    const client = new OzClientImpl(
      {},
      {
        backend: () => {
          throw new Error('no WebSocket here');
        },
        directorySource: () => ({ load: async () => null }),
        historyStore: () => ({ add: async () => {}, list: async () => [], clear: async () => {} }),
      },
    );
    const states: string[] = [];
    client.onConnectionStateChanged((i) => states.push(i.State));
    await client.connectAsync('wss://pbx.invalid/ws', '1001', { Password: 'x' });
    expect(states).toEqual(['CONNECTION_FAILED']);
    expect(client.store.getState().connection).toMatchObject({ phase: 'failed' });
    expect(client.store.getState().errors.at(-1)?.code).toBe('CONNECTION_FAILED');
  });
});

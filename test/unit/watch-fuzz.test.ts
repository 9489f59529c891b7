// Issue 4's fuzz: 10,000+ generated and mutated dialog-info, RLMI multipart and directory
// documents through the real boundary (WatchEngine → core client → store, and the client's
// directory loading). Nothing throws out, the store stays consistent, and every rejected input
// yields exactly one OzError.
import { describe, expect, it } from 'vitest';
import directory from '../fixtures/directory.json';
import { OzClientImpl } from '../../src/core/client';
import { ExtensionState, PBX_TO_SESSION_STATE } from '../../src/core/enums';
import type { OzError } from '../../src/core/errors';
import type { BackendEvents } from '../../src/core/ports';
import { EventOnlyBackend } from '../support/event-only-backend';
import { directorySourceFor } from '../../src/directory/sources';
import { createMemoryHistoryStore } from '../../src/history/memory';
import { parseDialogInfo } from '../../src/sip/parse';
import { WatchEngine } from '../../src/sip/watch';
import { createSimulatedPbx } from '../../src/simulator';
import { callDocs, dialogInfo, manualScheduler, rlsNotify } from './watch-helpers';
import { createRandom } from '../../src/simulator/random';

const WATCHED = ['1001', '1002', '1003', '1004'];
const LAMPS = new Set<string>(Object.values(ExtensionState));

function mutate(text: string, r: () => number): string {
  const n = text.length;
  const at = () => Math.floor(r() * n);
  switch (Math.floor(r() * 8)) {
    case 0:
      return text.slice(0, at());
    case 1: {
      const i = at();
      return text.slice(0, i) + String.fromCharCode(Math.floor(r() * 128)) + text.slice(i + 1);
    }
    case 2: {
      const i = at();
      return text.slice(0, i) + text.slice(i + Math.floor(r() * 40));
    }
    case 3:
      return text.replace(/<dialog /, '<dialog><dialog ');
    case 4:
      return text.replace(/version="\d+"/, `version="${Math.floor(r() * 5) - 1}"`);
    case 5:
      return text.replace(
        /<state>[a-zA-Z]+</,
        `<state>${['Early', 'CONFIRMED', 'bogus', ''][Math.floor(r() * 4)]}<`,
      );
    case 6:
      return text.replace(/boundary=[^;\s]+/, 'boundary=zz');
    default:
      return text;
  }
}

function documentFor(r: () => number, version: number): { ext: string; body: string } {
  const caller = WATCHED[Math.floor(r() * WATCHED.length)] as string;
  const callee = WATCHED[Math.floor(r() * WATCHED.length)] as string;
  const phases = ['Trying', 'early', 'confirmed', 'terminated'] as const;
  const state = phases[Math.floor(r() * phases.length)] ?? 'early';
  const docs = callDocs(caller, callee, `c${Math.floor(r() * 30)}`, state);
  const side = r() < 0.5;
  const ext = side ? caller : callee;
  return { ext, body: dialogInfo(ext, version, [side ? docs.caller : docs.callee]) };
}

function consistent(client: OzClientImpl): void {
  const s = client.store.getState();
  for (const [id, lamp] of Object.entries(s.extensionStates)) {
    expect(WATCHED).toContain(id);
    expect(LAMPS.has(lamp)).toBe(true);
  }
  for (const rec of Object.values(s.sessions)) {
    expect(rec.sessionState).toBe(PBX_TO_SESSION_STATE[rec.pbxState]);
    expect(rec.endedAt).toBeNull();
  }
}

describe('fuzzed NOTIFY bodies through the watcher into the store', () => {
  it('never throws, keeps the store consistent, one OzError per rejected body', async () => {
    const backend = new EventOnlyBackend();
    const client = new OzClientImpl(
      { history: createMemoryHistoryStore({ limit: 200 }) },
      {
        backend: () => backend,
        directorySource: () => ({ load: async () => null }),
        historyStore: () => createMemoryHistoryStore(),
      },
    );
    const errors: OzError[] = [];
    client.onErrorOccured((e) => errors.push(e));
    await client.connectAsync('fuzz', '1009');
    const clock = manualScheduler();
    const events = backend.events as BackendEvents;
    const engine = new WatchEngine({ events, now: () => Date.now(), schedule: clock.schedule });
    engine.setTargets(WATCHED);
    for (const ext of WATCHED) engine.sourceStarted(`ext:${ext}`);

    const r = createRandom(0x0f0220).next;
    let rejected = 0;
    for (let i = 0; i < 10_000; i++) {
      const before = errors.length;
      const useList = r() < 0.25;
      let body: string;
      let ext: string | null;
      let type: string;
      let expectRejected: boolean | null = null;
      if (useList) {
        const n = rlsNotify(
          i + 2,
          r() < 0.3,
          WATCHED.slice(0, 2).map((u) => ({ user: u, body: documentFor(r, i + 2).body })),
        );
        body = mutate(n.body, r);
        type = n.contentType;
        ext = null;
      } else {
        const d = documentFor(r, i + 2);
        body = mutate(d.body, r);
        type = 'application/dialog-info+xml';
        ext = d.ext;
        try {
          parseDialogInfo(body);
          expectRejected = false;
        } catch {
          expectRejected = body.trim() !== '';
        }
      }
      expect(() => engine.dialogNotify(ext ? `ext:${ext}` : 'list', ext, type, body)).not.toThrow();
      clock.run();
      const added = errors.length - before;
      expect(added).toBeLessThanOrEqual(1);
      if (expectRejected !== null) expect(added).toBe(expectRejected ? 1 : 0);
      if (added === 1) {
        rejected++;
        expect(errors.at(-1)?.code).toBe('PARSE_ERROR');
      }
      if (i % 500 === 0) consistent(client);
    }
    consistent(client);
    expect(rejected).toBeGreaterThan(1000);
    await client.disconnectAsync();
  });
});

describe('fuzzed directory documents through the client', () => {
  it('loads a valid document whole or refuses it whole with one OzError', async () => {
    const r = createRandom(0xd1ec).next;
    const docs: unknown[] = [];
    const clone = (): Record<string, unknown> =>
      structuredClone(directory) as Record<string, unknown>;
    for (let i = 0; i < 1000; i++) {
      const d = clone();
      const lists = ['users', 'extensions', 'outsideLines'] as const;
      const list = d[lists[Math.floor(r() * 3)] as string] as Record<string, unknown>[];
      const item = list[Math.floor(r() * list.length)];
      switch (Math.floor(r() * 6)) {
        case 0:
          if (item)
            delete item[Object.keys(item)[Math.floor(r() * Object.keys(item).length)] as string];
          break;
        case 1:
          if (item) item['id'] = [42, null, '', {}][Math.floor(r() * 4)];
          break;
        case 2:
          d[lists[Math.floor(r() * 3)] as string] = 'nope';
          break;
        case 3:
          list.push(structuredClone(list[0]) as Record<string, unknown>);
          break;
        case 4:
          if (item) item['extra'] = 'ignored';
          break;
        default:
          break;
      }
      docs.push(i % 97 === 0 ? null : d);
    }
    let next = 0;
    const client = new OzClientImpl(
      { directory: { load: async () => docs[next++] }, history: 'memory' },
      {
        backend: () => createSimulatedPbx({ background: false }),
        directorySource: directorySourceFor,
        historyStore: () => createMemoryHistoryStore(),
      },
    );
    const errors: OzError[] = [];
    client.onErrorOccured((e) => errors.push(e));
    await client.connectAsync('simulator', '1001', { Password: 'demo' });
    let refused = 0;
    for (let i = 1; i < docs.length; i++) {
      const before = errors.length;
      const users = client.store.getState().users;
      await expect(client.refreshDirectory()).resolves.toBeUndefined();
      const added = errors.length - before;
      expect(added).toBeLessThanOrEqual(1);
      if (added === 1) {
        refused++;
        expect(errors.at(-1)?.code).toBe('INVALID_DIRECTORY');
        expect(client.store.getState().users).toBe(users);
      } else {
        expect(Object.keys(client.store.getState().users).length).toBeGreaterThan(0);
      }
    }
    expect(refused).toBeGreaterThan(100);
    await client.disconnectAsync();
  });
});

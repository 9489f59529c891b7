// `npx vitest run --project bench test/bench/blf.bench.ts`: the BLF path measured into a real
// core store (OzClientImpl over a backend that only hands its BackendEvents to a WatchEngine):
//  1. dialog-info NOTIFY bodies parsed, tracked, merged and applied per second,
//  2. a burst of 1,000 extensions changing state: store updates and the time from the last
//     NOTIFY to a consistent store (the engine's default 0-ms flush),
//  3. store memory with 10,000 extensions (+ lamps), 10,000 users and 100,000 history records.
// Prints figures only; nothing here asserts a timing.
import v8 from 'node:v8';
import vm from 'node:vm';
import { expect, it } from 'vitest';
import { OzClientImpl } from '../../src/core/client';
import { EventOnlyBackend } from '../support/event-only-backend';
import type { BackendEvents, DirectorySource, HistoryStore } from '../../src/core/ports';
import type { DirectoryDocument, HistoryRecord } from '../../src/core/types';
import { WatchEngine, type Scheduler } from '../../src/sip/watch';
import { callDocs, dialogInfo } from '../unit/watch-helpers';

const DI = 'application/dialog-info+xml';
const never: Scheduler = () => () => {};

/** Connects at once and keeps the core's BackendEvents for the engine. */
class FeedBackend extends EventOnlyBackend {
  override readonly kind = 'bench';
}

const nullHistory: HistoryStore = {
  add: async () => {},
  list: async () => [],
  clear: async () => {},
};

async function connected(
  options: { history?: HistoryStore; historyLimit?: number; directory?: DirectorySource } = {},
): Promise<{ client: OzClientImpl; events: BackendEvents }> {
  const backend = new FeedBackend();
  const history = options.history ?? nullHistory;
  const client = new OzClientImpl(
    {
      backend,
      history,
      historyLimit: options.historyLimit ?? 1_000_000,
      ...(options.directory ? { directory: options.directory } : {}),
    },
    {
      backend: () => backend,
      directorySource: (s) => s as DirectorySource,
      historyStore: () => history,
    },
  );
  await client.connectAsync('bench', '1000');
  if (!backend.events) throw new Error('not connected');
  return { client, events: backend.events };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

const ext = (i: number): string => String(100_000 + i);

/**
 * NOTIFY bodies of `calls` calls between watched pairs (2i → 2i+1), phase by phase for all
 * calls (a storm mixes many calls): Trying, early, confirmed, terminated on both sides.
 */
function callStorm(calls: number, round: number): { ext: string; body: string }[] {
  const out: { ext: string; body: string }[] = [];
  const phases = ['Trying', 'early', 'confirmed', 'terminated'] as const;
  phases.forEach((phase, p) => {
    for (let c = 0; c < calls; c++) {
      const a = ext(2 * c);
      const b = ext(2 * c + 1);
      const d = callDocs(a, b, `r${round}-c${c}`, phase);
      const version = round * phases.length + p + 2;
      out.push({ ext: a, body: dialogInfo(a, version, [d.caller]) });
      out.push({ ext: b, body: dialogInfo(b, version, [d.callee]) });
    }
  });
  return out;
}

interface Throughput {
  notifies: number;
  ms: number;
  perSec: number;
  storeUpdates: number;
}

type Path = 'watcher' | 'store' | 'store+history';

/** add() never settles, so the core never reaches its per-record history store update. */
const historyNeverStored: HistoryStore = {
  add: () => new Promise<void>(() => {}),
  list: async () => [],
  clear: async () => {},
};

/**
 * Feeds the storm, flushing every `burst` NOTIFYs. `watcher`: parse + track + merge only (the
 * core's sessions/extensionStates are no-ops); `store`: into the core store without the
 * history records of ended calls; `store+history`: everything, history writes awaited.
 */
async function throughputOnce(
  path: Path,
  burst: number,
  calls: number,
  rounds: number,
): Promise<Throughput> {
  const { client, events: coreEvents } = await connected(
    path === 'store' ? { history: historyNeverStored } : {},
  );
  const events =
    path === 'watcher'
      ? { ...coreEvents, sessions: () => {}, extensionStates: () => {} }
      : coreEvents;
  const engine = new WatchEngine({ events, now: () => events.now(), schedule: never });
  engine.setTargets(Array.from({ length: 2 * calls }, (_, i) => ext(i)));
  const storms = Array.from({ length: rounds }, (_, r) => callStorm(calls, r));
  let updates = 0;
  const unsubscribe = client.store.subscribe(() => updates++);
  const t0 = performance.now();
  let n = 0;
  for (const storm of storms) {
    for (const { ext: e, body } of storm) {
      engine.dialogNotify(`ext:${e}`, e, DI, body);
      if (++n % burst === 0) engine.flush();
    }
  }
  engine.flush();
  await settle();
  const ms = performance.now() - t0;
  unsubscribe();
  const s = client.store.getState();
  if (path !== 'watcher') expect(Object.keys(s.sessions)).toHaveLength(0);
  if (path === 'store+history') expect(Object.keys(s.history)).toHaveLength(calls * rounds);
  await client.disconnectAsync();
  return { notifies: n, ms, perSec: Math.round((n * 1000) / ms), storeUpdates: updates };
}

/** Best of two runs (GC and JIT make single runs noisy). */
async function throughput(
  path: Path,
  burst: number,
  calls: number,
  rounds: number,
): Promise<Throughput> {
  const a = await throughputOnce(path, burst, calls, rounds);
  const b = await throughputOnce(path, burst, calls, rounds);
  return a.perSec >= b.perSec ? a : b;
}

interface BurstResult {
  storeUpdates: number;
  lastNotifyToConsistentMs: number;
  firstToLastNotifyMs: number;
  historyDoneMs?: number;
}

/** 1,000 callees ringing; one burst moves each to `phase`; the engine's real 0-ms flush. */
async function burst(
  phase: 'confirmed' | 'terminated',
  historyLimit?: number,
): Promise<BurstResult> {
  const N = 1_000;
  const { client, events } = await connected(historyLimit ? { historyLimit } : {});
  const engine = new WatchEngine({ events, now: () => events.now() });
  const ids = Array.from({ length: N }, (_, i) => ext(i));
  engine.setTargets(ids);
  ids.forEach((e, i) =>
    engine.dialogNotify(
      `ext:${e}`,
      e,
      DI,
      dialogInfo(e, 2, [callDocs(`9${i}`, e, `k${i}`, 'early').callee]),
    ),
  );
  engine.flush();
  await settle();
  if (phase === 'terminated') {
    // answered first, so the burst is 1,000 hang-ups
    ids.forEach((e, i) =>
      engine.dialogNotify(
        `ext:${e}`,
        e,
        DI,
        dialogInfo(e, 3, [callDocs(`9${i}`, e, `k${i}`, 'confirmed').callee]),
      ),
    );
    engine.flush();
    await settle();
  }
  const bodies = ids.map((e, i) => dialogInfo(e, 4, [callDocs(`9${i}`, e, `k${i}`, phase).callee]));
  const historyBefore = Object.keys(client.store.getState().history).length;
  const consistent = (): boolean => {
    const s = client.store.getState();
    const lamp = phase === 'confirmed' ? 'busy' : 'idle';
    if (!ids.every((e) => s.extensionStates[e] === lamp)) return false;
    return phase === 'confirmed'
      ? ids.every((_, i) => s.sessions[`k${i}`]?.sessionState === 'IN_CALL')
      : Object.keys(s.sessions).length === 0;
  };
  let updates = 0;
  let consistentAt = 0;
  let historyAt = 0;
  const done = new Promise<void>((resolve) => {
    const unsubscribe = client.store.subscribe(() => {
      updates++;
      const now = performance.now();
      if (!consistentAt && consistent()) consistentAt = now;
      const history = Object.keys(client.store.getState().history).length - historyBefore;
      if (phase === 'terminated' && !historyAt && history === N) historyAt = now;
      if (consistentAt && (phase === 'confirmed' || historyAt)) {
        unsubscribe();
        resolve();
      }
    });
  });
  const t0 = performance.now();
  for (const [i, e] of ids.entries()) engine.dialogNotify(`ext:${e}`, e, DI, bodies[i] as string);
  const tLast = performance.now();
  await done;
  await client.disconnectAsync();
  return {
    storeUpdates: updates,
    firstToLastNotifyMs: tLast - t0,
    lastNotifyToConsistentMs: consistentAt - tLast,
    ...(historyAt ? { historyDoneMs: historyAt - tLast } : {}),
  };
}

function gcFunction(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

function heapMb(gc: (() => void) | undefined): number {
  if (gc) for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed / 1_048_576;
}

/** Built on load, so the input document is not what stays in memory. */
const bigDirectory: DirectorySource = {
  load: async (): Promise<DirectoryDocument> => ({
    users: Array.from({ length: 10_000 }, (_, i) => ({
      id: `u${i}`,
      fullName: `User Number ${i}`,
      emailAddress: `user${i}@example.test`,
      devices: [ext(i)],
    })),
    extensions: Array.from({ length: 10_000 }, (_, i) => ({
      id: ext(i),
      type: 'SIP',
      displayName: `Desk ${i}`,
    })),
    outsideLines: [],
  }),
};

/** Hands out 100,000 fresh records and keeps none (only the store holds them). */
const bigHistory: HistoryStore = {
  add: async () => {},
  clear: async () => {},
  list: async (): Promise<HistoryRecord[]> => {
    const t = Date.parse('2025-01-01T00:00:00Z');
    return Array.from({ length: 100_000 }, (_, i) => ({
      callId: `session:${i.toString(36)}-3f9a1c2b7d@10.0.0.${i % 250}`,
      startTime: new Date(t + i * 60_000).toISOString(),
      direction: 'Internal',
      source: ext(i % 10_000),
      destination: ext((i * 7) % 10_000),
      state: i % 3 ? 'CallerHungUp' : 'NotAnswered',
      dialed: ext((i * 7) % 10_000),
      callerId: ext(i % 10_000),
      type: 'Audio',
      ringDuration: i % 20,
      talkDuration: i % 3 ? i % 600 : 0,
      origin: 'observed',
    }));
  },
};

async function memory(): Promise<{ gc: boolean; baseMb: number; fullMb: number; deltaMb: number }> {
  const gc = gcFunction();
  const backend = new FeedBackend();
  const client = new OzClientImpl(
    { backend, history: bigHistory, historyLimit: 100_000, directory: bigDirectory },
    {
      backend: () => backend,
      directorySource: (s) => s as DirectorySource,
      historyStore: () => bigHistory,
    },
  );
  const baseMb = heapMb(gc);
  await client.connectAsync('bench', '1000');
  const lamps = ['idle', 'ringing', 'busy', 'onhold', 'offline'] as const;
  backend.events?.extensionStates(
    Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [ext(i), lamps[i % 5] ?? 'idle'])),
  );
  const s = client.store.getState();
  expect(Object.keys(s.users)).toHaveLength(10_000);
  expect(Object.keys(s.extensions)).toHaveLength(10_000);
  expect(Object.keys(s.extensionStates)).toHaveLength(10_000);
  expect(Object.keys(s.history)).toHaveLength(100_000);
  const fullMb = heapMb(gc);
  const keep = client.store.getState().history; // the store stays alive until measured
  void keep;
  await client.disconnectAsync();
  return { gc: gc !== undefined, baseMb, fullMb, deltaMb: fullMb - baseMb };
}

const f = (n: number, d = 1): string => n.toFixed(d);
const rate = (t: Throughput): string => `${t.perSec.toLocaleString('en')} /s`;
const detail = (t: Throughput): string =>
  `${t.notifies.toLocaleString('en')} NOTIFYs (2,000 watched, 8 per call) in ${f(t.ms, 0)} ms, ${t.storeUpdates.toLocaleString('en')} store updates`;

it('BLF: NOTIFYs applied per second, burst latency, store memory', async () => {
  for (const path of ['watcher', 'store', 'store+history'] as const)
    await throughputOnce(path, 1_000, 500, 1); // warm-up (JIT)
  const watcherOnly = await throughput('watcher', 1_000, 1_000, 5);
  const storeOnly = await throughput('store', 1_000, 1_000, 5);
  const storm = await throughput('store+history', 1_000, 1_000, 5);
  const single = await throughput('store+history', 1, 1_000, 1);
  const confirm = await burst('confirmed');
  const hangup = await burst('terminated');
  const hangupPruning = await burst('terminated', 1_000);
  const mem = await memory();

  const rows: [string, string, string][] = [
    ['NOTIFYs parsed+merged, watcher only (no store)', rate(watcherOnly), detail(watcherOnly)],
    [
      'NOTIFYs applied to the store, bursts of 1,000',
      rate(storeOnly),
      `${detail(storeOnly)}; history records of ended calls left out`,
    ],
    [
      '  same, with the history record of every ended call',
      rate(storm),
      `${detail(storm)} (history written in one batch per tick)`,
    ],
    ['  same, one flush per NOTIFY (worst case)', rate(single), detail(single)],
    [
      'burst 1,000 ringing → in call: store updates',
      `${confirm.storeUpdates}`,
      'sessions() + extensionStates(): one each',
    ],
    [
      '  last NOTIFY → consistent store',
      `${f(confirm.lastNotifyToConsistentMs)} ms`,
      `the 1,000 NOTIFYs themselves: ${f(confirm.firstToLastNotifyMs)} ms`,
    ],
    [
      'burst 1,000 hang-ups: store updates',
      `${hangup.storeUpdates}`,
      'sessions and lamps in one, the history records (written to the HistoryStore first) in one more',
    ],
    [
      '  last NOTIFY → consistent store',
      `${f(hangup.lastNotifyToConsistentMs)} ms`,
      `all 1,000 history records after ${f(hangup.historyDoneMs ?? NaN)} ms`,
    ],
    [
      '  same, history at its 1,000 limit (pruning)',
      `${f(hangupPruning.lastNotifyToConsistentMs)} ms`,
      `history done after ${f(hangupPruning.historyDoneMs ?? NaN)} ms`,
    ],
    [
      'store memory: 10k ext + lamps, 10k users, 100k history',
      `${f(mem.deltaMb)} MB`,
      `heapUsed ${f(mem.baseMb)} → ${f(mem.fullMb)} MB${mem.gc ? ' after gc()' : ' (no gc available)'}`,
    ],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const table = [
    `${'measure'.padEnd(w0)} | ${'result'.padStart(w1)} | detail`,
    `${'-'.repeat(w0)}-|-${'-'.repeat(w1)}-|-${'-'.repeat(40)}`,
    ...rows.map(([a, b, c]) => `${a.padEnd(w0)} | ${b.padStart(w1)} | ${c}`),
    '',
    'NOTIFY rates are the best of 2 runs after a warm-up; memory is heapUsed after gc().',
    'targets: >= 20,000 NOTIFYs/s on one core; a burst is one store update; < 60 MB for that store',
  ].join('\n');
  console.log(`\n${table}\n`);
}, 600_000);

// @vitest-environment jsdom
// `npm run bench`: 5,000 extension tiles under a stream of BLF updates, rendered twice from the
// same store and the same update stream — once with ozkit's per-entity hooks, once with the
// whole state in one React context (how the existing React SIP wrappers work) — and printed
// side by side: tile renders per update, commits per update and commit time (Profiler
// actualDuration). Prints figures only; nothing here is a timed pass/fail.
import { act, render } from '@testing-library/react';
import {
  Profiler,
  createContext,
  useContext,
  useSyncExternalStore,
  type ProfilerOnRenderCallback,
  type ReactNode,
} from 'react';
import { expect, it } from 'vitest';
import { createOzWebClient, type OzClient } from '../../src/index';
import type { ExtensionState } from '../../src/core/enums';
import type { BackendEvents } from '../../src/core/ports';
import type { OzState } from '../../src/core/store';
import type { DirectoryDocument } from '../../src/core/types';
import { OzProvider, useExtension, useExtensionState } from '../../src/react';
import { createSimulatedPbx } from '../../src/simulator';
import { createRandom } from '../../src/simulator/random';

const TILES = 5000;
const UPDATES = 500;
const WARMUP = 20;
const SEED = 0x5eed;
const LAMPS: ExtensionState[] = ['idle', 'ringing', 'busy', 'onhold', 'offline'];

const ids = Array.from({ length: TILES }, (_, i) => String(10000 + i));
const directory: DirectoryDocument = {
  users: [{ id: 'me', fullName: 'Me', devices: ['1001'] }],
  extensions: [
    { id: '1001', type: 'Webphone', displayName: 'Me' },
    ...ids.map((id) => ({ id, type: 'SIP', displayName: `Desk ${id}` })),
  ],
  outsideLines: [],
};

/** The same stream for both runs: each update changes the lamp of one random extension. */
function updateStream(count: number): [string, ExtensionState][] {
  const rnd = createRandom(SEED).next;
  const lamp = new Map(ids.map((id) => [id, 'idle' as ExtensionState]));
  const out: [string, ExtensionState][] = [];
  for (let i = 0; i < count; i++) {
    const id = ids[Math.floor(rnd() * TILES)] as string;
    const others = LAMPS.filter((l) => l !== lamp.get(id));
    const next = others[Math.floor(rnd() * others.length)] as ExtensionState;
    lamp.set(id, next);
    out.push([id, next]);
  }
  return out;
}

/** A connected client on the simulated PBX, with the backend events to push lamps through. */
async function connectedClient(): Promise<{ client: OzClient; events: BackendEvents }> {
  const pbx = createSimulatedPbx({ directory, background: false, offline: [] });
  let events: BackendEvents | null = null;
  const backend = new Proxy(pbx, {
    get(target, prop) {
      if (prop === 'connect')
        return (params: Parameters<typeof pbx.connect>[0], ev: BackendEvents) => {
          events = ev;
          return target.connect(params, ev);
        };
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const client = createOzWebClient({ backend, history: 'memory' });
  await client.connectAsync('sim', '1001', { Password: 'demo' });
  if (!events) throw new Error('not connected');
  return { client, events };
}

let tileRenders = 0;

// ---- ozkit: each tile selects its own extension and lamp from the store --------------------
function OzTile({ id }: { id: string }) {
  tileRenders++;
  const ext = useExtension(id);
  const lamp = useExtensionState(id);
  return <li data-lamp={lamp}>{ext?.displayName}</li>;
}
function OzList({ client }: { client: OzClient }) {
  return (
    <OzProvider client={client}>
      <ul>
        {ids.map((id) => (
          <OzTile key={id} id={id} />
        ))}
      </ul>
    </OzProvider>
  );
}

// ---- baseline: the whole state in one context; every consumer reads its entry from it -------
const Whole = createContext<OzState | null>(null);
function WholeProvider({ client, children }: { client: OzClient; children: ReactNode }) {
  const state = useSyncExternalStore(client.store.subscribe, client.store.getState);
  return <Whole.Provider value={state}>{children}</Whole.Provider>;
}
function ContextTile({ id }: { id: string }) {
  tileRenders++;
  const state = useContext(Whole);
  const ext = state?.extensions[id];
  const lamp = state?.extensionStates[id] ?? 'unknown';
  return <li data-lamp={lamp}>{ext?.displayName}</li>;
}
// Tiles are created once by a parent that never re-renders, as in the ozkit tree, so every
// tile render below comes from the context alone.
const contextTiles = ids.map((id) => <ContextTile key={id} id={id} />);
function ContextList({ client }: { client: OzClient }) {
  return (
    <WholeProvider client={client}>
      <ul>{contextTiles}</ul>
    </WholeProvider>
  );
}

interface Figures {
  name: string;
  mountMs: number;
  rendersPerUpdate: number;
  commitsPerUpdate: number;
  commitMeanMs: number;
  commitP95Ms: number;
  wallPerUpdateMs: number;
}

async function run(name: string, tree: (client: OzClient) => ReactNode): Promise<Figures> {
  const { client, events } = await connectedClient();
  const commits: number[] = [];
  const onRender: ProfilerOnRenderCallback = (_id, _phase, actualDuration) =>
    void commits.push(actualDuration);
  const t0 = performance.now();
  const view = render(
    <Profiler id={name} onRender={onRender}>
      {tree(client)}
    </Profiler>,
  );
  const mountMs = performance.now() - t0;
  expect(view.container.querySelectorAll('li')).toHaveLength(TILES);
  const stream = updateStream(WARMUP + UPDATES);
  for (const [id, lamp] of stream.slice(0, WARMUP))
    act(() => events.extensionStates({ [id]: lamp }));
  commits.length = 0;
  tileRenders = 0;
  const w0 = performance.now();
  for (const [id, lamp] of stream.slice(WARMUP)) act(() => events.extensionStates({ [id]: lamp }));
  const wall = performance.now() - w0;
  const renders = tileRenders;
  const sorted = [...commits].sort((a, b) => a - b);
  view.unmount();
  await client.disconnectAsync();
  return {
    name,
    mountMs,
    rendersPerUpdate: renders / UPDATES,
    commitsPerUpdate: commits.length / UPDATES,
    commitMeanMs: commits.reduce((a, b) => a + b, 0) / Math.max(1, commits.length),
    commitP95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    wallPerUpdateMs: wall / UPDATES,
  };
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);

it(`renders ${TILES} tiles over ${UPDATES} BLF updates: ozkit hooks vs one context`, async () => {
  const oz = await run('ozkit hooks', (c) => <OzList client={c} />);
  const ctx = await run('one context', (c) => <ContextList client={c} />);
  const rows: [string, (f: Figures) => string][] = [
    ['tile renders / update', (f) => fmt(f.rendersPerUpdate)],
    ['commits / update', (f) => fmt(f.commitsPerUpdate)],
    ['commit time mean (ms)', (f) => fmt(f.commitMeanMs, 3)],
    ['commit time p95 (ms)', (f) => fmt(f.commitP95Ms, 3)],
    ['wall time / update (ms)', (f) => fmt(f.wallPerUpdateMs, 3)],
    ['mount (ms)', (f) => fmt(f.mountMs, 1)],
  ];
  const ratio = (a: number, b: number) => (a > 0 ? `${fmt(b / a, 1)}×` : '∞');
  const ratios = [
    ratio(oz.rendersPerUpdate, ctx.rendersPerUpdate),
    ratio(oz.commitsPerUpdate, ctx.commitsPerUpdate),
    ratio(oz.commitMeanMs, ctx.commitMeanMs),
    ratio(oz.commitP95Ms, ctx.commitP95Ms),
    ratio(oz.wallPerUpdateMs, ctx.wallPerUpdateMs),
    ratio(oz.mountMs, ctx.mountMs),
  ];
  const w = [26, 14, 14, 14];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(w[i] ?? 14)).join(' ');
  const table = [
    `React render benchmark: ${TILES} tiles, ${UPDATES} updates of one random extension each ` +
      `(seed ${SEED}), jsdom, React ${(await import('react')).version} development build`,
    line(['', oz.name, ctx.name, 'context/ozkit']),
    ...rows.map(([label, get], i) => line([label, get(oz), get(ctx), ratios[i] ?? ''])),
  ].join('\n');
  console.log(`\n${table}\n`);
});

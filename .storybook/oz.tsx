// Every story gets a client of its own on a simulated PBX, connected before the story renders
// and disconnected when it unmounts, so no story needs a server.
import { useEffect, type ReactNode } from 'react';
import type { Decorator, Loader } from '@storybook/react-vite';
import { createOzWebClient, type OzClient, type OzClientOptions } from '../src/index';
import type { CallState, CallType } from '../src/core/enums';
import type { HistoryStore } from '../src/core/ports';
import type { HistoryRecord } from '../src/core/types';
import { OzProvider } from '../src/react';
import { createSimulatedPbx, type SimulatedPbx, type SimulatedPbxOptions } from '../src/simulator';

export interface OzRig {
  readonly client: OzClient;
  readonly pbx: SimulatedPbx;
  /** The call a setup step made, for stories that show one call. */
  callId: string | null;
}

export interface OzStoryParameters {
  /** Options of the simulated PBX; default: no background traffic, 400 ms ring time. */
  pbx?: SimulatedPbxOptions;
  /** The extension to log in as (default 1001); null: stay disconnected. */
  user?: string | null;
  password?: string;
  /** Further client options (e.g. historyLimit). */
  client?: Omit<OzClientOptions, 'backend' | 'history'>;
  /** Call history the account starts with. */
  history?: readonly HistoryRecord[];
  /** Runs after the login and before the story renders: ring, call, hold… */
  setup?: (rig: OzRig) => void | Promise<void>;
  /** Forces a colour scheme (otherwise the toolbar's). */
  theme?: 'light' | 'dark';
}

declare module '@storybook/react-vite' {
  interface Parameters {
    oz?: OzStoryParameters;
  }
}

function seededHistory(seed: readonly HistoryRecord[]): HistoryStore {
  const records = new Map(seed.map((r) => [r.callId, r]));
  return {
    add: async (_account, r) => void records.set(r.callId, r),
    list: async () => [...records.values()],
    clear: async () => records.clear(),
  };
}

export const ozLoader: Loader = async (ctx) => {
  const p: OzStoryParameters = ctx.parameters.oz ?? {};
  const pbx = createSimulatedPbx({ background: false, answerDelayMs: 400, ...p.pbx });
  const client = createOzWebClient({
    ...p.client,
    backend: pbx,
    history: p.history ? seededHistory(p.history) : 'memory',
  });
  const rig: OzRig = { client, pbx, callId: null };
  if (p.user !== null) {
    await client.connectAsync('simulator', p.user ?? '1001', { Password: p.password ?? 'demo' });
  }
  await p.setup?.(rig);
  return { oz: rig };
};

/** The rig of a story, from a play function's or render function's context. */
export const rigOf = (ctx: { loaded: Record<string, unknown> }): OzRig => ctx.loaded.oz as OzRig;

// Disconnects are deferred one task, so a StrictMode remount keeps its client.
const stops = new WeakMap<OzRig, ReturnType<typeof setTimeout>>();

function OzStory({ rig, theme, children }: { rig: OzRig; theme: string; children: ReactNode }) {
  useEffect(() => {
    clearTimeout(stops.get(rig));
    return () => {
      stops.set(
        rig,
        setTimeout(() => void rig.client.disconnectAsync().catch(() => {})),
      );
    };
  }, [rig]);
  return (
    <OzProvider client={rig.client}>
      <main className="oz-story" data-oz-theme={theme}>
        {children}
      </main>
    </OzProvider>
  );
}

export const ozDecorator: Decorator = (Story, ctx) => {
  const theme = ctx.parameters.oz?.theme ?? (ctx.globals.theme === 'dark' ? 'dark' : 'light');
  return (
    <OzStory key={ctx.id} rig={rigOf(ctx)} theme={theme}>
      <Story />
    </OzStory>
  );
};

// ---- setup steps -------------------------------------------------------------------------

/** Resolves once the call reaches one of `states` (or has ended). */
export function untilCall(rig: OzRig, id: string, states: readonly CallState[]): Promise<void> {
  const { store } = rig.client;
  const done = () => {
    const s = store.getState();
    const c = s.calls[id] ?? (s.lastEndedCall?.id === id ? s.lastEndedCall : null);
    return !c || c.endedAt !== null || (c.state !== null && states.includes(c.state));
  };
  return new Promise((resolve) => {
    if (done()) return resolve();
    const off = store.subscribe(() => {
      if (!done()) return;
      off();
      resolve();
    });
  });
}

/** An incoming call from `from` that rings. */
export const ringing =
  (from = '1002', type: CallType = 'AUDIO') =>
  (rig: OzRig) => {
    rig.callId = rig.pbx.ringIncoming(from, undefined, { type });
  };

/** An outgoing call to `to`, waited for until `state` (IN_CALL by default). */
export const calling =
  (to = '1002', state: CallState = 'IN_CALL', type: CallType = 'AUDIO') =>
  async (rig: OzRig) => {
    const call = rig.client.createCall(to, type);
    rig.callId = call.id;
    await call.actions.start().catch(() => {});
    await untilCall(rig, call.id, [state]);
  };

/** A call that is up and then put on hold by this side. */
export const onHold =
  (to = '1002') =>
  async (rig: OzRig) => {
    await calling(to)(rig);
    const call = rig.callId ? rig.client.getCall(rig.callId) : null;
    await call?.actions.hold();
    if (rig.callId) await untilCall(rig, rig.callId, ['HOLD']);
  };

/** Several steps, one after the other. */
export const steps =
  (...all: ((rig: OzRig) => void | Promise<void>)[]) =>
  async (rig: OzRig) => {
    for (const step of all) await step(rig);
  };

// Shared rig of the React tests: a client on the simulated PBX whose backend is wrapped so that
// a test can count connects and push backend events the simulator has no control for.
import { act, cleanup, type RenderHookOptions } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach } from 'vitest';
import { createOzWebClient, type OzClient } from '../../src/index';
import type { BackendEvents, PbxBackend } from '../../src/core/ports';
import { OzProvider } from '../../src/react';
import {
  createSimulatedPbx,
  type SimulatedPbx,
  type SimulatedPbxOptions,
} from '../../src/simulator';

// Without vitest globals Testing Library cannot register its own cleanup: every file that
// imports the rig unmounts its trees after each test.
afterEach(cleanup);

export interface SpyBackend {
  readonly backend: PbxBackend;
  /** 'connect:<user>' and 'disconnect', in order. */
  readonly log: string[];
  connects(): number;
  /** The events object the core handed to the last connect. */
  events(): BackendEvents;
}

/** Wraps a backend: every call goes through, connect and disconnect are logged. */
export function spyBackend(inner: PbxBackend): SpyBackend {
  const log: string[] = [];
  let events: BackendEvents | null = null;
  const backend = new Proxy(inner, {
    get(target, prop) {
      if (prop === 'connect')
        return (params: Parameters<PbxBackend['connect']>[0], ev: BackendEvents) => {
          log.push(`connect:${params.user}`);
          events = ev;
          return target.connect(params, ev);
        };
      if (prop === 'disconnect')
        return () => {
          log.push('disconnect');
          return target.disconnect();
        };
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return {
    backend,
    log,
    connects: () => log.filter((l) => l.startsWith('connect:')).length,
    events: () => {
      if (!events) throw new Error('the backend was never connected');
      return events;
    },
  };
}

export interface Rig extends SpyBackend {
  readonly pbx: SimulatedPbx;
  readonly client: OzClient;
  /** Live subscriptions on client.store (zustand has no public count: subscribe is wrapped). */
  storeListeners(): number;
  wrapper: (props: { children?: ReactNode }) => ReactNode;
  /** Connects as `user` (default 1001) and waits for ACCESS_GRANTED. */
  connect(user?: string): Promise<void>;
}

export function makeRig(options: SimulatedPbxOptions = {}): Rig {
  const pbx = createSimulatedPbx({ background: false, answerDelayMs: 60, ...options });
  const spy = spyBackend(pbx);
  const client = createOzWebClient({ backend: spy.backend, history: 'memory' });
  const subscribe = client.store.subscribe;
  let listeners = 0;
  client.store.subscribe = (listener) => {
    listeners++;
    const off = subscribe(listener);
    let done = false;
    return () => {
      if (!done) listeners--;
      done = true;
      off();
    };
  };
  return {
    ...spy,
    pbx,
    client,
    storeListeners: () => listeners,
    wrapper: ({ children }) => <OzProvider client={client}>{children}</OzProvider>,
    connect: (user = '1001') =>
      act(async () => {
        await client.connectAsync('sim', user, { Password: 'demo' });
      }),
  };
}

export const hookOptions = <P,>(rig: Rig): RenderHookOptions<P> => ({ wrapper: rig.wrapper });

/** Lets real timers (the simulator's) run inside act. */
export const settle = (ms = 0) =>
  act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

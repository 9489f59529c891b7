// Rig of the component tests: a client on the simulated PBX (optionally with call history),
// rendered inside its OzProvider, plus a fake AudioContext that counts the tones it plays.
import { act, cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import { createOzWebClient, type OzClient } from '../../src/index';
import type { CallState } from '../../src/core/enums';
import type { HistoryStore } from '../../src/core/ports';
import type { HistoryRecord } from '../../src/core/types';
import { OzProvider } from '../../src/react';
import {
  createSimulatedPbx,
  type SimulatedPbx,
  type SimulatedPbxOptions,
} from '../../src/simulator';

afterEach(cleanup);

export interface ComponentRig {
  client: OzClient;
  pbx: SimulatedPbx;
  connect(user?: string): Promise<void>;
  render(ui: ReactElement): RenderResult;
  /** Starts a call from this client and waits until it reaches `state`. */
  call(to: string, state?: CallState): Promise<string>;
}

export function makeComponentRig(
  options: SimulatedPbxOptions & { history?: readonly HistoryRecord[] } = {},
): ComponentRig {
  const { history, ...pbxOptions } = options;
  const pbx = createSimulatedPbx({ background: false, answerDelayMs: 60, ...pbxOptions });
  const records = new Map((history ?? []).map((r) => [r.callId, r]));
  const store: HistoryStore = {
    add: async (_a, r) => void records.set(r.callId, r),
    list: async () => [...records.values()],
    clear: async () => records.clear(),
  };
  const client = createOzWebClient({ backend: pbx, history: store, historyLimit: 10_000 });
  const rig: ComponentRig = {
    client,
    pbx,
    connect: (user = '1001') =>
      act(async () => {
        await client.connectAsync('sim', user, { Password: 'demo' });
      }),
    render: (ui) => render(<OzProvider client={client}>{ui}</OzProvider>),
    call: async (to, state = 'IN_CALL') => {
      const call = client.createCall(to);
      await act(async () => {
        await call.actions.start();
        await untilState(client, call.id, state);
      });
      return call.id;
    },
  };
  return rig;
}

export function untilState(client: OzClient, id: string, state: CallState): Promise<void> {
  const reached = () => {
    const s = client.store.getState();
    const c = s.calls[id] ?? (s.lastEndedCall?.id === id ? s.lastEndedCall : null);
    return !c || c.state === state || c.endedAt !== null;
  };
  return new Promise((resolve) => {
    if (reached()) return resolve();
    const off = client.store.subscribe(() => {
      if (reached()) {
        off();
        resolve();
      }
    });
  });
}

/** A fake AudioContext: `oscillators` counts the tones started, `state` can start suspended. */
export class FakeAudio extends EventTarget {
  static made: FakeAudio[] = [];
  oscillators = 0;
  currentTime = 0;
  destination = {};
  constructor(public state: AudioContextState = 'running') {
    super();
    FakeAudio.made.push(this);
  }
  createGain() {
    return { gain: { setValueAtTime() {}, linearRampToValueAtTime() {} }, connect() {} };
  }
  createOscillator() {
    this.oscillators++;
    return { frequency: { value: 0 }, connect() {}, start() {}, stop() {} };
  }
  async resume() {
    this.state = 'running';
    this.dispatchEvent(new Event('statechange'));
  }
  async close() {
    this.state = 'closed';
  }
}

export const fakeAudio =
  (state: AudioContextState = 'running') =>
  () =>
    new FakeAudio(state) as unknown as AudioContext;

/** A history record of account 1001. */
export function record(i: number, patch: Partial<HistoryRecord> = {}): HistoryRecord {
  return {
    callId: `h${i}`,
    startTime: new Date(Date.UTC(2025, 2, 14, 16, 0) - i * 60_000).toISOString(),
    direction: 'Outbound',
    source: '1001',
    destination: '1002',
    state: 'CallerHungUp',
    dialed: '1002',
    callerId: '1001',
    type: 'Audio',
    ringDuration: 3,
    talkDuration: 75,
    origin: 'own',
    ...patch,
  };
}

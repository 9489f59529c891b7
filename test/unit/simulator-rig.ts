// Shared by the simulator-*.test.ts suites: the simulated PBX under the real core client, its
// clock on vitest's (fake) timers, and every reported error collected.
import { OzClientImpl } from '../../src/core/client';
import type { OzError } from '../../src/core/errors';
import { createMemoryHistoryStore } from '../../src/history/memory';
import { createSimulatedPbx, type SimulatedPbxOptions } from '../../src/simulator';

export function simulatorRig(options: SimulatedPbxOptions = {}) {
  const clock = {
    now: () => Date.now(),
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
  };
  const pbx = createSimulatedPbx({ background: false, seed: 7, clock, ...options });
  const client = new OzClientImpl(
    {},
    {
      backend: () => pbx,
      directorySource: () => {
        throw new Error('unused');
      },
      historyStore: () => createMemoryHistoryStore(),
    },
  );
  const errors: OzError[] = [];
  client.onErrorOccured((e) => errors.push(e));
  return { pbx, client, errors };
}

// 'ozkit/simulator': an in-memory PBX for the demo, Storybook and fast tests.
import type { SimulatedPbxOptions } from './options';
import { SimulatedPbxImpl, type SimulatedPbx } from './simulatedPbx';

/** A simulated PBX: a PbxBackend to hand to a client, plus controls that play the other side. */
export function createSimulatedPbx(options?: SimulatedPbxOptions): SimulatedPbx {
  return new SimulatedPbxImpl(options);
}

export { demoDirectory } from './demoDirectory';
export {
  DEFAULT_BUSY,
  DEFAULT_NOT_FOUND,
  DEFAULT_OFFLINE,
  DEFAULT_REJECTING,
  DEFAULT_PASSWORD,
} from './options';
export type { SimulatedPbx } from './simulatedPbx';
export type { SimulatedPbxOptions, SimulatorClock } from './options';

import type { AudioContextFactory } from '../../src/components';

const inert = () => ({
  gain: { setValueAtTime() {}, linearRampToValueAtTime() {} },
  frequency: { value: 0 },
  connect() {},
  start() {},
  stop() {},
});

/**
 * A silent AudioContext that starts suspended, as Chromium's autoplay policy leaves one made
 * without a click: shows the "click to enable ringing" notice deterministically.
 */
class SuspendedAudio extends EventTarget {
  state: AudioContextState = 'suspended';
  currentTime = 0;
  destination = {};
  createGain = inert;
  createOscillator = inert;
  async resume() {
    this.state = 'running';
    this.dispatchEvent(new Event('statechange'));
  }
  async close() {
    this.state = 'closed';
  }
}

export const suspendedAudio: AudioContextFactory = () =>
  new SuspendedAudio() as unknown as AudioContext;

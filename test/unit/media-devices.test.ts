import { describe, expect, it } from 'vitest';
import { createOzWebClient } from '../../src/index';
import type { MediaDevicePreferences } from '../../src/core/ports';
import { createSimulatedPbx } from '../../src/simulator';
import { mediaOptions } from '../../src/sip/call-entry';

describe('chosen media devices', () => {
  it('become getUserMedia constraints of the next call, preferred rather than forced', () => {
    expect(mediaOptions('AUDIO')).toEqual({ constraints: { audio: true, video: false } });
    const devices = { microphone: 'mic-2', speaker: 'spk-1', camera: 'cam-3' };
    expect(mediaOptions('AUDIO', devices).constraints).toEqual({
      audio: { deviceId: { ideal: 'mic-2' } },
      video: false,
    });
    expect(mediaOptions('VIDEO', devices).constraints.video).toEqual({
      deviceId: { ideal: 'cam-3' },
    });
  });

  it('reach the backend at connect and on every change', async () => {
    const seen: MediaDevicePreferences[] = [];
    const pbx = createSimulatedPbx({ background: false });
    const backend = Object.assign(pbx, {
      setMediaDevices: (d: MediaDevicePreferences) => void seen.push(d),
    });
    const client = createOzWebClient({ backend, history: 'memory' });
    client.setMediaDevices({ microphone: 'mic-1' });
    await client.connectAsync('simulator', '1001', { Password: 'demo' });
    expect(seen.at(-1)).toEqual({ microphone: 'mic-1', speaker: null, camera: null });
    client.setMediaDevices({ speaker: 'spk-9' });
    expect(seen.at(-1)).toEqual({ microphone: 'mic-1', speaker: 'spk-9', camera: null });
    await client.disconnectAsync();
  });
});

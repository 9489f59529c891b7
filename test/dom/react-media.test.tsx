import { act, render, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OzCamera } from '../../src/core/camera';
import { OzError } from '../../src/core/errors';
import { OzProvider, useCamera, useMediaDevices } from '../../src/react';
import { makeRig } from './react-harness';

const device = (kind: MediaDeviceKind, deviceId: string, label = deviceId): MediaDeviceInfo =>
  ({ kind, deviceId, label, groupId: 'g', toJSON: () => ({}) }) as MediaDeviceInfo;

/** A navigator.mediaDevices with a device list the test controls. */
function fakeMediaDevices(initial: MediaDeviceInfo[]) {
  let list = initial;
  const target = new EventTarget();
  const md = {
    enumerateDevices: vi.fn(async () => list),
    addEventListener: vi.fn(target.addEventListener.bind(target)),
    removeEventListener: vi.fn(target.removeEventListener.bind(target)),
  };
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: md });
  return {
    md,
    plug(next: MediaDeviceInfo[]) {
      list = next;
      target.dispatchEvent(new Event('devicechange'));
    },
  };
}

const DEVICES = [
  device('audioinput', 'mic1'),
  device('audioinput', 'mic2'),
  device('audiooutput', 'spk1'),
  device('audiooutput', 'spk2'),
  device('videoinput', 'cam1'),
];

afterEach(() => {
  Reflect.deleteProperty(navigator, 'mediaDevices');
  Reflect.deleteProperty(HTMLMediaElement.prototype, 'setSinkId');
  vi.restoreAllMocks();
});

describe('useMediaDevices', () => {
  it('lists devices in an effect, follows devicechange and removes its listener', async () => {
    const fake = fakeMediaDevices(DEVICES);
    const rig = makeRig();
    const duringRender: number[] = [];
    const { result, unmount } = renderHook(
      () => {
        duringRender.push(fake.md.enumerateDevices.mock.calls.length);
        return useMediaDevices();
      },
      { wrapper: rig.wrapper },
    );
    expect(duringRender[0]).toBe(0);
    await waitFor(() => expect(result.current.microphones).toHaveLength(2));
    expect(result.current.supported).toBe(true);
    expect(result.current.speakers.map((d) => d.deviceId)).toEqual(['spk1', 'spk2']);
    expect(result.current.cameras.map((d) => d.deviceId)).toEqual(['cam1']);
    act(() => result.current.selectMicrophone('mic2'));
    expect(result.current.selectedMicrophone).toBe('mic2');
    // mic2 unplugged: the list shrinks and the choice falls back to the default.
    await act(async () => fake.plug(DEVICES.filter((d) => d.deviceId !== 'mic2')));
    await waitFor(() => expect(result.current.microphones).toHaveLength(1));
    expect(result.current.selectedMicrophone).toBeNull();
    expect(fake.md.addEventListener).toHaveBeenCalledTimes(1);
    const listener = fake.md.addEventListener.mock.calls[0]?.[1];
    unmount();
    expect(fake.md.removeEventListener).toHaveBeenCalledWith('devicechange', listener);
  });

  it('without navigator.mediaDevices: nothing to list and nothing thrown', async () => {
    const rig = makeRig();
    const { result } = renderHook(() => useMediaDevices(), { wrapper: rig.wrapper });
    await act(() => result.current.refresh());
    expect(result.current).toMatchObject({
      supported: false,
      canSelectSpeaker: false,
      microphones: [],
      speakers: [],
      cameras: [],
    });
    await expect(result.current.selectSpeaker('spk1')).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
    });
  });

  it('routes attached elements to the chosen speaker where setSinkId exists', async () => {
    fakeMediaDevices(DEVICES);
    const setSinkId = vi.fn(async (_id: string) => {});
    Object.defineProperty(HTMLMediaElement.prototype, 'setSinkId', {
      configurable: true,
      value: setSinkId,
    });
    const rig = makeRig();
    const { result } = renderHook(() => useMediaDevices(), { wrapper: rig.wrapper });
    await waitFor(() => expect(result.current.canSelectSpeaker).toBe(true));
    const audio = document.createElement('audio');
    const detach = result.current.attachSpeaker(audio);
    await act(() => result.current.selectSpeaker('spk2'));
    expect(result.current.selectedSpeaker).toBe('spk2');
    expect(setSinkId).toHaveBeenLastCalledWith('spk2');
    expect(setSinkId.mock.contexts.at(-1)).toBe(audio);
    // An element attached later starts on the chosen speaker.
    const video = document.createElement('video');
    result.current.attachSpeaker(video);
    expect(setSinkId.mock.contexts.at(-1)).toBe(video);
    detach();
    setSinkId.mockClear();
    await act(() => result.current.selectSpeaker(null));
    expect(setSinkId.mock.contexts).toEqual([video]);
    expect(setSinkId).toHaveBeenCalledWith('');
    // A refusal of the browser is an OzError.
    setSinkId.mockRejectedValueOnce(new Error('NotAllowedError'));
    const err = await result.current.selectSpeaker('spk1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OzError);
    expect((err as OzError).code).toBe('MEDIA_FAILED');
  });

  it('keeps one selection per client', async () => {
    fakeMediaDevices(DEVICES);
    const a = makeRig();
    const b = makeRig();
    const wrap = (client: typeof a.client) =>
      function Wrapper({ children }: { children?: ReactNode }) {
        return <OzProvider client={client}>{children}</OzProvider>;
      };
    const a1 = renderHook(() => useMediaDevices(), { wrapper: wrap(a.client) });
    const a2 = renderHook(() => useMediaDevices(), { wrapper: wrap(a.client) });
    const b1 = renderHook(() => useMediaDevices(), { wrapper: wrap(b.client) });
    await waitFor(() => expect(a1.result.current.cameras).toHaveLength(1));
    act(() => a1.result.current.selectCamera('cam1'));
    expect(a2.result.current.selectedCamera).toBe('cam1');
    expect(b1.result.current.selectedCamera).toBeNull();
  });
});

describe('useCamera', () => {
  it('gives an OzCamera that opens nothing and is released on unmount', () => {
    const rig = makeRig();
    const release = vi.spyOn(OzCamera.prototype, 'release');
    const getUserMedia = vi.fn();
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: {
        getUserMedia,
        enumerateDevices: vi.fn(async () => []),
        addEventListener() {},
        removeEventListener() {},
      },
    });
    const { result, rerender, unmount } = renderHook(
      ({ name }: { name?: string }) => useCamera(name),
      {
        wrapper: rig.wrapper,
        initialProps: {},
      },
    );
    const first = result.current;
    expect(first).toBeInstanceOf(OzCamera);
    rerender({});
    expect(result.current).toBe(first);
    rerender({ name: 'Front camera' });
    expect(result.current).not.toBe(first);
    expect(result.current.name).toBe('Front camera');
    expect(release).toHaveBeenCalledTimes(1); // the first camera, on the change
    unmount();
    expect(release).toHaveBeenCalledTimes(2);
    expect(getUserMedia).not.toHaveBeenCalled();
  });

  it('defaults to the camera chosen with useMediaDevices', async () => {
    fakeMediaDevices(DEVICES);
    const rig = makeRig();
    const { result } = renderHook(() => ({ camera: useCamera(), media: useMediaDevices() }), {
      wrapper: rig.wrapper,
    });
    expect(result.current.camera.name).toBeUndefined();
    act(() => result.current.media.selectCamera('cam1'));
    expect(result.current.camera.name).toBe('cam1');
  });
});

it('the media hooks need a provider like every other hook', () => {
  expect(() => render(<Bare />)).toThrow(/outside <OzProvider>/);
});
function Bare() {
  useMediaDevices();
  return null;
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { OzCamera } from '../core/camera';
import { OzError } from '../core/errors';
import { useOzContext } from './context';
import { EMPTY } from './internal';
import { clientMedia, type MediaSelection } from './mediaSelection';

/**
 * An OzCamera for `name` (a device label or id; default: the camera chosen with
 * useMediaDevices, else the browser's default). Creating it opens nothing; the camera is opened
 * when a call attaches it and released when the component unmounts or the choice changes.
 */
export function useCamera(name?: string): OzCamera {
  const { store } = useOzContext('useCamera()');
  const selected = useStore(clientMedia(store).selection, (s) => s.camera);
  const wanted = name ?? selected ?? undefined;
  const camera = useMemo(() => OzCamera.getCameraByName(wanted), [wanted]);
  useEffect(() => () => camera.release(), [camera]);
  return camera;
}

export interface MediaDevicesState {
  /** The browser can list devices (false on the server and before the first effect). */
  readonly supported: boolean;
  readonly microphones: readonly MediaDeviceInfo[];
  readonly speakers: readonly MediaDeviceInfo[];
  readonly cameras: readonly MediaDeviceInfo[];
  /** HTMLMediaElement.setSinkId exists, so selectSpeaker can route audio. */
  readonly canSelectSpeaker: boolean;
  readonly selectedMicrophone: string | null;
  readonly selectedSpeaker: string | null;
  readonly selectedCamera: string | null;
  selectMicrophone(deviceId: string | null): void;
  selectCamera(deviceId: string | null): void;
  /** Routes every attached element to the speaker; rejects NOT_SUPPORTED without setSinkId. */
  selectSpeaker(deviceId: string | null): Promise<void>;
  /** Plays `element` through the selected speaker from now on; returns the detach function. */
  attachSpeaker(element: HTMLMediaElement): () => void;
  /** Lists the devices again (labels appear once the user has granted a permission). */
  refresh(): Promise<void>;
}

interface DeviceLists {
  microphones: readonly MediaDeviceInfo[];
  speakers: readonly MediaDeviceInfo[];
  cameras: readonly MediaDeviceInfo[];
}
const NO_DEVICES: DeviceLists = { microphones: EMPTY, speakers: EMPTY, cameras: EMPTY };

const mediaDevices = (): MediaDevices | undefined =>
  typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
const sinkSupported = (): boolean =>
  typeof HTMLMediaElement !== 'undefined' &&
  typeof (HTMLMediaElement.prototype as Partial<HTMLMediaElement>).setSinkId === 'function';

const setSink = (el: HTMLMediaElement, id: string | null) => el.setSinkId(id ?? '');

/**
 * Microphones, speakers and cameras, kept current on `devicechange`. The browser is asked only
 * in an effect, only where navigator.mediaDevices exists, and never for a permission.
 */
export function useMediaDevices(): MediaDevicesState {
  const { store, client } = useOzContext('useMediaDevices()');
  const media = clientMedia(store);
  const selection = useStore(media.selection);
  // The choice reaches the calls: the next call's microphone/camera, and its remote audio.
  useEffect(() => {
    client?.setMediaDevices(selection);
  }, [client, selection]);
  const [devices, setDevices] = useState(NO_DEVICES);
  const [env, setEnv] = useState({ supported: false, canSelectSpeaker: false });
  const load = useRef<() => Promise<void>>(() => Promise.resolve());

  useEffect(() => {
    const md = mediaDevices();
    setEnv({ supported: !!md?.enumerateDevices, canSelectSpeaker: sinkSupported() });
    if (!md?.enumerateDevices) return;
    let alive = true;
    const list = async () => {
      const all = await md.enumerateDevices();
      if (!alive) return;
      const next: DeviceLists = {
        microphones: all.filter((d) => d.kind === 'audioinput'),
        speakers: all.filter((d) => d.kind === 'audiooutput'),
        cameras: all.filter((d) => d.kind === 'videoinput'),
      };
      setDevices(next);
      dropVanished(media.selection.getState(), next, (patch) => media.selection.setState(patch));
    };
    const onChange = () => void list().catch(() => {});
    load.current = list;
    onChange();
    md.addEventListener('devicechange', onChange);
    return () => {
      alive = false;
      load.current = () => Promise.resolve();
      md.removeEventListener('devicechange', onChange);
    };
  }, [media]);

  const selectSpeaker = useCallback(
    async (deviceId: string | null) => {
      if (!sinkSupported())
        throw new OzError(
          'NOT_SUPPORTED',
          'This browser cannot choose the speaker (no HTMLMediaElement.setSinkId)',
        );
      media.selection.setState({ speaker: deviceId });
      try {
        await Promise.all([...media.speakers].map((el) => setSink(el, deviceId)));
      } catch (err) {
        throw OzError.from(err, 'MEDIA_FAILED', 'The speaker could not be selected');
      }
    },
    [media],
  );
  const attachSpeaker = useCallback(
    (el: HTMLMediaElement) => {
      media.speakers.add(el);
      const id = media.selection.getState().speaker;
      if (id !== null && sinkSupported()) void setSink(el, id).catch(() => {});
      return () => void media.speakers.delete(el);
    },
    [media],
  );
  const selectMicrophone = useCallback(
    (deviceId: string | null) => media.selection.setState({ microphone: deviceId }),
    [media],
  );
  const selectCamera = useCallback(
    (deviceId: string | null) => media.selection.setState({ camera: deviceId }),
    [media],
  );
  const refresh = useCallback(() => load.current(), []);

  return useMemo(
    () => ({
      ...env,
      ...devices,
      selectedMicrophone: selection.microphone,
      selectedSpeaker: selection.speaker,
      selectedCamera: selection.camera,
      selectMicrophone,
      selectCamera,
      selectSpeaker,
      attachSpeaker,
      refresh,
    }),
    [
      env,
      devices,
      selection,
      selectMicrophone,
      selectCamera,
      selectSpeaker,
      attachSpeaker,
      refresh,
    ],
  );
}

/** A chosen device that was unplugged falls back to the default. */
function dropVanished(
  sel: MediaSelection,
  lists: DeviceLists,
  set: (patch: Partial<MediaSelection>) => void,
): void {
  const gone = (id: string | null, list: readonly MediaDeviceInfo[]) =>
    id !== null && !list.some((d) => d.deviceId === id);
  const patch: { -readonly [K in keyof MediaSelection]?: null } = {};
  if (gone(sel.microphone, lists.microphones)) patch.microphone = null;
  if (gone(sel.speaker, lists.speakers)) patch.speaker = null;
  if (gone(sel.camera, lists.cameras)) patch.camera = null;
  if (Object.keys(patch).length > 0) set(patch);
}

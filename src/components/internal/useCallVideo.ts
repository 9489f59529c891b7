import { useEffect, useState, type RefObject } from 'react';
import type { OzCamera } from '../../core/camera';
import { OzError } from '../../core/errors';
import { useErrorEvent, useOzClient } from '../../react';

/**
 * Routes the call's remote video into `remote` and sends `camera` (the Promise twins of
 * Call.setRemoteDisplay / Call.attachCamera); the newest failure of this call is returned.
 */
export function useCallVideo(
  callId: string | null,
  up: boolean,
  camera: OzCamera | null,
  remote: RefObject<HTMLVideoElement | null>,
  local: RefObject<HTMLVideoElement | null>,
): OzError | null {
  const client = useOzClient();
  const [error, setError] = useState<OzError | null>(null);
  useErrorEvent((e) => {
    if (callId && e.callId === callId && (e.code === 'MEDIA_FAILED' || e.code === 'NOT_SUPPORTED'))
      setError(e);
  });
  useEffect(() => {
    const call = callId && up ? client?.getCall(callId) : null;
    if (!call) return;
    const failed = (err: unknown) => setError(OzError.from(err, 'MEDIA_FAILED', 'Video failed'));
    if (remote.current) call.actions.setRemoteDisplay(remote.current).catch(failed);
    if (!camera) return;
    let alive = true;
    call.actions.attachCamera(camera).catch(failed);
    // The preview asks for the camera only now: during a video call, never on mount.
    camera.getStream().then(
      (stream) => {
        if (alive && local.current) local.current.srcObject = stream;
      },
      (err: unknown) => alive && setError(OzError.from(err, 'MEDIA_FAILED', 'No camera')),
    );
    return () => {
      alive = false;
      if (local.current) local.current.srcObject = null;
    };
  }, [client, callId, up, camera, remote, local]);
  return error;
}

import { useEffect, useState, type RefObject } from 'react';
import type { OzCamera } from '../../core/camera';
import { OzError } from '../../core/errors';
import { useErrorEvent, useOzClient } from '../../react';

/**
 * Stop-gap until useCall has media actions: routes the call's remote video into `remote` and
 * sends `camera` (Call.setRemoteDisplay / Call.attachCamera of the provider's client, both
 * public). Their failures arrive through onErrorOccured; the newest one of this call is returned.
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
    if (remote.current) call.setRemoteDisplay(remote.current);
    if (!camera) return;
    let alive = true;
    call.attachCamera(camera);
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

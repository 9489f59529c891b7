import { useRef, type ReactNode } from 'react';
import { useCamera, type CallTarget } from '../react';
import { ActionError } from './internal/ActionError';
import { cx } from './internal/format';
import { useCallVideo } from './internal/useCallVideo';
import { useFollowedCall } from './internal/useFollowedCall';
import type { OzLabels } from './labels';
import { useLabels } from './LabelsProvider';

export interface VideoViewProps {
  /** The call whose video to show. Default: the current call. */
  call?: CallTarget | null;
  /** Show and send the local camera. Default true. */
  local?: boolean;
  /** Camera label or device id. Default: the one chosen in DevicePicker, else the default. */
  camera?: string;
  /** Strings to replace for this component (see OzLabels). */
  labels?: Partial<OzLabels>;
  /** Added to the root element's class (`oz-…`). */
  className?: string;
}

/**
 * The remote video of a video call and the local camera's preview. The camera is opened only
 * once the call is up; nothing is rendered for an audio call.
 */
export function VideoView(props: VideoViewProps): ReactNode {
  const { local = true, className } = props;
  const labels = useLabels(props.labels);
  const { call } = useFollowedCall(props.call);
  const camera = useCamera(props.camera);
  const remote = useRef<HTMLVideoElement>(null);
  const preview = useRef<HTMLVideoElement>(null);
  const video = call !== null && call.type === 'VIDEO' && call.endedAt === null;
  const up = video && (call.state === 'IN_CALL' || call.state === 'HOLD');
  const error = useCallVideo(call?.id ?? null, up, local ? camera : null, remote, preview);
  if (!video) return null;
  return (
    <div className={cx('oz-video', className)}>
      <video
        ref={remote}
        className="oz-video__remote"
        autoPlay
        playsInline
        aria-label={labels.remoteVideo}
      />
      {!call.remoteVideo && <p className="oz-video__placeholder">{labels.noRemoteVideo}</p>}
      {local && (
        <video
          ref={preview}
          className="oz-video__local"
          autoPlay
          playsInline
          muted
          aria-label={labels.localVideo}
        />
      )}
      <ActionError error={error} labels={labels} />
    </div>
  );
}

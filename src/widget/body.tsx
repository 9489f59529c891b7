// The dialer inside the widget, composed from ozkit/components only: connection line, ringing
// calls, the current call (status, controls, video, messages), the dialer and the history.
import type { ReactNode } from 'react';
import { CallControls } from '../components/CallControls';
import { CallHistory } from '../components/CallHistory';
import { CallMessages } from '../components/CallMessages';
import { CallStatus } from '../components/CallStatus';
import { Dialer } from '../components/Dialer';
import { IncomingCall } from '../components/IncomingCall';
import { useLabels } from '../components/LabelsProvider';
import { VideoView } from '../components/VideoView';
import { useCall, useConnectionState, useIncomingCalls } from '../react';
import type { WidgetTheme } from './attributes';
import type { WidgetLabels } from './labels';
import type { WidgetNotice } from './view';

export interface WidgetBodyProps {
  readonly theme: WidgetTheme | null;
  readonly notice: WidgetNotice | null;
  readonly onConnect: () => void;
  readonly labels: WidgetLabels;
}

export function WidgetBody({ theme, notice, onConnect, labels }: WidgetBodyProps): ReactNode {
  const ringing = useIncomingCalls();
  const current = useCall();
  const live = current.call !== null && !current.ended;
  return (
    <div className="oz-widget" data-oz-theme={theme ?? undefined}>
      <ConnectionLine notice={notice} onConnect={onConnect} own={labels} />
      {ringing.map((c) => (
        <IncomingCall key={c.id} call={{ callId: c.id }} />
      ))}
      {live && (
        <div className="oz-widget__call">
          <CallStatus />
          <CallControls />
          <VideoView />
          <CallMessages />
        </div>
      )}
      <Dialer className="oz-widget__dialer" video />
      <CallHistory className="oz-widget__history" height="12rem" />
    </div>
  );
}

function ConnectionLine(
  props: Pick<WidgetBodyProps, 'notice' | 'onConnect'> & { own: WidgetLabels },
): ReactNode {
  const { notice, onConnect, own } = props;
  const labels = useLabels();
  const c = useConnectionState();
  const idle = c.phase === 'idle' || c.phase === 'closed' || c.phase === 'failed';
  const text =
    notice && idle
      ? notice === 'offline'
        ? own.offline
        : own.waitingForLogin
      : c.phase === 'registered' && c.user
        ? labels.connectedAs(c.user)
        : labels.connection[c.phase];
  const error = c.phase === 'failed' || c.phase === 'reconnecting' ? c.lastError : null;
  return (
    <div className={`oz-widget__connection oz-widget__connection--${c.phase}`}>
      <p role="status">{text}</p>
      {error && <p className="oz-error">{labels.error(error.code, error.message)}</p>}
      {notice === 'offline' && idle && (
        <button type="button" className="oz-button oz-widget__connect" onClick={onConnect}>
          {own.connect}
        </button>
      )}
    </div>
  );
}

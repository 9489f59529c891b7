import type { Rect } from './internal/useVirtualRows';
import { useState, type ReactNode } from 'react';
import type { CallType } from '../core/enums';
import { useCall, useCalls, useConnectionState, useIncomingCalls } from '../react';
import { CallControls } from './CallControls';
import { CallHistory } from './CallHistory';
import { CallLines } from './CallLines';
import { CallMessages } from './CallMessages';
import { CallStatus } from './CallStatus';
import { DevicePicker } from './DevicePicker';
import { Dialer } from './Dialer';
import { ExtensionList } from './ExtensionList';
import { IncomingCall } from './IncomingCall';
import { cx } from './internal/format';
import { Tabs } from './internal/Tabs';
import type { AudioContextFactory } from './internal/tones';
import { usePartyName } from './internal/usePartyName';
import type { OzLabels } from './labels';
import { OzLabelsProvider, useLabels } from './LabelsProvider';
import { VideoView } from './VideoView';

export interface SoftphoneProps {
  /** Colour scheme; default: the page's (prefers-color-scheme). */
  theme?: 'light' | 'dark';
  /** Offer video calls in the dialer. Default true. */
  video?: boolean;
  /** Ring for incoming calls. Default true. */
  ringtone?: boolean;
  /** Height of the extension and history lists (CSS length or px). */
  listHeight?: number | string;
  /** The lists' size before layout; set it where nothing is laid out (jsdom tests). */
  initialRect?: Rect;
  /** Where ringtone and tones play; tests and stories pass a fake. */
  audioContext?: AudioContextFactory;
  /** Strings to replace for this component (see OzLabels). */
  labels?: Partial<OzLabels>;
  /** Added to the root element's class (`oz-…`). */
  className?: string;
}

/**
 * The prefab: connection state, incoming calls, one line per live call with its status,
 * controls, video and messages, the dialer, and tabs with the directory (BLF, pickup), the call
 * history and the device choices. Built from the other components only.
 */
export function Softphone(props: SoftphoneProps): ReactNode {
  const { theme, video = true, ringtone = true, listHeight, initialRect, audioContext } = props;
  const labels = useLabels(props.labels);
  const calls = useCalls();
  const ringing = useIncomingCalls();
  const starter = useCall(null);
  const [selected, setSelected] = useState<string | null>(null);
  // A line that has ended falls back to the current call (and its final state).
  const line = selected && calls.some((c) => c.id === selected) ? selected : null;
  const target = line ? { callId: line } : undefined;
  const audio = audioContext ? { audioContext } : {};
  const lists = { height: listHeight, ...(initialRect && { initialRect }) };

  const dial = (number: string, type: CallType = 'AUDIO') => {
    setSelected(null);
    return starter.start(number, type);
  };

  return (
    <OzLabelsProvider labels={labels}>
      <div className={cx('oz-softphone', props.className)} data-oz-theme={theme}>
        <ConnectionBar labels={labels} />
        {ringing.map((c, i) => (
          <IncomingCall
            key={c.id}
            call={{ callId: c.id }}
            ringtone={ringtone && i === 0}
            onAccept={setSelected}
            {...audio}
          />
        ))}
        <div className="oz-softphone__body">
          <div className="oz-softphone__call">
            <CallLines selected={line} onSelect={setSelected} />
            <CallStatus call={target} />
            <CallControls call={target} {...audio} />
            <VideoView call={target} />
            <CallMessages call={target} />
          </div>
          <Dialer
            className="oz-softphone__dialer"
            call={target}
            video={video}
            onDial={dial}
            {...audio}
          />
          <Tabs
            className="oz-softphone__tabs"
            label={labels.panels}
            tabs={[
              {
                key: 'extensions',
                label: labels.extensions,
                render: () => <ExtensionList {...lists} onCall={(x) => dial(x.id)} />,
              },
              {
                key: 'history',
                label: labels.history,
                render: () => <CallHistory {...lists} onRedial={(n) => dial(n)} />,
              },
              { key: 'devices', label: labels.devices, render: () => <DevicePicker /> },
            ]}
          />
        </div>
      </div>
    </OzLabelsProvider>
  );
}

function ConnectionBar({ labels }: { labels: OzLabels }): ReactNode {
  const c = useConnectionState();
  const name = usePartyName(c.user);
  const text =
    c.phase === 'registered' && c.user
      ? labels.connectedAs(name ? `${name} (${c.user})` : c.user)
      : labels.connection[c.phase];
  const error = c.phase === 'failed' || c.phase === 'reconnecting' ? c.lastError : null;
  return (
    <div className={`oz-softphone__connection oz-softphone__connection--${c.phase}`}>
      <p role="status">{text}</p>
      {error && <p className="oz-error">{labels.error(error.code, error.message)}</p>}
    </div>
  );
}

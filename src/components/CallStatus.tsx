import type { ReactNode } from 'react';
import type { CallTarget } from '../react';
import { callStateText, talkSeconds } from './internal/callState';
import { cx, formatDuration } from './internal/format';
import { useFollowedCall } from './internal/useFollowedCall';
import { useNow } from './internal/useNow';
import { usePartyName } from './internal/usePartyName';
import type { OzLabels } from './labels';
import { useLabels } from './LabelsProvider';

export interface CallStatusProps {
  /** The call to show. Default: the current call, then its final state until the next call. */
  call?: CallTarget | null;
  /** Strings to replace for this component (see OzLabels). */
  labels?: Partial<OzLabels>;
  /** Added to the root element's class (`oz-…`). */
  className?: string;
}

/**
 * The call's state, the other party (the directory's name when known) and a running timer. The
 * state is an ARIA live region, so screen readers announce "Ringing", "In call", "Busy"…; the
 * timer is not, so it does not chatter every second.
 */
export function CallStatus(props: CallStatusProps): ReactNode {
  const labels = useLabels(props.labels);
  const { call } = useFollowedCall(props.call);
  const name = usePartyName(call?.otherParty, call?.otherPartyName);
  const live = call !== null && call.endedAt === null && call.answeredAt !== null;
  const now = useNow(live);
  const state = call ? (call.state ?? 'dialing') : 'idle';
  return (
    <div
      className={cx('oz-call-status', `oz-call-status--${state.toLowerCase()}`, props.className)}
    >
      {call && (
        <p className="oz-call-status__party">
          <span className="oz-call-status__direction">
            {call.direction === 'inbound' ? labels.incoming : labels.outgoing}
          </span>{' '}
          <span className="oz-call-status__name">{name ?? call.otherParty}</span>
          {name && <span className="oz-call-status__number">{call.otherParty}</span>}
        </p>
      )}
      <p className="oz-call-status__state" role="status">
        {callStateText(call, labels)}
      </p>
      {call && call.answeredAt !== null && (
        <p className="oz-call-status__timer">
          <span className="oz-visually-hidden">{labels.duration} </span>
          <time>{formatDuration(talkSeconds(call, now))}</time>
        </p>
      )}
    </div>
  );
}

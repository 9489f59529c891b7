import { memo, type ReactNode } from 'react';
import type { HistoryRecord } from '../../core/types';
import type { OzLabels } from '../labels';
import { formatDuration } from './format';
import { usePartyName } from './usePartyName';

export interface HistoryRowProps {
  record: HistoryRecord;
  /** The logged-in extension, to tell the other party of an internal call. */
  me: string | null;
  index: number;
  count: number;
  top: number;
  height: number;
  labels: OzLabels;
  onRedial: (number: string) => void;
}

/** The other party of a record, as seen from this account. */
export function partyOf(r: HistoryRecord, me: string | null): string {
  if (r.direction === 'Outbound') return r.dialed || r.destination;
  if (r.direction === 'Inbound') return r.source;
  return r.source === me ? r.dialed || r.destination : r.source;
}

export const HistoryRow = memo(function HistoryRow(props: HistoryRowProps): ReactNode {
  const { record: r, me, index, count, top, height, labels, onRedial } = props;
  const party = partyOf(r, me);
  const name = usePartyName(party, r.callerId && party === r.source ? r.callerId : null);
  const who = name ? `${name} ${party}` : party;
  const answered = r.talkDuration > 0 || /HungUp$/.test(r.state);
  return (
    <li
      className={`oz-call-history__item oz-call-history__item--${r.direction.toLowerCase()}`}
      data-index={index}
      aria-setsize={count}
      aria-posinset={index + 1}
      style={{ height, transform: `translateY(${top}px)` }}
    >
      <span className="oz-call-history__direction">{labels.historyDirections[r.direction]}</span>
      <span className="oz-call-history__party">
        <span className="oz-call-history__name">{name ?? party}</span>
        {name && <span className="oz-call-history__number">{party}</span>}
      </span>
      <time className="oz-call-history__time" dateTime={r.startTime}>
        {labels.formatTime(r.startTime)}
      </time>
      <span className="oz-call-history__duration">
        {answered ? formatDuration(r.talkDuration) : (labels.historyStates[r.state] ?? r.state)}
      </span>
      <button
        type="button"
        className="oz-button oz-call-history__redial"
        aria-label={labels.redial(who)}
        onClick={() => onRedial(party)}
      >
        {labels.call}
      </button>
    </li>
  );
});

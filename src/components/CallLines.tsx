import type { ReactNode } from 'react';
import type { CallRecord } from '../core/types';
import { useCalls } from '../react';
import { callStateText } from './internal/callState';
import { cx } from './internal/format';
import { usePartyName } from './internal/usePartyName';
import type { OzLabels } from './labels';
import { useLabels } from './LabelsProvider';

export interface CallLinesProps {
  /** The id of the call shown as selected; null: the current call. */
  selected: string | null;
  /** A line was chosen (click, Enter or Space). */
  onSelect: (callId: string) => void;
  /** Strings to replace for this component (see OzLabels). */
  labels?: Partial<OzLabels>;
  /** Added to the root element's class (`oz-…`). */
  className?: string;
}

/** One button per live call ("line"), to switch between several calls. Nothing without calls. */
export function CallLines(props: CallLinesProps): ReactNode {
  const labels = useLabels(props.labels);
  const calls = useCalls();
  if (calls.length === 0) return null;
  const selected = props.selected ?? calls[calls.length - 1]?.id;
  return (
    <ul className={cx('oz-lines', props.className)} aria-label={labels.lines}>
      {calls.map((c) => (
        <Line
          key={c.id}
          call={c}
          selected={c.id === selected}
          labels={labels}
          onSelect={props.onSelect}
        />
      ))}
    </ul>
  );
}

function Line(props: {
  call: CallRecord;
  selected: boolean;
  labels: OzLabels;
  onSelect: (id: string) => void;
}): ReactNode {
  const { call, selected, labels, onSelect } = props;
  const name = usePartyName(call.otherParty, call.otherPartyName);
  return (
    <li className="oz-lines__item">
      <button
        type="button"
        className={cx('oz-lines__line', selected && 'oz-lines__line--selected')}
        aria-pressed={selected}
        onClick={() => onSelect(call.id)}
      >
        <span className="oz-lines__party">{name ?? call.otherParty}</span>
        <span className="oz-lines__state">{callStateText(call, labels)}</span>
      </button>
    </li>
  );
}

import { memo, type ReactNode } from 'react';
import type { Extension } from '../../core/types';
import { useActiveCalls, useExtensionState, usePickup } from '../../react';
import type { OzLabels } from '../labels';
import type { ActionState } from './useAction';

export interface ExtensionRowProps {
  extension: Extension;
  index: number;
  count: number;
  top: number;
  height: number;
  pickup: boolean;
  labels: OzLabels;
  onCall: (extension: Extension) => void;
  run: ActionState['run'];
}

/** One row: its own lamp subscription, so a lamp change re-renders this row only. */
export const ExtensionRow = memo(function ExtensionRow(props: ExtensionRowProps): ReactNode {
  const { extension: x, index, count, top, height, pickup, labels, onCall, run } = props;
  const lamp = useExtensionState(x.id);
  const name = x.displayName || x.id;
  return (
    <li
      className={`oz-extension-list__item oz-extension-list__item--${lamp}`}
      data-index={index}
      aria-setsize={count}
      aria-posinset={index + 1}
      style={{ height, transform: `translateY(${top}px)` }}
    >
      <button
        type="button"
        className="oz-extension-list__call"
        aria-label={labels.callExtension(`${name} ${x.id}`)}
        onClick={() => onCall(x)}
      >
        <span className={`oz-lamp oz-lamp--${lamp}`} aria-hidden="true" />
        <span className="oz-extension-list__name">{name}</span>{' '}
        <span className="oz-extension-list__number">{x.id}</span>
      </button>
      <span className="oz-extension-list__state">{labels.lamps[lamp]}</span>
      {pickup && lamp === 'ringing' && (
        <PickupButton extension={x.id} name={name} labels={labels} run={run} />
      )}
    </li>
  );
});

function PickupButton(props: {
  extension: string;
  name: string;
  labels: OzLabels;
  run: ActionState['run'];
}): ReactNode {
  const { extension, name, labels, run } = props;
  const sessions = useActiveCalls({ extension });
  const pickup = usePickup();
  const ringing = sessions.find(
    (s) => s.sessionState === 'RINGING' && (s.callee === extension || s.destination === extension),
  );
  if (!ringing) return null;
  return (
    <button
      type="button"
      className="oz-button oz-extension-list__pickup"
      aria-label={labels.pickupExtension(name)}
      onClick={() => void run(() => pickup(ringing.sessionId))}
    >
      {labels.pickup}
    </button>
  );
}

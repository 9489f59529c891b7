import { useId, useState, type ReactNode } from 'react';
import type { CallTarget } from '../react';
import { ActionError } from './internal/ActionError';
import { allowedActions } from './internal/callState';
import { cx } from './internal/format';
import { TargetForm } from './internal/TargetForm';
import type { AudioContextFactory } from './internal/tones';
import { useAction } from './internal/useAction';
import { useFollowedCall } from './internal/useFollowedCall';
import { Keypad } from './Keypad';
import type { OzLabels } from './labels';
import { useLabels } from './LabelsProvider';

export interface CallControlsProps {
  /** The call to control. Default: the current call. */
  call?: CallTarget | null;
  /** Show the keypad button (DTMF). Default true. */
  keypad?: boolean;
  /** Show the transfer button. Default true. */
  transfer?: boolean;
  /** Where the keypad's local tones play; tests pass a fake. */
  audioContext?: AudioContextFactory;
  /** Strings to replace for this component (see OzLabels). */
  labels?: Partial<OzLabels>;
  /** Added to the root element's class (`oz-…`). */
  className?: string;
}

/** Mute, hold, keypad, transfer (to a number or a directory entry) and hang up. */
export function CallControls(props: CallControlsProps): ReactNode {
  const { keypad = true, transfer = true, className } = props;
  const labels = useLabels(props.labels);
  const followed = useFollowedCall(props.call);
  const { call } = followed;
  const action = useAction();
  const [panel, setPanel] = useState<'keypad' | 'transfer' | null>(null);
  const id = useId();
  const can = allowedActions(call);
  // A panel closes by itself once the state no longer allows it (e.g. the call went on hold).
  const open = panel && can[panel] ? panel : null;
  const toggle = (p: 'keypad' | 'transfer') => setPanel(open === p ? null : p);

  return (
    <div className={cx('oz-call-controls', className)}>
      <div className="oz-call-controls__buttons" role="group" aria-label={labels.callControls}>
        <button
          type="button"
          className="oz-button oz-call-controls__mute"
          aria-pressed={call?.muted ?? false}
          disabled={!can.mute}
          onClick={() => void action.run(call?.muted ? followed.unmute : followed.mute)}
        >
          {labels.mute}
        </button>
        <button
          type="button"
          className="oz-button oz-call-controls__hold"
          aria-pressed={call?.localHold ?? false}
          disabled={!can.hold}
          onClick={() => void action.run(call?.localHold ? followed.unHold : followed.hold)}
        >
          {labels.hold}
        </button>
        {keypad && (
          <button
            type="button"
            className="oz-button oz-call-controls__keypad"
            aria-expanded={open === 'keypad'}
            aria-controls={`${id}-panel`}
            disabled={!can.keypad}
            onClick={() => toggle('keypad')}
          >
            {labels.keypad}
          </button>
        )}
        {transfer && (
          <button
            type="button"
            className="oz-button oz-call-controls__transfer"
            aria-expanded={open === 'transfer'}
            aria-controls={`${id}-panel`}
            disabled={!can.transfer}
            onClick={() => toggle('transfer')}
          >
            {labels.transfer}
          </button>
        )}
        <button
          type="button"
          className="oz-button oz-button--hangup oz-call-controls__hangup"
          disabled={!can.hangUp}
          onClick={() => void action.run(followed.hangUp)}
        >
          {labels.hangUp}
        </button>
      </div>
      <div id={`${id}-panel`} className="oz-call-controls__panel">
        {open === 'keypad' && (
          <Keypad
            tones
            labels={props.labels}
            onKey={(key) => void action.run(() => followed.sendDtmf(key))}
            {...(props.audioContext && { audioContext: props.audioContext })}
          />
        )}
        {open === 'transfer' && (
          <TargetForm
            className="oz-call-controls__transfer-form"
            label={labels.transferTo}
            submit={labels.transferSubmit}
            labels={labels}
            onCancel={() => setPanel(null)}
            onSubmit={(n) => {
              setPanel(null);
              void action.run(() => followed.transfer(n));
            }}
          />
        )}
      </div>
      <ActionError error={action.error} labels={labels} />
    </div>
  );
}

import { useId, useState, type ReactNode } from 'react';
import { useCall, useIncomingCalls, type CallTarget } from '../react';
import { ActionError } from './internal/ActionError';
import { cx } from './internal/format';
import { TargetForm } from './internal/TargetForm';
import { createAudioContext, type AudioContextFactory } from './internal/tones';
import { useAction } from './internal/useAction';
import { usePartyName } from './internal/usePartyName';
import { useRingtone } from './internal/useRingtone';
import type { OzLabels } from './labels';
import { useLabels } from './LabelsProvider';

export interface IncomingCallProps {
  /** The ringing call. Default: the oldest incoming call that rings. */
  call?: CallTarget | null;
  /** Ring with a Web Audio ringtone (no audio files). Default true. */
  ringtone?: boolean;
  /** Makes the ringtone's AudioContext; tests and stories pass a fake. */
  audioContext?: AudioContextFactory;
  /** Called after the call was accepted. */
  onAccept?: (callId: string) => void;
  /** Strings to replace for this component (see OzLabels). */
  labels?: Partial<OzLabels>;
  /** Added to the root element's class (`oz-…`). */
  className?: string;
}

/**
 * The caller with accept, reject and forward, while a call rings. When the browser's autoplay
 * policy keeps the ringtone silent, a visible button asks for the click that enables it.
 * Renders nothing when no call rings.
 */
export function IncomingCall(props: IncomingCallProps): ReactNode {
  const ringing = useIncomingCalls();
  const first = ringing[0];
  const target = props.call ?? (first ? { callId: first.id } : null);
  return target ? <IncomingCallCard {...props} target={target} /> : null;
}

function IncomingCallCard(props: IncomingCallProps & { target: CallTarget }): ReactNode {
  const { ringtone = true, onAccept, className } = props;
  const labels = useLabels(props.labels);
  const followed = useCall(props.target);
  const { call } = followed;
  const rings =
    call !== null && call.direction === 'inbound' && call.answeredAt === null && !call.endedAt;
  const sound = useRingtone(rings && ringtone, props.audioContext ?? createAudioContext);
  const name = usePartyName(call?.otherParty, call?.otherPartyName);
  const action = useAction();
  const [forwarding, setForwarding] = useState(false);
  const id = useId();
  if (!rings) return null;
  const party = name ?? call.otherParty;

  const accept = async () => {
    if (await action.run(followed.accept)) onAccept?.(call.id);
  };
  return (
    <section className={cx('oz-incoming', className)} aria-labelledby={`${id}-t`}>
      <p id={`${id}-t`} className="oz-incoming__title">
        {labels.incomingCall}
      </p>
      <p className="oz-incoming__caller" role="alert">
        {labels.incomingFrom(party)}
      </p>
      {name && <p className="oz-incoming__number">{call.otherParty}</p>}
      {sound.blocked && (
        <button type="button" className="oz-button oz-incoming__enable" onClick={sound.enable}>
          {labels.enableRinging}
        </button>
      )}
      <div className="oz-incoming__actions">
        <button
          type="button"
          className="oz-button oz-button--call oz-incoming__accept"
          onClick={() => void accept()}
        >
          {labels.accept}
        </button>
        <button
          type="button"
          className="oz-button oz-button--hangup oz-incoming__reject"
          onClick={() => void action.run(followed.reject)}
        >
          {labels.reject}
        </button>
        <button
          type="button"
          className="oz-button oz-incoming__forward"
          aria-expanded={forwarding}
          onClick={() => setForwarding((f) => !f)}
        >
          {labels.forward}
        </button>
      </div>
      {forwarding && (
        <TargetForm
          className="oz-incoming__forward-form"
          label={labels.forwardTo}
          submit={labels.forwardSubmit}
          labels={labels}
          onCancel={() => setForwarding(false)}
          onSubmit={(n) => void action.run(() => followed.forward(n))}
        />
      )}
      <ActionError error={action.error} labels={labels} />
    </section>
  );
}

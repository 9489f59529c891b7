import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useMessages, type CallTarget } from '../react';
import { ActionError } from './internal/ActionError';
import { cx } from './internal/format';
import { useAction } from './internal/useAction';
import { useFollowedCall } from './internal/useFollowedCall';
import { usePartyName } from './internal/usePartyName';
import type { OzLabels } from './labels';
import { useLabels } from './LabelsProvider';

export interface CallMessagesProps {
  /** The call whose messages to show and send. Default: the current call. */
  call?: CallTarget | null;
  /** Strings to replace for this component (see OzLabels). */
  labels?: Partial<OzLabels>;
  /** Added to the root element's class (`oz-…`). */
  className?: string;
}

/** The text messages (SIP MESSAGE) of a call, and a field to send one. Nothing without a call. */
export function CallMessages(props: CallMessagesProps): ReactNode {
  const labels = useLabels(props.labels);
  const followed = useFollowedCall(props.call);
  const { call } = followed;
  const messages = useMessages(call?.id);
  const name = usePartyName(call?.otherParty, call?.otherPartyName);
  const [text, setText] = useState('');
  const action = useAction();
  const id = useId();
  if (!call) return null;
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '') return;
    if (await action.run(() => followed.sendMessage(text.trim()))) setText('');
  };
  return (
    <div className={cx('oz-messages', props.className)}>
      <p id={`${id}-h`} className="oz-messages__title">
        {labels.messages}
      </p>
      {/* Focusable, so that keyboard users can scroll a long conversation. */}
      <div className="oz-messages__log" role="log" aria-labelledby={`${id}-h`} tabIndex={0}>
        <ol className="oz-messages__list">
          {messages.length === 0 && <li className="oz-messages__empty">{labels.noMessages}</li>}
          {messages.map((m) => (
            <li key={m.id} className={`oz-messages__item oz-messages__item--${m.direction}`}>
              <span className="oz-messages__from">
                {m.direction === 'out' ? labels.me : (name ?? m.from)}
              </span>{' '}
              <span className="oz-messages__text">{m.text}</span>
            </li>
          ))}
        </ol>
      </div>
      <form className="oz-messages__form" onSubmit={(e) => void send(e)}>
        <label htmlFor={`${id}-t`} className="oz-visually-hidden">
          {labels.messageText}
        </label>
        <input
          id={`${id}-t`}
          className="oz-input"
          type="text"
          autoComplete="off"
          placeholder={labels.messageText}
          value={text}
          onChange={(e) => setText(e.target.value)}
          disabled={call.endedAt !== null}
        />
        <button type="submit" className="oz-button" disabled={call.endedAt !== null}>
          {labels.send}
        </button>
      </form>
      <ActionError error={action.error} labels={labels} />
    </div>
  );
}

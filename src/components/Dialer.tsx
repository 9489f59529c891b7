import {
  useId,
  useRef,
  useState,
  type ClipboardEvent,
  type ChangeEvent,
  type FormEvent,
  type ReactNode,
} from 'react';
import { checkDialable, type DialableOptions } from '../core/dialable';
import type { CallType, DtmfKey } from '../core/enums';
import { useCall, type CallTarget } from '../react';
import { ActionError } from './internal/ActionError';
import { cx } from './internal/format';
import type { AudioContextFactory } from './internal/tones';
import { useAction } from './internal/useAction';
import { useFollowedCall } from './internal/useFollowedCall';
import { Keypad } from './Keypad';
import type { OzLabels } from './labels';
import { useLabels } from './LabelsProvider';

export interface DialerProps {
  /** The call whose keypad sends DTMF while it is up. Default: the current call. */
  call?: CallTarget | null;
  /**
   * Replaces the default action (start a call with useCall), e.g. to transfer or to log. May
   * return a Promise; a rejection is shown under the field.
   */
  onDial?: (number: string, type: CallType) => void | Promise<void>;
  /** Show a "Video call" button next to "Call". Default false. */
  video?: boolean;
  /** Accept SIP URIs (sip:user@host). Default true. */
  allowSipUri?: boolean;
  /** Accept extension names such as `reception`. Default true. */
  allowNames?: boolean;
  defaultValue?: string;
  /** Play the DTMF tone locally when a key is sent during a call. Default true. */
  tones?: boolean;
  /** Where local tones play; tests pass a fake. */
  audioContext?: AudioContextFactory;
  /** Strings to replace for this component (see OzLabels). */
  labels?: Partial<OzLabels>;
  /** Added to the root element's class (`oz-…`). */
  className?: string;
}

const SEPARATORS = ' ().-\u00a0\u2010\u2011\u2012\u2013\u2014\u2015';
const PHONE = '0123456789*#+';
const NAME = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ._~-';
const URI = ":@;=!$&'(),%";

/**
 * Whether `next` holds only characters that can be typed: what a number, a name or (once the
 * input starts with sip:) a SIP URI may contain. Whether it dials is checked at Enter.
 */
function typeable(next: string, o: DialableOptions): boolean {
  const sip = o.allowSipUri !== false;
  const uri = sip && /^sips?:/i.test(next);
  const allowed =
    PHONE + SEPARATORS + (o.allowNames !== false || sip ? NAME : '') + (uri ? URI : '');
  return [...next].every((c) => allowed.includes(c));
}

// Links and business cards say tel:+44 20 … — the scheme is dropped when pasted.
const stripScheme = (text: string) => text.trim().replace(/^(tel|callto):/i, '');

/**
 * A number field and keypad. Only dialable input is accepted (checkDialable of ozkit): anything
 * else is refused with the reason; pasted numbers are cleaned; Enter dials. While the call is up
 * the keypad sends DTMF and plays the tone locally.
 */
export function Dialer(props: DialerProps): ReactNode {
  const { onDial, video = false, tones = true, className } = props;
  const labels = useLabels(props.labels);
  const options: DialableOptions = {
    allowSipUri: props.allowSipUri ?? true,
    allowNames: props.allowNames ?? true,
  };
  const [value, setValue] = useState(props.defaultValue ?? '');
  const [note, setNote] = useState<{ text: string; refused: boolean } | null>(null);
  const [sent, setSent] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const starter = useCall(null);
  const followed = useFollowedCall(props.call);
  const action = useAction();
  const id = useId();

  const state = followed.ended ? null : followed.state;
  const inCall = state === 'IN_CALL' || state === 'ANSWERED' || state === 'HOLD';
  const refuse = (reason: string) => setNote({ text: labels.refused(reason), refused: true });

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const next = e.target.value;
    if (typeable(next, options)) {
      setValue(next);
      setNote(null);
      return;
    }
    const r = checkDialable(next, options);
    refuse(r.ok ? 'This cannot be dialled' : r.reason);
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    const start = el.selectionStart ?? value.length;
    const end = el.selectionEnd ?? value.length;
    const pasted = stripScheme(e.clipboardData.getData('text'));
    const combined = value.slice(0, start) + pasted + value.slice(end);
    const r = checkDialable(combined, options);
    if (!r.ok) return refuse(r.reason);
    setValue(r.number);
    setNote(r.number === combined ? null : { text: labels.pasteCleaned(r.number), refused: false });
  };

  const dial = async (type: CallType) => {
    const r = checkDialable(value, options);
    if (!r.ok) {
      refuse(r.reason);
      input.current?.focus();
      return;
    }
    setNote(null);
    const ok = await action.run(() =>
      onDial ? Promise.resolve(onDial(r.number, type)) : starter.start(r.number, type),
    );
    if (ok) setValue('');
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void dial('AUDIO');
  };

  const onKey = (key: DtmfKey) => {
    if (inCall) {
      setSent((s) => (s + key).slice(-24));
      void action.run(() => followed.sendDtmf(key));
    } else {
      setValue((v) => v + key);
      setNote(null);
    }
  };

  return (
    <form className={cx('oz-dialer', inCall && 'oz-dialer--dtmf', className)} onSubmit={onSubmit}>
      <label className="oz-dialer__label" htmlFor={`${id}-n`}>
        {labels.number}
      </label>
      <div className="oz-dialer__field">
        <input
          ref={input}
          id={`${id}-n`}
          className="oz-dialer__input"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          placeholder={labels.numberPlaceholder}
          value={value}
          onChange={onChange}
          onPaste={onPaste}
          aria-invalid={note?.refused || undefined}
          aria-describedby={`${id}-note`}
        />
        {value !== '' && (
          <button
            type="button"
            className="oz-button oz-dialer__backspace"
            aria-label={labels.backspace}
            onClick={() => setValue((v) => v.slice(0, -1))}
          >
            <span aria-hidden="true">⌫</span>
          </button>
        )}
      </div>
      <p
        id={`${id}-note`}
        className={cx('oz-dialer__note', note?.refused && 'oz-dialer__note--refused')}
        role="status"
      >
        {note?.text}
      </p>
      <Keypad
        onKey={onKey}
        tones={inCall && tones}
        disabled={state === 'HOLD'}
        keyClassName="oz-dialer__key"
        labels={props.labels}
        {...(props.audioContext && { audioContext: props.audioContext })}
      />
      {inCall && sent !== '' && <p className="oz-dialer__tones">{labels.tonesSent(sent)}</p>}
      <div className="oz-dialer__actions">
        <button type="submit" className="oz-button oz-button--call oz-dialer__call">
          {labels.call}
        </button>
        {video && (
          <button
            type="button"
            className="oz-button oz-button--call oz-dialer__video"
            onClick={() => void dial('VIDEO')}
          >
            {labels.videoCall}
          </button>
        )}
      </div>
      <ActionError error={action.error} labels={labels} />
    </form>
  );
}

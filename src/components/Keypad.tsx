import { useEffect, useRef, type ReactNode } from 'react';
import type { DtmfKey } from '../core/enums';
import { cx } from './internal/format';
import { createAudioContext, playDtmf, type AudioContextFactory } from './internal/tones';
import { lettersOf, type OzLabels } from './labels';
import { useLabels } from './LabelsProvider';

export interface KeypadProps {
  /** A key was pressed (click, Enter or Space on the focused key). */
  onKey: (key: DtmfKey) => void;
  /** Play each key's DTMF tone locally (Web Audio). Default false. */
  tones?: boolean;
  disabled?: boolean;
  /** Extra class of every key (the Dialer adds `oz-dialer__key`). */
  keyClassName?: string;
  /** Added to the root element's class (`oz-keypad`). */
  className?: string;
  /** Strings to replace for this component (see OzLabels). */
  labels?: Partial<OzLabels>;
  /** Where the tones play; tests pass a fake. Default: a new AudioContext on the first key. */
  audioContext?: AudioContextFactory;
}

// The keys as a phone lays them out, row by row.
const LAYOUT: readonly DtmfKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** The 12 keys of a phone, as buttons. */
export function Keypad(props: KeypadProps): ReactNode {
  const { onKey, tones = false, disabled, keyClassName, className } = props;
  const labels = useLabels(props.labels);
  const make = props.audioContext ?? createAudioContext;
  // Created on the first key press: a click is the gesture the autoplay policy wants.
  const audio = useRef<AudioContext | null>(null);
  useEffect(
    () => () => {
      void audio.current?.close().catch(() => {});
      audio.current = null;
    },
    [],
  );
  const press = (key: DtmfKey) => {
    if (tones) {
      audio.current ??= make();
      if (audio.current) playDtmf(audio.current, key);
    }
    onKey(key);
  };
  return (
    <div className={cx('oz-keypad', className)} role="group" aria-label={labels.keypad}>
      {LAYOUT.map((key) => (
        <button
          key={key}
          type="button"
          className={cx('oz-keypad__key', keyClassName)}
          disabled={disabled}
          onClick={() => press(key)}
        >
          <span className="oz-keypad__digit">{key}</span>
          <span className="oz-keypad__letters" aria-hidden="true">
            {lettersOf(key)}
          </span>
        </button>
      ))}
    </div>
  );
}

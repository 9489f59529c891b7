import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { checkDialable } from '../../core/dialable';
import { useExtensions } from '../../react';
import type { OzLabels } from '../labels';

export interface TargetFormProps {
  /** Field label and submit text, e.g. "Transfer to" / "Transfer call". */
  label: string;
  submit: string;
  labels: OzLabels;
  onSubmit: (number: string) => void;
  onCancel: () => void;
  className: string;
}

/** A number or a directory entry (offered through a datalist), for transfer and forward. */
export function TargetForm(props: TargetFormProps): ReactNode {
  const { label, submit, labels, onSubmit, onCancel, className } = props;
  const extensions = useExtensions();
  const [value, setValue] = useState('');
  const [reason, setReason] = useState<string | null>(null);
  const id = useId();
  const send = (e: FormEvent) => {
    e.preventDefault();
    const r = checkDialable(value);
    if (!r.ok) return setReason(labels.refused(r.reason));
    setReason(null);
    onSubmit(r.number);
  };
  return (
    <form className={className} onSubmit={send} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <label htmlFor={`${id}-t`}>{label}</label>
      <input
        id={`${id}-t`}
        className="oz-input"
        type="text"
        list={`${id}-l`}
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={reason !== null || undefined}
        aria-describedby={`${id}-r`}
        autoFocus
      />
      <datalist id={`${id}-l`}>
        {extensions.map((x) => (
          <option key={x.id} value={x.id}>
            {x.displayName ?? x.id}
          </option>
        ))}
      </datalist>
      <p id={`${id}-r`} className="oz-form-note" role="status">
        {reason}
      </p>
      <button type="submit" className="oz-button oz-button--primary">
        {submit}
      </button>
      <button type="button" className="oz-button" onClick={onCancel}>
        {labels.cancel}
      </button>
    </form>
  );
}

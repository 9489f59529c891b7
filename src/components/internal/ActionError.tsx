import type { ReactNode } from 'react';
import type { OzError } from '../../core/errors';
import type { OzLabels } from '../labels';

/** An action's failure as a visible, announced message (never an exception in render). */
export function ActionError(props: { error: OzError | null; labels: OzLabels }): ReactNode {
  const { error, labels } = props;
  if (!error) return null;
  return (
    <p className="oz-error" role="alert" data-code={error.code}>
      {labels.error(error.code, error.message)}
    </p>
  );
}

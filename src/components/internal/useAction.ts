import { useCallback, useEffect, useRef, useState } from 'react';
import { OzError } from '../../core/errors';

export interface ActionState {
  /** The last failure, shown by <ActionError>; cleared by the next run. */
  readonly error: OzError | null;
  readonly pending: boolean;
  /** Runs an action; a rejection becomes `error` instead of reaching React. Resolves to success. */
  run(action: () => Promise<unknown>): Promise<boolean>;
  fail(error: OzError): void;
  clear(): void;
}

/** Component-local state of user actions, so that nothing an action throws reaches a render. */
export function useAction(): ActionState {
  const [error, setError] = useState<OzError | null>(null);
  const [pending, setPending] = useState(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setError(null);
    setPending(true);
    try {
      await action();
      return true;
    } catch (err) {
      if (alive.current) setError(OzError.from(err, 'INTERNAL', String(err)));
      return false;
    } finally {
      if (alive.current) setPending(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { error, pending, run, fail: setError, clear };
}

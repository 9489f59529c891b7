import { useCallback, useInsertionEffect, useRef } from 'react';

/** A callback whose identity never changes but which always runs the newest `fn` (for memo rows). */
export function useStableCallback<A extends unknown[], R>(
  fn: (...args: A) => R,
): (...args: A) => R {
  const ref = useRef(fn);
  useInsertionEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}

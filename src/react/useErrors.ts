import type { OzError } from '../core/errors';
import type { OzState } from '../core/store';
import { useOzSelector } from './internal';

const selectErrors = (s: OzState) => s.errors;
const selectLast = (s: OzState) => s.errors[s.errors.length - 1] ?? null;

/** The newest errors of the client (oldest first, bounded); same array until one is added. */
export function useErrors(): readonly OzError[] {
  return useOzSelector(selectErrors);
}

/** The newest error, or null. */
export function useLastError(): OzError | null {
  return useOzSelector(selectLast);
}

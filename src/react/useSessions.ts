import {
  getActiveCallsOfExtension,
  getActiveCallsOfUser,
  getActiveSessionById,
  getActiveSessionsBySessionState,
} from '../core/helper';
import type { SessionRecord } from '../core/types';
import { EMPTY, isId, useOzList, useOzSelector, valuesOf } from './internal';

/** An active observed session (a PBX-wide call), or null once it has closed. */
export function useSession(sessionId: string | null | undefined): SessionRecord | null {
  return useOzSelector((s) => (isId(sessionId) ? getActiveSessionById(s, sessionId) : null));
}

/**
 * Active sessions, all or those in one state. `state` takes what the Helper takes: the coarse
 * SessionState values, the 19 PBX states or a CallState name, in any letter case.
 */
export function useSessions(state?: string): readonly SessionRecord[] {
  return useOzList((s) =>
    valuesOf(isId(state) ? getActiveSessionsBySessionState(s, state) : s.sessions),
  );
}

export type ActiveCallsQuery = { extension: string } | { user: string };

/** The active sessions an extension, or any device of a user, takes part in. */
export function useActiveCalls(query: ActiveCallsQuery): readonly SessionRecord[] {
  const extension = 'extension' in query ? query.extension : undefined;
  const user = 'user' in query ? query.user : undefined;
  return useOzList((s) => {
    if (isId(extension)) return valuesOf(getActiveCallsOfExtension(s, extension));
    if (isId(user)) return valuesOf(getActiveCallsOfUser(s, user));
    return EMPTY;
  });
}

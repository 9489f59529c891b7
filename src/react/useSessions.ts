import {
  getActiveCallsOfExtension,
  getActiveCallsOfUser,
  getActiveSessionById,
  getActiveSessionsBySessionState,
} from '../core/helper';
import { useCallback } from 'react';
import type { Call } from '../core/call';
import { OzError } from '../core/errors';
import type { SessionRecord } from '../core/types';
import { useOzContext } from './context';
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

/**
 * Picks up a ringing observed session here (INVITE with Replaces): resolves with the new Call,
 * rejects with OzError (NOT_SUPPORTED where the PBX connection cannot, INVALID_STATE when the
 * call no longer rings).
 */
export function usePickup(): (sessionId: string) => Promise<Call> {
  const { client } = useOzContext('usePickup()');
  return useCallback(
    async (sessionId: string) => {
      if (!client) throw new OzError('NOT_CONNECTED', 'Not connected to the PBX');
      const session = client.getSession(sessionId);
      if (!session) throw new OzError('INVALID_STATE', 'The call no longer rings', { sessionId });
      return session.actions.pickup();
    },
    [client],
  );
}

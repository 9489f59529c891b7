import { useCallback } from 'react';
import { OzError } from '../../core/errors';
import { useHelper, useOzClient } from '../../react';

/**
 * Stop-gap until ozkit/react has a pickup action: Session.pickup() reports its failures only
 * through onErrorOccured, so the error that arrives right after it (NOT_SUPPORTED where the PBX
 * connection cannot pick up) is handed back as a rejection.
 */
export function usePickup(): (sessionId: string) => Promise<void> {
  const client = useOzClient();
  const helper = useHelper();
  return useCallback(
    async (sessionId: string) => {
      const store = client?.store;
      if (!store) throw new OzError('NOT_CONNECTED', 'Not connected to the PBX');
      const session = helper.getActiveSessionById(sessionId);
      if (!session) throw new OzError('INVALID_STATE', 'The call no longer rings');
      const errors = store.getState().errors;
      const before = errors[errors.length - 1];
      session.pickup();
      // Pickup fails within the same task (capability and state checks run before any I/O).
      await new Promise((r) => setTimeout(r, 0));
      const after = store.getState().errors;
      const last = after[after.length - 1];
      if (last && last !== before) throw last;
    },
    [client, helper],
  );
}

import { useState } from 'react';
import { useCall, type CallTarget, type UseCallResult } from '../../react';

/**
 * The call a component shows: the given target, else the current call — and once that has ended,
 * its final record (so "Busy" stays visible until the next call instead of vanishing at once).
 */
export function useFollowedCall(target: CallTarget | null | undefined): UseCallResult {
  const current = useCall();
  const [lastId, setLastId] = useState<string | null>(null);
  // Derived state, set during render: React re-renders at once without committing twice.
  if (target === undefined && current.id && current.id !== lastId) setLastId(current.id);
  return useCall(target !== undefined ? target : lastId ? { callId: lastId } : null);
}

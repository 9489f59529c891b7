import type { ClientInfo } from '../core/types';
import { useOzList, valuesOf } from './internal';

/** The onClientStateChanged roster: other clients and their ONLINE/OFFLINE status. */
export function useClients(): readonly ClientInfo[] {
  return useOzList((s) => valuesOf(s.clients));
}

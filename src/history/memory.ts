import type { HistoryStore } from '../core/ports';
import type { HistoryRecord } from '../core/types';
import { DEFAULT_HISTORY_LIMIT, idsToPrune } from './prune';

/** Call history in memory (Node, tests, server rendering): per account, bounded. */
export function createMemoryHistoryStore(options: { limit?: number } = {}): HistoryStore {
  const limit = options.limit ?? DEFAULT_HISTORY_LIMIT;
  const accounts = new Map<string, Map<string, HistoryRecord>>();
  return {
    async add(account, record) {
      let m = accounts.get(account);
      if (!m) accounts.set(account, (m = new Map()));
      m.set(record.callId, record);
      for (const id of idsToPrune([...m.values()], limit)) m.delete(id);
    },
    async list(account) {
      return [...(accounts.get(account)?.values() ?? [])];
    },
    async clear(account) {
      accounts.delete(account);
    },
  };
}

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { OzError } from '../core/errors';
import type { HistoryStore } from '../core/ports';
import type { HistoryRecord } from '../core/types';
import { DEFAULT_HISTORY_LIMIT, idsToPrune } from './prune';

interface Stored extends HistoryRecord {
  account: string;
}
interface HistoryDb extends DBSchema {
  records: { key: [string, string]; value: Stored; indexes: { account: string } };
}

const DB_NAME = 'ozkit-history';

/**
 * Call history in IndexedDB, one object store keyed by [account, callId]. add() resolves only
 * once the transaction is durable, so the core shows a record only after it is written.
 */
export function createIndexedDbHistoryStore(
  options: { limit?: number; dbName?: string } = {},
): HistoryStore {
  const limit = options.limit ?? DEFAULT_HISTORY_LIMIT;
  let db: Promise<IDBPDatabase<HistoryDb>> | null = null;
  const open = () => {
    if (typeof indexedDB === 'undefined') {
      return Promise.reject(new OzError('HISTORY_FAILED', 'IndexedDB is not available here'));
    }
    db ??= openDB<HistoryDb>(options.dbName ?? DB_NAME, 1, {
      upgrade(d) {
        const s = d.createObjectStore('records', { keyPath: ['account', 'callId'] });
        s.createIndex('account', 'account');
      },
    });
    return db;
  };
  return {
    async add(account, record) {
      const d = await open();
      const tx = d.transaction('records', 'readwrite');
      await tx.store.put({ ...record, account });
      const all = await tx.store.index('account').getAll(account);
      for (const id of idsToPrune(all, limit)) await tx.store.delete([account, id]);
      await tx.done;
    },
    async list(account) {
      const d = await open();
      const rows = await d.getAllFromIndex('records', 'account', account);
      return rows.map(({ account: _a, ...r }) => r);
    },
    async clear(account) {
      const d = await open();
      const tx = d.transaction('records', 'readwrite');
      const keys = await tx.store.index('account').getAllKeys(account);
      for (const k of keys) await tx.store.delete(k);
      await tx.done;
    },
  };
}

import { OzError } from '../core/errors';
import type { HistoryStore } from '../core/ports';
import type { HistoryRecord } from '../core/types';
import { DEFAULT_HISTORY_LIMIT, idsToPrune } from './prune';

interface Stored extends HistoryRecord {
  account: string;
}

const DB_NAME = 'ozkit-history';
const STORE = 'records';

/** One request's result; its error rejects. */
function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** Resolves on `complete`, i.e. once the writes are durable; `error`/`abort` reject. */
function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () =>
      reject(tx.error ?? new DOMException('AbortError', 'AbortError'));
  });
}

/**
 * Call history in IndexedDB, one object store keyed by [account, callId]. add() resolves only
 * once the transaction is durable, so the core shows a record only after it is written.
 * Awaiting a request keeps its transaction alive (promise callbacks run as microtasks), so
 * each method is one transaction.
 */
export function createIndexedDbHistoryStore(
  options: { limit?: number; dbName?: string } = {},
): HistoryStore {
  const limit = options.limit ?? DEFAULT_HISTORY_LIMIT;
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    if (typeof indexedDB === 'undefined') {
      return Promise.reject(new OzError('HISTORY_FAILED', 'IndexedDB is not available here'));
    }
    if (!db) {
      // Same name, version, store and index as before, so existing databases open unchanged.
      const r = indexedDB.open(options.dbName ?? DB_NAME, 1);
      r.onupgradeneeded = () => {
        const s = r.result.createObjectStore(STORE, { keyPath: ['account', 'callId'] });
        s.createIndex('account', 'account');
      };
      db = req(r);
    }
    return db;
  };
  const store = async (mode: IDBTransactionMode) => {
    const tx = (await open()).transaction(STORE, mode);
    return { tx, s: tx.objectStore(STORE) };
  };
  return {
    async add(account, record) {
      const { tx, s } = await store('readwrite');
      await req(s.put({ ...record, account } satisfies Stored));
      const all = await req<Stored[]>(s.index('account').getAll(account));
      for (const id of idsToPrune(all, limit)) await req(s.delete([account, id]));
      await done(tx);
    },
    async list(account) {
      const { s } = await store('readonly');
      const rows = await req<Stored[]>(s.index('account').getAll(account));
      return rows.map(({ account: _a, ...r }) => r);
    },
    async clear(account) {
      const { tx, s } = await store('readwrite');
      const keys = await req(s.index('account').getAllKeys(account));
      for (const k of keys) await req(s.delete(k));
      await done(tx);
    },
  };
}

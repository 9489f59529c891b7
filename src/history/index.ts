import type { OzClientOptions } from '../core/options';
import type { HistoryStore } from '../core/ports';
import { createIndexedDbHistoryStore } from './indexeddb';
import { createMemoryHistoryStore } from './memory';

export { createIndexedDbHistoryStore, createMemoryHistoryStore };

/** 'indexeddb' in a browser (memory where IndexedDB is missing), 'memory' elsewhere. */
export function defaultHistoryStore(options: OzClientOptions): HistoryStore {
  const limit = options.historyLimit;
  const wantIdb = options.history === 'indexeddb' || options.history === undefined;
  if (wantIdb && typeof indexedDB !== 'undefined') return createIndexedDbHistoryStore({ limit });
  return createMemoryHistoryStore({ limit });
}

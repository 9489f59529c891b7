// The data sources of every default client: URL/inline directory, IndexedDB history (memory
// outside a browser). createOzWebClient adds the SIP backend with its watcher; the widget adds
// one without, so this lives apart from src/index.ts, whose default instance would pull it in.
import type { ClientFactories } from './core/options';
import { directorySourceFor } from './directory/sources';
import { defaultHistoryStore } from './history';

export const defaultSources: Omit<ClientFactories, 'backend'> = {
  directorySource: directorySourceFor,
  historyStore: defaultHistoryStore,
};

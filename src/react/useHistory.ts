import { getCallHistoryOfExtension } from '../core/helper';
import { filterHistory, pageHistory } from '../core/historyFilter';
import type { OzState } from '../core/store';
import type { CallHistoryFilter, HistoryRecord } from '../core/types';
import { isId, useOzList, valuesOf } from './internal';

// Filtering sorts the whole history, so it runs once per (history map, query) and every
// component asking the same question shares the answer.
const cache = new WeakMap<OzState['history'], Map<string, readonly HistoryRecord[]>>();

function historyQuery(
  s: OzState,
  extension: string | undefined,
  filter: CallHistoryFilter,
  key: string,
): readonly HistoryRecord[] {
  let perKey = cache.get(s.history);
  if (!perKey) cache.set(s.history, (perKey = new Map()));
  let out = perKey.get(key);
  if (!out) {
    const paged = filter.pageNumber !== undefined || filter.rowsPerPage !== undefined;
    if (paged)
      out = pageHistory(valuesOf(s.history), extension ? { ...filter, extension } : filter).records;
    else
      out = extension
        ? getCallHistoryOfExtension(s, extension, filter)
        : filterHistory(valuesOf(s.history), filter);
    perKey.set(key, Object.freeze(out));
  }
  return out;
}

/**
 * Call history, newest first: of one extension (as source or destination) or of the whole
 * account, narrowed by Ozeki's GetCallHistory filters; `pageNumber`/`rowsPerPage` return that
 * page. The filter may be a new object on every render.
 */
export function useCallHistory(
  extensionId?: string | null,
  filter: CallHistoryFilter = {},
): readonly HistoryRecord[] {
  const extension = isId(extensionId) ? extensionId : undefined;
  const key = JSON.stringify([extension, filter]);
  return useOzList((s) => historyQuery(s, extension, filter, key));
}

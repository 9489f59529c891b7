import type { CallHistoryFilter, CallHistoryInfo, HistoryRecord } from './types';

const toMs = (v: string | number): number => (typeof v === 'number' ? v : Date.parse(v));
const has = (field: string, needle: string | undefined): boolean =>
  needle === undefined || needle === '' || field.toLowerCase().includes(needle.toLowerCase());

/** Ozeki's GetCallHistory filters; newest first. Shared by getCallHistory and the Helper. */
export function filterHistory(
  records: Iterable<HistoryRecord>,
  filter: CallHistoryFilter = {},
): HistoryRecord[] {
  const from = filter.from === undefined ? -Infinity : toMs(filter.from);
  const to = filter.to === undefined ? Infinity : toMs(filter.to);
  const out: HistoryRecord[] = [];
  for (const r of records) {
    const t = Date.parse(r.startTime);
    if (t < from || t > to) continue;
    if (filter.direction && r.direction !== filter.direction) continue;
    if (filter.state && r.state.toLowerCase() !== filter.state.toLowerCase()) continue;
    if (filter.callId && r.callId !== filter.callId) continue;
    if (!has(r.source, filter.source) || !has(r.destination, filter.destination)) continue;
    if (!has(r.dialed, filter.dialed) || !has(r.callerId, filter.callerId)) continue;
    if (filter.extension && r.source !== filter.extension && r.destination !== filter.extension)
      continue;
    if (
      filter.general &&
      ![r.source, r.destination, r.dialed, r.callerId].some((f) => has(f, filter.general))
    )
      continue;
    out.push(r);
  }
  return out.sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
}

/** One page of filtered history, Ozeki-style paging (pageNumber starts at 1). */
export function pageHistory(
  records: Iterable<HistoryRecord>,
  filter: CallHistoryFilter = {},
): CallHistoryInfo {
  const all = filterHistory(records, filter);
  const rowsPerPage = Math.max(1, Math.floor(filter.rowsPerPage ?? (all.length || 1)));
  const pageNumber = Math.max(1, Math.floor(filter.pageNumber ?? 1));
  const start = (pageNumber - 1) * rowsPerPage;
  return {
    records: all.slice(start, start + rowsPerPage),
    totalRecords: all.length,
    pageNumber,
    rowsPerPage,
  };
}

import type { HistoryRecord } from '../core/types';

export const DEFAULT_HISTORY_LIMIT = 1000;

/** The call ids to drop so that at most `limit` records remain, oldest first. */
export function idsToPrune(records: readonly HistoryRecord[], limit: number): string[] {
  if (records.length <= limit) return [];
  return [...records]
    .sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime))
    .slice(0, records.length - limit)
    .map((r) => r.callId);
}

/** Kamailio dialog-module records (`dlg.list`, `dlg.list_match`), read defensively. */
import { JsonRpcError, type JsonRpcClient } from './jsonRpc';

export interface KamailioDialog {
  hEntry: number;
  hId: number;
  callId: string;
  /** 1 unconfirmed, 2 early, 3 confirmed (no ACK yet), 4 confirmed, 5 deleted. */
  state: number;
  callerTag: string | undefined;
  calleeTag: string | undefined;
}

const DELETED = 5;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function tagOf(v: unknown): string | undefined {
  return isRecord(v) && typeof v['tag'] === 'string' ? v['tag'] : undefined;
}

/** An array of dialogs, or (older versions) an object holding one. */
export function readDialogs(result: unknown): KamailioDialog[] {
  const list = Array.isArray(result)
    ? result
    : isRecord(result)
      ? (Object.values(result).find(Array.isArray) ?? [])
      : [];
  const out: KamailioDialog[] = [];
  for (const d of list as unknown[]) {
    if (!isRecord(d)) continue;
    const { h_entry: hEntry, h_id: hId, state } = d;
    const callId = d['call-id'];
    if (typeof hEntry !== 'number' || typeof hId !== 'number' || typeof callId !== 'string')
      continue;
    out.push({
      hEntry,
      hId,
      callId,
      state: typeof state === 'number' ? state : 0,
      callerTag: tagOf(d['caller']),
      calleeTag: tagOf(d['callee']),
    });
  }
  return out;
}

const methodMissing = (e: unknown): boolean =>
  e instanceof JsonRpcError && (e.code === -32601 || /method not found/i.test(e.message));

/**
 * The live dialogs with this Call-ID: `dlg.list_match` (Kamailio ≥ 5.2) so a busy PBX is not
 * dumped whole, `dlg.list` where it is missing.
 */
export async function findDialogs(rpc: JsonRpcClient, callId: string): Promise<KamailioDialog[]> {
  let result: unknown;
  try {
    result = await rpc.call('dlg.list_match', ['callid', 'eq', callId]);
  } catch (e) {
    if (e instanceof JsonRpcError && e.code === 404) return []; // "Not found"
    if (!methodMissing(e)) throw e;
    result = await rpc.call('dlg.list');
  }
  return readDialogs(result).filter((d) => d.callId === callId && d.state !== DELETED);
}

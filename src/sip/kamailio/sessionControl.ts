/**
 * Third-party hang-up of observed sessions through Kamailio's JSON-RPC (jsonrpcs + dialog
 * modules): find the dialog by Call-ID, then `dlg.end_dlg` sends BYE to both parties.
 * Everything else Kamailio cannot do for a third party, so supports() says no and the core
 * rejects those with NOT_SUPPORTED.
 */
import { OzError } from '../../core/errors';
import type { SessionControl, SessionControlOp } from '../../core/ports';
import type { SessionRecord } from '../../core/types';
import { findDialogs, type KamailioDialog } from './dialogs';
import { createJsonRpcClient, type FetchLike } from './jsonRpc';

export interface KamailioSessionControlOptions {
  /** e.g. `http://127.0.0.1:5071/RPC` (jsonrpcs over xhttp). Keep it off the public network. */
  rpcUrl: string;
  fetch?: FetchLike;
  /** Per request. Default 5000 ms. */
  timeoutMs?: number;
}

/** Kamailio dialog state 3 = confirmed without ACK yet, 4 = confirmed. */
const CONFIRMED = 3;

const SUPPORTED: ReadonlySet<SessionControlOp> = new Set(['hangup', 'close', 'closeWithHangup']);

/** With several dialogs for one Call-ID (forking), the one whose tags match the session. */
function pick(dialogs: KamailioDialog[], s: SessionRecord): KamailioDialog | undefined {
  return (
    dialogs.find((d) => s.callerTag !== undefined && d.callerTag === s.callerTag) ?? dialogs[0]
  );
}

export function createKamailioSessionControl(
  options: KamailioSessionControlOptions,
): SessionControl {
  const rpc = createJsonRpcClient({
    url: options.rpcUrl,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
  const failed = (s: SessionRecord, message: string, cause?: unknown): OzError =>
    new OzError('SESSION_CONTROL_FAILED', message, { sessionId: s.sessionId, cause });

  return {
    supports: (op) => SUPPORTED.has(op),
    async perform(op, session) {
      if (!SUPPORTED.has(op))
        throw new OzError('NOT_SUPPORTED', `Kamailio JSON-RPC cannot ${op} a session`, {
          sessionId: session.sessionId,
        });
      const callId = session.sipCallId;
      if (!callId)
        throw failed(session, `Session ${session.sessionId} has no SIP Call-ID to end it by`);
      let dialog: KamailioDialog | undefined;
      try {
        dialog = pick(await findDialogs(rpc, callId), session);
      } catch (e) {
        throw failed(session, `Kamailio JSON-RPC dialog lookup failed: ${errText(e)}`, e);
      }
      if (!dialog)
        throw failed(
          session,
          `Kamailio has no live dialog with Call-ID ${callId} (already ended?)`,
        );
      // dlg.end_dlg answers an early dialog with success and does nothing: the call rings on.
      if (dialog.state < CONFIRMED)
        throw failed(
          session,
          `Kamailio can only end answered calls; ${callId} is still ringing (dialog state ${dialog.state})`,
        );
      try {
        await rpc.call('dlg.end_dlg', [dialog.hEntry, dialog.hId]);
      } catch (e) {
        throw failed(session, `Kamailio dlg.end_dlg failed: ${errText(e)}`, e);
      }
    },
  };
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

import { OzError } from '../core/errors';
import type { SessionControl, SessionControlArgs, SessionControlOp } from '../core/ports';
import type { SessionRecord } from '../core/types';

// Listening in needs media, which the simulator has none of.
const SUPPORTED: ReadonlySet<SessionControlOp> = new Set<SessionControlOp>([
  'hangup',
  'close',
  'closeWithHangup',
  'hold',
  'unhold',
  'forward',
  'blindTransfer',
  'sendDtmf',
]);

/** The simulator controls its own sessions, so Session methods work in the demo. */
export function createSessionControl(
  perform: (op: SessionControlOp, session: SessionRecord, args: SessionControlArgs) => void,
): SessionControl {
  return {
    supports: (op) => SUPPORTED.has(op),
    perform: async (op, session, args) => {
      if (!SUPPORTED.has(op)) {
        throw new OzError('NOT_SUPPORTED', `Session.${op} is not supported by the simulated PBX`, {
          sessionId: session.sessionId,
        });
      }
      perform(op, session, args);
    },
  };
}

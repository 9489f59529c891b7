import { OzError } from '../core/errors';
import type { SessionRecord } from '../core/types';

export interface PickupRequest {
  /** Who receives the INVITE: the caller of the ringing call. */
  target: string;
  /** Header values for the INVITE. */
  extraHeaders: string[];
}

/**
 * Call pickup (RFC 3891): an INVITE to the *caller* of a ringing call, replacing its early
 * dialog with the callee. In Replaces, to-tag is the recipient's own (local) tag and from-tag
 * the remote one, so from the caller's side: to-tag = caller's tag, from-tag = callee's tag.
 * `early-only` makes the caller refuse (486) once the call was answered meanwhile.
 */
export function pickupRequest(session: SessionRecord): PickupRequest {
  const { sipCallId, callerTag, calleeTag } = session;
  if (!sipCallId || !callerTag || !calleeTag) {
    throw new OzError(
      'NOT_SUPPORTED',
      'The PBX did not report the dialog identifiers needed for pickup',
      {
        sessionId: session.sessionId,
      },
    );
  }
  const caller = session.caller || session.source;
  if (!caller) {
    throw new OzError(
      'NOT_SUPPORTED',
      'The PBX did not report who is calling, so the call cannot be picked up',
      {
        sessionId: session.sessionId,
      },
    );
  }
  const replaces = `${sipCallId};to-tag=${callerTag};from-tag=${calleeTag};early-only`;
  return { target: caller, extraHeaders: [`Replaces: ${replaces}`, 'Require: replaces'] };
}

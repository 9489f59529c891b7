import type { CallState } from '../core/enums';

/** The CallState a caller sees for a final non-2xx answer to its INVITE. */
export function finalCallState(statusCode: number): CallState {
  if (statusCode === 486 || statusCode === 600) return 'BUSY';
  if (statusCode === 404 || statusCode === 484 || statusCode === 604) return 'NOT_FOUND';
  // 487 Request Terminated: the INVITE was cancelled, i.e. the call simply ended.
  if (statusCode === 487) return 'COMPLETED';
  return 'REJECTED';
}

/** Answers to an in-dialog request that prove the peer still holds the dialog. */
const PEER_ANSWERED = new Set([405, 415, 420, 488, 501, 606]);

/**
 * After a reconnect, whether a response to an in-dialog request shows the dialog still works:
 * a 2xx, or a refusal that only the peer itself can give. 408/481/503 and the like (also the
 * proxy's own errors when the peer's old connection is gone) mean the dialog is lost.
 */
export function dialogSurvives(statusCode: number): boolean {
  return (statusCode >= 200 && statusCode < 300) || PEER_ANSWERED.has(statusCode);
}

/** Glare (RFC 3261 §14.1: 491) and RFC 5407's 500-with-Retry-After are worth a retry. */
export function isGlare(statusCode: number, retryAfter: boolean): boolean {
  return statusCode === 491 || (statusCode === 500 && retryAfter);
}

/** A short phrase for error messages: "busy (SIP 486)". */
export function describeStatus(statusCode: number, reasonPhrase?: string): string {
  const known: Record<number, string> = {
    400: 'a bad request',
    401: 'an authentication failure',
    403: 'forbidden',
    404: 'not found',
    405: 'not allowed',
    408: 'no answer in time',
    415: 'an unsupported message type',
    420: 'an unsupported extension',
    480: 'temporarily unavailable',
    481: 'no such call',
    484: 'an incomplete address',
    486: 'busy',
    487: 'cancelled',
    488: 'not acceptable',
    491: 'a request already pending',
    500: 'a server error',
    501: 'not implemented',
    503: 'the service being unavailable',
    600: 'busy everywhere',
    603: 'declined',
    604: 'does not exist anywhere',
  };
  const what = known[statusCode] ?? (reasonPhrase ? reasonPhrase.toLowerCase() : 'an error');
  return `${what} (SIP ${statusCode})`;
}

/** Status code and phrase of a SIP.js response message (both typed optional there). */
export function statusOf(r: { message: { statusCode?: number; reasonPhrase?: string } }): {
  code: number;
  phrase: string;
} {
  return { code: r.message.statusCode ?? 0, phrase: r.message.reasonPhrase ?? '' };
}

/** Stable error codes: apps switch on these, so renaming one is a breaking change. */
export type OzErrorCode =
  | 'NOT_SUPPORTED'
  | 'NOT_CONNECTED'
  | 'INVALID_ARGUMENT'
  | 'INVALID_NUMBER'
  | 'INVALID_STATE'
  | 'INVALID_DIRECTORY'
  | 'DIRECTORY_FETCH_FAILED'
  | 'ACCESS_DENIED'
  | 'CONNECTION_FAILED'
  | 'CONNECTION_LOST'
  | 'CALL_FAILED'
  | 'HOLD_FAILED'
  | 'TRANSFER_FAILED'
  | 'MESSAGE_FAILED'
  | 'DTMF_FAILED'
  | 'MEDIA_FAILED'
  | 'SUBSCRIPTION_FAILED'
  | 'PARSE_ERROR'
  | 'HISTORY_FAILED'
  | 'SESSION_CONTROL_FAILED'
  | 'INTERNAL';

export interface OzErrorDetails {
  /** Where in an input document the problem is, e.g. `users[3].devices`. */
  path?: string;
  /** SIP status code behind the failure, when there is one. */
  statusCode?: number;
  callId?: string;
  sessionId?: string;
  extensionId?: string;
  cause?: unknown;
}

export class OzError extends Error {
  override readonly name = 'OzError';
  readonly code: OzErrorCode;
  readonly path?: string;
  readonly statusCode?: number;
  readonly callId?: string;
  readonly sessionId?: string;
  readonly extensionId?: string;
  /** When the error happened (ms since epoch, from the client's clock). */
  time = 0;

  constructor(code: OzErrorCode, message: string, details: OzErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.path !== undefined) this.path = details.path;
    if (details.statusCode !== undefined) this.statusCode = details.statusCode;
    if (details.callId !== undefined) this.callId = details.callId;
    if (details.sessionId !== undefined) this.sessionId = details.sessionId;
    if (details.extensionId !== undefined) this.extensionId = details.extensionId;
  }

  /** Wraps anything thrown by a lower layer, keeping an OzError as it is. */
  static from(
    err: unknown,
    code: OzErrorCode,
    message: string,
    details: OzErrorDetails = {},
  ): OzError {
    if (err instanceof OzError) return err;
    return new OzError(code, message, { ...details, cause: err });
  }
}

export const isOzError = (e: unknown): e is OzError => e instanceof OzError;

/**
 * The only error type the body parsers throw. Callers can catch it and treat
 * the body as unusable without masking programming errors (TypeError etc.).
 */
export class BodyParseError extends Error {
  override readonly name = 'BodyParseError';

  constructor(
    /** Where in the body the problem was found, e.g. `/dialog-info/dialog[2]/state`. */
    readonly path: string,
    /** Human-readable reason, e.g. `unknown dialog state "ringing"`. */
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** Upper bound on body length (UTF-16 code units) accepted by any parser; resists hostile input. */
export const MAX_BODY_LENGTH = 1024 * 1024;

/** Throws when a body exceeds {@link MAX_BODY_LENGTH}. */
export function assertBodySize(body: string, path: string, max = MAX_BODY_LENGTH): void {
  if (body.length > max) throw new BodyParseError(path, `body too large (${body.length} > ${max})`);
}

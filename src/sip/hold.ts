import type { Core, Session, SessionDescriptionHandlerOptions } from 'sip.js';
import { isGlare, statusOf } from './status';
import type { Timers } from './timers';

/** SIP.js's Web handler reads `hold`; the core options type does not declare it. */
export type ReinviteOptions = SessionDescriptionHandlerOptions & { hold?: boolean };

export class ReinviteError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reasonPhrase: string,
    readonly retryAfter = false,
  ) {
    super(`re-INVITE refused: ${statusCode} ${reasonPhrase}`);
  }
}

export interface ReinviteQueueOptions {
  timers: Timers;
  /** Extra attempts after a glare (491, or 500 with Retry-After). */
  retries?: number;
  random?: () => number;
}

/**
 * One re-INVITE at a time per call. SIP.js refuses a second while one is pending, and a peer
 * that is still waiting for the ACK of the previous one answers 500 (RFC 5407), so they queue;
 * a glared one is retried after 100–300 ms (doubling), a few times, before it counts as refused.
 * Retry-After is not waited for in full: SIP.js peers send a random 1–10 s for a race that is
 * over within milliseconds.
 */
export class ReinviteQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #lastDoneAt = 0;
  #closed = false;
  readonly #waits = new Set<() => void>();
  readonly #o: ReinviteQueueOptions;

  constructor(o: ReinviteQueueOptions) {
    this.#o = o;
  }

  /**
   * `ready` resolves once the dialog may carry a re-INVITE: as callee, after the ACK of our
   * 200 arrived (SIP.js reports Established before it, and a re-INVITE sent in between breaks
   * its offer/answer state).
   */
  run(
    session: () => Session | null,
    options: ReinviteOptions,
    ready: Promise<void> = Promise.resolve(),
  ): Promise<Core.IncomingResponse> {
    const job = this.#tail.then(() => ready).then(() => this.#attempt(session, options, 0));
    this.#tail = job.catch(() => undefined);
    return job;
  }

  /** The dialog just changed (answered): the next re-INVITE keeps a short distance to it. */
  touch(): void {
    this.#lastDoneAt = Date.now();
  }

  /** Drops pending retries; queued jobs fail fast. */
  close(): void {
    this.#closed = true;
    for (const stop of [...this.#waits]) stop();
  }

  /** A pause that close() cuts short, so an ended call keeps no timer. */
  #wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const stop = () => {
        cancel();
        this.#waits.delete(stop);
        resolve();
      };
      const cancel = this.#o.timers.set(stop, ms);
      this.#waits.add(stop);
    });
  }

  async #attempt(
    session: () => Session | null,
    options: ReinviteOptions,
    n: number,
  ): Promise<Core.IncomingResponse> {
    // A re-INVITE right after the previous one was accepted races its ACK at the peer.
    const since = Date.now() - this.#lastDoneAt;
    if (n === 0 && since < 100) await this.#wait(100 - since);
    let s = this.#closed ? null : session();
    // RFC 3261 §14.1: no re-INVITE while one of either side is still in progress.
    for (let i = 0; s && inProgress(s) && i < 40; i++) {
      await this.#wait(50);
      s = this.#closed ? null : session();
    }
    if (!s) throw new ReinviteError(481, 'Call Does Not Exist');
    try {
      const response = await sendReinvite(s, options);
      this.#lastDoneAt = Date.now();
      return response;
    } catch (err) {
      this.#lastDoneAt = Date.now();
      const retries = this.#o.retries ?? 3;
      const glare =
        err instanceof ReinviteError
          ? isGlare(err.statusCode, err.retryAfter)
          : err instanceof Error &&
            (err.name === 'RequestPendingError' || /ongoing re-INVITE/.test(err.message));
      if (!glare || n >= retries || this.#closed) throw err;
      const random = this.#o.random ?? Math.random;
      await this.#wait((100 + random() * 200) * 2 ** n);
      return this.#attempt(session, options, n + 1);
    }
  }
}

/** One re-INVITE; resolves with the 2xx, rejects with ReinviteError or SIP.js's own error. */
export function sendReinvite(
  session: Session,
  options: ReinviteOptions,
): Promise<Core.IncomingResponse> {
  return new Promise((resolve, reject) => {
    session
      .invite({
        sessionDescriptionHandlerOptions: options,
        requestDelegate: {
          onAccept: (r) => resolve(r),
          onReject: (r) => {
            const { code, phrase } = statusOf(r);
            reject(new ReinviteError(code, phrase, r.message.hasHeader('retry-after')));
          },
        },
      })
      .catch((err: unknown) => reject(err));
  });
}

function inProgress(session: Session): boolean {
  // The API types the dialog as the core Session interface; the object is a SessionDialog.
  const d = session.dialog as
    { reinviteUserAgentClient?: unknown; reinviteUserAgentServer?: unknown } | undefined;
  return !!(d?.reinviteUserAgentClient || d?.reinviteUserAgentServer);
}

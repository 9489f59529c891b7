/**
 * Collects lamp, session and presence changes and hands them to the core once per turn of the
 * event loop. A 0-ms timer rather than a microtask: browsers deliver every WebSocket message as
 * its own task, so a microtask would flush after each NOTIFY of a storm.
 */
import type { ExtensionState, PbxSessionState } from '../../core/enums';
import type { BackendEvents, SessionUpsert } from '../../core/ports';
import type { ClientInfo } from '../../core/types';
import type { SessionChanges } from './callBook';

export type Scheduler = (flush: () => void) => () => void;

/**
 * A core that offers `batch(fn)` (proposed: run fn's events as one store update) gets a whole
 * flush as one update; today's core makes it one for sessions and one for lamps.
 */
export const nextTurn: Scheduler = (flush) => {
  const t = setTimeout(flush, 0);
  return () => clearTimeout(t);
};

export class ChangeBatch {
  #lamps = new Map<string, ExtensionState>();
  #upserts = new Map<string, SessionUpsert>();
  #closes = new Map<string, PbxSessionState>();
  #clients = new Map<string, ClientInfo>();
  #cancel: (() => void) | null = null;

  readonly #events: BackendEvents;
  readonly #schedule: Scheduler;

  constructor(events: BackendEvents, schedule: Scheduler = nextTurn) {
    this.#events = events;
    this.#schedule = schedule;
  }

  lamp(ext: string, state: ExtensionState): void {
    this.#lamps.set(ext, state);
    this.#arm();
  }

  sessions(c: SessionChanges): void {
    if (c.upsert.length === 0 && c.close.length === 0) return;
    // Records are complete, so a later upsert of the same session replaces an earlier one.
    for (const u of c.upsert) this.#upserts.set(u.sessionId, u);
    for (const cl of c.close) this.#closes.set(cl.sessionId, cl.pbxState);
    this.#arm();
  }

  client(info: ClientInfo): void {
    this.#clients.set(info.phoneNumber, info);
    this.#arm();
  }

  get pending(): boolean {
    return this.#cancel !== null;
  }

  /** Hands everything collected so far to the core: one sessions() and one extensionStates(). */
  flush(): void {
    this.#cancel?.();
    this.#cancel = null;
    const lamps = this.#lamps;
    const upserts = this.#upserts;
    const closes = this.#closes;
    const clients = this.#clients;
    this.#lamps = new Map();
    this.#upserts = new Map();
    this.#closes = new Map();
    this.#clients = new Map();
    if (upserts.size + closes.size + lamps.size + clients.size === 0) return;
    const apply = (): void => {
      if (upserts.size > 0 || closes.size > 0) {
        this.#events.sessions({
          upsert: [...upserts.values()],
          close: [...closes].map(([sessionId, pbxState]) => ({ sessionId, pbxState })),
        });
      }
      if (lamps.size > 0) this.#events.extensionStates(Object.fromEntries(lamps));
      for (const c of clients.values()) this.#events.client(c);
    };
    if (this.#events.batch) this.#events.batch(apply);
    else apply();
  }

  /** Drops what was not flushed yet (detach: the core closes everything itself). */
  clear(): void {
    this.#cancel?.();
    this.#cancel = null;
    this.#lamps.clear();
    this.#upserts.clear();
    this.#closes.clear();
    this.#clients.clear();
  }

  #arm(): void {
    this.#cancel ??= this.#schedule(() => {
      this.#cancel = null;
      this.flush();
    });
  }
}

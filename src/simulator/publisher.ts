import type { ExtensionState, PbxSessionState } from '../core/enums';
import type { BackendEvents, SessionUpsert } from '../core/ports';

/**
 * Publishes the switchboard to the client as differences against what the client last saw. The
 * simulator changes its model freely and calls `publish` after each step; while the connection
 * is down nothing is published, and the first publish after it is back brings the client up to
 * date (sessions that ended meanwhile are closed with the state they ended in).
 */
export class Publisher {
  readonly #announced = new Map<string, string>();
  readonly #endedAs = new Map<string, PbxSessionState>();
  #lamps: Record<string, ExtensionState> = {};

  /** Remembers how a session ended, for the close sent at the next publish. */
  ended(sessionId: string, pbxState: PbxSessionState): void {
    this.#endedAs.set(sessionId, pbxState);
  }

  publish(
    events: BackendEvents,
    sessions: readonly SessionUpsert[],
    lamps: Readonly<Record<string, ExtensionState>>,
  ): void {
    this.publishLamps(events, lamps);
    this.publishSessions(events, sessions);
  }

  publishLamps(events: BackendEvents, lamps: Readonly<Record<string, ExtensionState>>): void {
    const changed: Record<string, ExtensionState> = {};
    let any = false;
    for (const [id, lamp] of Object.entries(lamps)) {
      if (this.#lamps[id] === lamp) continue;
      changed[id] = lamp;
      any = true;
    }
    if (!any) return;
    this.#lamps = { ...this.#lamps, ...changed };
    events.extensionStates(changed);
  }

  publishSessions(events: BackendEvents, sessions: readonly SessionUpsert[]): void {
    const upsert: SessionUpsert[] = [];
    const close: { sessionId: string; pbxState: PbxSessionState }[] = [];
    const live = new Set<string>();
    for (const s of sessions) {
      live.add(s.sessionId);
      const signature = JSON.stringify(s);
      if (this.#announced.get(s.sessionId) === signature) continue;
      this.#announced.set(s.sessionId, signature);
      upsert.push(s);
    }
    for (const id of [...this.#announced.keys()]) {
      if (live.has(id)) continue;
      this.#announced.delete(id);
      close.push({ sessionId: id, pbxState: this.#endedAs.get(id) ?? 'ABORTED' });
    }
    // Sessions that began and ended unseen need no close.
    this.#endedAs.clear();
    if (upsert.length === 0 && close.length === 0) return;
    events.sessions({
      ...(upsert.length > 0 && { upsert }),
      ...(close.length > 0 && { close }),
    });
  }

  reset(): void {
    this.#announced.clear();
    this.#endedAs.clear();
    this.#lamps = {};
  }
}

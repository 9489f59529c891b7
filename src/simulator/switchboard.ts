import type { ExtensionState, PbxSessionState } from '../core/enums';
import { OzError } from '../core/errors';
import type {
  BackendEvents,
  SessionControlArgs,
  SessionControlOp,
  SessionUpsert,
} from '../core/ports';
import type { SessionRecord } from '../core/types';
import { lampOf, pbxStateOf, strongerLamp, type SessionOrigin, type SimSession } from './model';
import { TIMING, type ResolvedOptions } from './options';
import { Publisher } from './publisher';
import type { Random } from './random';
import { route, type DirectoryIndex, type Route } from './routing';
import type { Timers } from './timers';

/** How the own-call side reacts when session control acts on the session of an own call. */
export interface SwitchboardHooks {
  endOwnCall(callId: string, pbxState: PbxSessionState): void;
  holdOwnCall(callId: string, on: boolean): void;
}

/** How a call between two other parties goes: ring time, answered or not, talk time. */
export interface CallPlan {
  ringMs: number;
  answer: boolean;
  /** null: stays up until someone ends it. */
  talkMs: number | null;
  /** The callee is put on hold for a while during the call. */
  hold?: { atMs: number; forMs: number };
}

/**
 * The PBX's view of every call: sessions, the lamps they light, how calls between other parties
 * progress, and third-party control of them. Own calls live in the simulated backend, which
 * mirrors each into a session here.
 */
export class Switchboard {
  readonly sessions = new Map<string, SimSession>();
  /** The logged-in extension. */
  me: string | null = null;
  readonly #publisher = new Publisher();
  readonly #dtmf = new Map<string, string[]>();
  #watched: ReadonlySet<string> | null = null;
  #seq = 0;
  readonly #opts: ResolvedOptions;
  readonly #timers: Timers;
  readonly #rng: Random;
  readonly #hooks: SwitchboardHooks;

  constructor(
    readonly dir: DirectoryIndex,
    opts: ResolvedOptions,
    timers: Timers,
    rng: Random,
    hooks: SwitchboardHooks,
  ) {
    this.#opts = opts;
    this.#timers = timers;
    this.#rng = rng;
    this.#hooks = hooks;
  }

  // ---- model ------------------------------------------------------------------------------

  route(number: string, from: string | null = this.me): Route {
    return route(this.dir, this.#opts, number, {
      from,
      me: this.me,
      engaged: (id) => this.isEngaged(id),
    });
  }

  isEngaged(id: string): boolean {
    for (const s of this.sessions.values()) if (s.caller === id || s.callee === id) return true;
    return false;
  }

  add(
    caller: string,
    callee: string,
    dialed: string,
    origin: SessionOrigin,
    ownCallId: string | null = null,
  ): SimSession {
    const s: SimSession = {
      id: `sim-session-${++this.#seq}`,
      caller,
      callee,
      dialed,
      origin,
      ownCallId,
      up: false,
      callerHeld: false,
      calleeHeld: false,
    };
    this.sessions.set(s.id, s);
    return s;
  }

  end(s: SimSession, pbxState: PbxSessionState): void {
    if (!this.sessions.delete(s.id)) return;
    this.#timers.cancel(s.id);
    this.#publisher.ended(s.id, pbxState);
  }

  /** A call between two other parties, with its whole life: ringing, talk, hang-up. */
  place(caller: string, dialed: string, origin: SessionOrigin, plan: CallPlan): SimSession {
    const r = this.route(dialed, caller);
    const s = this.add(caller, r.kind === 'answer' ? r.party.id : dialed, dialed, origin);
    if (r.kind !== 'answer') {
      const final = r.kind === 'busy' ? 'BUSY' : 'NOTFOUND';
      this.#timers.after(TIMING.ring, () => this.end(s, final), s.id);
    } else if (r.mode === 'immediate') {
      this.#talk(s, plan);
    } else {
      const answers = r.mode === 'ring' && plan.answer;
      const next = () => (answers ? this.#talk(s, plan) : this.end(s, 'NOTANSWERED'));
      this.#timers.after(plan.ringMs, next, s.id);
    }
    return s;
  }

  /** A call that is up from the start (the result of an attended transfer). */
  bridge(caller: string, callee: string, plan: CallPlan): SimSession {
    const s = this.add(caller, callee, callee, 'transfer');
    this.#talk(s, plan);
    return s;
  }

  #talk(s: SimSession, plan: CallPlan): void {
    s.up = true;
    if (plan.hold) {
      const { atMs, forMs } = plan.hold;
      this.#timers.after(atMs, () => (s.calleeHeld = true), s.id);
      this.#timers.after(atMs + forMs, () => (s.calleeHeld = false), s.id);
    }
    if (plan.talkMs === null) return;
    const final = this.#rng.chance(0.5) ? 'CALLERHUNGUP' : 'CALLEEHUNGUP';
    this.#timers.after(plan.talkMs, () => this.end(s, final), s.id);
  }

  /** After a transfer or forward the new call is answered and talks for a while. */
  transferPlan(): CallPlan {
    return {
      ringMs: this.#opts.answerDelayMs,
      answer: true,
      talkMs: this.#rng.between(20_000, 60_000),
    };
  }

  count(origin: SessionOrigin): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.origin === origin) n++;
    return n;
  }

  /** People free for a background call: registered, not in a call, not always busy, not me. */
  idlePeople(avoid: ReadonlySet<string>): string[] {
    return this.dir
      .people()
      .filter(
        (id) =>
          id !== this.me &&
          !avoid.has(id) &&
          !this.#opts.offline.has(id) &&
          !this.#opts.busy.has(id) &&
          !this.isEngaged(id),
      );
  }

  recordDtmf(id: string, key: string): void {
    const log = this.#dtmf.get(id);
    if (log) log.push(key);
    else this.#dtmf.set(id, [key]);
  }

  dtmfLog(id: string): string[] {
    return [...(this.#dtmf.get(id) ?? [])];
  }

  /** BLF follows only these extensions (null: all); the others show unknown. */
  watch(ids: readonly string[] | null): void {
    this.#watched = ids ? new Set(ids) : null;
  }

  // ---- what the client sees ---------------------------------------------------------------

  lamps(): Record<string, ExtensionState> {
    const out: Record<string, ExtensionState> = {};
    for (const id of this.dir.extensionIds()) out[id] = this.#baseLamp(id);
    for (const s of this.sessions.values()) {
      const lamp = lampOf(s);
      for (const party of [s.caller, s.callee]) {
        const current = out[party];
        if (current !== undefined) out[party] = strongerLamp(current, lamp);
      }
    }
    if (this.#watched)
      for (const id of Object.keys(out)) if (!this.#watched.has(id)) out[id] = 'unknown';
    return out;
  }

  #baseLamp(id: string): ExtensionState {
    if (id === this.me) return 'idle';
    if (this.#opts.offline.has(id)) return 'offline';
    return this.#opts.busy.has(id) ? 'busy' : 'idle';
  }

  upserts(): SessionUpsert[] {
    const out: SessionUpsert[] = [];
    for (const s of this.sessions.values()) {
      const myLeg = s.ownCallId;
      out.push({
        sessionId: s.id,
        pbxState: pbxStateOf(s),
        caller: s.caller,
        callee: s.callee,
        callerDisplayName: this.dir.nameOf(s.caller),
        calleeDisplayName: this.dir.nameOf(s.callee),
        callerCallLegId: myLeg && s.caller === this.me ? myLeg : `${s.id}-a`,
        calleeCallLegId: myLeg && s.callee === this.me ? myLeg : `${s.id}-b`,
        source: s.caller,
        sourceType: this.dir.typeOf(s.caller),
        destination: s.callee,
        destinationType: this.dir.typeOf(s.callee),
        dialedNumber: s.dialed,
      });
    }
    return out;
  }

  publishLamps(events: BackendEvents): void {
    this.#publisher.publishLamps(events, this.lamps());
  }

  publishSessions(events: BackendEvents): void {
    this.#publisher.publishSessions(events, this.upserts());
  }

  /** Forgets everything: the next connection starts from an empty PBX. */
  reset(): void {
    this.sessions.clear();
    this.#publisher.reset();
    this.me = null;
  }

  // ---- third-party control (the SessionControl port) ----------------------------------------

  perform(op: SessionControlOp, record: SessionRecord, args: SessionControlArgs): void {
    const s = this.sessions.get(record.sessionId);
    if (!s)
      throw new OzError('INVALID_STATE', 'The session has ended', { sessionId: record.sessionId });
    switch (op) {
      case 'hangup':
      case 'closeWithHangup':
        return this.#hangup(s, s.up ? 'CALLERHUNGUP' : 'CANCELLED');
      case 'close':
        return this.#hangup(s, 'ABORTED');
      case 'hold':
      case 'unhold': {
        requireUp(s, op);
        const on = op === 'hold';
        if (s.ownCallId) return this.#hooks.holdOwnCall(s.ownCallId, on);
        s.callerHeld = on;
        s.calleeHeld = on;
        return;
      }
      case 'forward': {
        requireOthers(s);
        if (s.up) {
          throw new OzError('INVALID_STATE', 'Only a ringing session can be forwarded', {
            sessionId: s.id,
          });
        }
        const target = this.#requireTarget(s, args.target, s.caller);
        this.end(s, 'REDIRECTED');
        this.place(s.caller, target, 'transfer', this.transferPlan());
        return;
      }
      case 'blindTransfer': {
        requireOthers(s);
        requireUp(s, op);
        const moved = args.party === s.caller ? s.callee : s.caller;
        const target = this.#requireTarget(s, args.target, moved);
        this.end(s, 'TRANSFERCOMPLETED');
        this.place(moved, target, 'transfer', this.transferPlan());
        return;
      }
      case 'sendDtmf':
        if (args.key) this.recordDtmf(s.id, args.key);
        return;
      default:
        throw new OzError('NOT_SUPPORTED', `Session.${op} is not supported by the simulated PBX`, {
          sessionId: s.id,
        });
    }
  }

  #hangup(s: SimSession, pbxState: PbxSessionState): void {
    if (s.ownCallId) this.#hooks.endOwnCall(s.ownCallId, pbxState);
    else this.end(s, pbxState);
  }

  #requireTarget(s: SimSession, target: string | undefined, moved: string): string {
    const r = target ? this.route(target, moved) : null;
    if (!target || !r || r.kind === 'notFound' || target === moved) {
      throw new OzError('SESSION_CONTROL_FAILED', `${target ?? 'The target'} cannot be reached`, {
        sessionId: s.id,
        ...(r?.kind === 'notFound' && { statusCode: r.statusCode }),
      });
    }
    return target;
  }
}

// The own leg has its own Call.transfer / Call.forward, which keep the Call in step.
function requireOthers(s: SimSession): void {
  if (s.ownCallId) {
    throw new OzError('NOT_SUPPORTED', 'Use the Call to transfer or forward an own call', {
      sessionId: s.id,
    });
  }
}

function requireUp(s: SimSession, op: string): void {
  if (!s.up)
    throw new OzError('INVALID_STATE', `Session.${op} needs an answered call`, { sessionId: s.id });
}

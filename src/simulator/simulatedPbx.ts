import type { CallType } from '../core/enums';
import { OzError } from '../core/errors';
import type {
  BackendCapabilities,
  BackendEvents,
  CameraSource,
  ConnectParams,
  PbxBackend,
  SessionControl,
} from '../core/ports';
import type { SessionRecord } from '../core/types';
import {
  DEFAULT_PASSWORD,
  TIMING,
  resolveOptions,
  type ResolvedOptions,
  type SimulatedPbxOptions,
} from './options';
import { OwnCalls } from './ownCalls';
import { createRandom, type Random } from './random';
import { DirectoryIndex } from './routing';
import { createSessionControl } from './sessionControl';
import { Switchboard } from './switchboard';
import { Timers } from './timers';
import { startTraffic } from './traffic';

/** A PbxBackend in memory, plus the controls a demo or a test uses to play the other side. */
export interface SimulatedPbx extends PbxBackend {
  readonly kind: 'simulator';
  readonly sessionControl: SessionControl;
  /** The logged-in extension, null while not connected. */
  readonly extension: string | null;
  /** The backend port: places own call `callId` (the core calls this with three arguments). */
  startCall(callId: string, target: string, options: { type: CallType }): Promise<void>;
  /** Control: a call between two other parties, RINGING then INCALL; returns the session id. */
  startCall(from: string, to: string): string;
  /** Control: the same as startCall(from, to), without the overload. */
  startBackgroundCall(from: string, to: string): string;
  /** Control: an incoming call to the logged-in extension (`to`: the dialed number); its call id. */
  ringIncoming(from: string, to?: string, options?: { type?: CallType }): string;
  /** Control: ends a session (or the own call behind a session or call id) from the far side. */
  endCall(id: string): void;
  /** Control: the far end of an own call hangs up (or declines, or gives up, before answer). */
  hangUpRemote(callId: string): void;
  /** Control: the far end of an own call puts it on hold or resumes it. */
  holdRemote(callId: string, on: boolean): void;
  /** Control: a network drop; the connection is back (ACCESS_GRANTED) after 2 s. */
  dropConnection(): void;
  /** The DTMF keys sent on an own call (or with Session.sendDtmf on a session). */
  dtmfLog(callId: string): string[];
}

const CONNECTION = 'connection';
const SERVER = 'simulator';

export class SimulatedPbxImpl implements SimulatedPbx {
  readonly kind = 'simulator' as const;
  readonly capabilities: BackendCapabilities = Object.freeze({
    video: true,
    attendedTransfer: true,
    pickup: true,
  });
  readonly sessionControl: SessionControl;
  readonly #opts: ResolvedOptions;
  readonly #rng: Random;
  readonly #timers: Timers;
  readonly #board: Switchboard;
  readonly #own: OwnCalls;
  #sink: BackendEvents | null = null;
  /** Registered and not dropped: only then does the client hear about sessions and lamps. */
  #online = false;
  #abortConnect: ((err: OzError) => void) | null = null;

  constructor(options?: SimulatedPbxOptions) {
    this.#opts = resolveOptions(options);
    this.#rng = createRandom(this.#opts.seed);
    this.#timers = new Timers(
      this.#opts.clock,
      (err) => this.#sink?.error(OzError.from(err, 'INTERNAL', 'The simulated PBX failed')),
      () => this.#publish(),
    );
    this.#board = new Switchboard(
      new DirectoryIndex(this.#opts.directory),
      this.#opts,
      this.#timers,
      this.#rng,
      {
        endOwnCall: (id, pbxState) => this.#own.endRemotely(id, pbxState),
        holdOwnCall: (id, on) => this.#own.setRemoteHold(id, on),
      },
    );
    const host = {
      events: () => this.#sink,
      requireOnline: () => this.#requireOnline(),
      publish: () => this.#publish(),
    };
    this.#own = new OwnCalls(host, this.#board, this.#timers, this.#opts);
    this.sessionControl = createSessionControl((op, record, args) => {
      this.#board.perform(op, record, args);
      this.#publish();
    });
  }

  get extension(): string | null {
    return this.#sink ? this.#board.me : null;
  }

  // ---- connection -------------------------------------------------------------------------

  connect(params: ConnectParams, events: BackendEvents): Promise<void> {
    if (this.#sink || this.#abortConnect) this.#reset();
    return new Promise<void>((resolve, reject) => {
      this.#abortConnect = reject;
      const login = () => {
        this.#abortConnect = null;
        const denied = this.#checkLogin(params);
        if (denied) return reject(denied);
        try {
          this.#login(params.user, events);
          resolve();
        } catch (err) {
          reject(OzError.from(err, 'CONNECTION_FAILED', 'The simulated login failed'));
        }
      };
      this.#timers.after(TIMING.connect, login, CONNECTION);
    });
  }

  // A rejected connect is what the core turns into ACCESS_DENIED plus onErrorOccured.
  #checkLogin({ user, password }: ConnectParams): OzError | null {
    if (!this.#board.dir.isExtension(user)) {
      return new OzError('ACCESS_DENIED', `Extension ${user} does not exist on this PBX`, {
        extensionId: user,
        statusCode: 404,
      });
    }
    if (password !== (this.#opts.credentials[user] ?? DEFAULT_PASSWORD)) {
      return new OzError('ACCESS_DENIED', `Wrong password for extension ${user}`, {
        extensionId: user,
        statusCode: 403,
      });
    }
    return null;
  }

  // The directory comes first, so that an ACCESS_GRANTED handler can already look users up;
  // sessions come after it, so that a handler subscribing to onSessionCreated sees them all.
  #login(user: string, events: BackendEvents): void {
    this.#sink = events;
    this.#board.me = user;
    this.#online = true;
    events.directory(this.#opts.directory);
    this.#board.publishLamps(events);
    events.connection({ phase: 'registered', state: 'ACCESS_GRANTED', server: SERVER });
    this.#board.publishSessions(events);
    if (this.#opts.background) {
      startTraffic(this.#board, this.#timers, this.#rng, {
        max: this.#opts.maxBackgroundCalls,
        avoid: new Set(this.#board.dir.devicesOf('admin')),
      });
    }
  }

  async disconnect(): Promise<void> {
    this.#abortConnect?.(
      new OzError('CONNECTION_FAILED', 'Disconnected before the login finished'),
    );
    this.#own.notifyAll({ state: 'COMPLETED', reason: 'local' });
    this.#reset();
  }

  #reset(): void {
    this.#timers.clear();
    this.#own.clear();
    this.#board.reset();
    this.#sink = null;
    this.#online = false;
    this.#abortConnect = null;
  }

  dropConnection(): void {
    const events = this.#requireOnline();
    this.#online = false;
    events.connection({
      phase: 'reconnecting',
      state: 'CONNECTION_CLOSED',
      attempt: 1,
      nextAttemptAt: this.#opts.clock.now() + TIMING.reconnect,
      error: new OzError('CONNECTION_LOST', 'The connection to the simulated PBX dropped'),
    });
    this.#own.notifyAll({ controllable: false });
    this.#timers.after(TIMING.reconnect, () => this.#reconnected(), CONNECTION);
  }

  /** Re-registers at once when the connection is down (the browser came back online). */
  refresh(): void {
    if (!this.#sink || this.#online) return;
    this.#timers.cancel(CONNECTION);
    this.#reconnected();
    this.#publish();
  }

  #reconnected(): void {
    const events = this.#sink;
    if (!events || this.#online) return;
    this.#online = true;
    events.connection({ phase: 'registered', state: 'ACCESS_GRANTED', server: SERVER });
    this.#own.notifyAll({ controllable: true });
  }

  watch(extensionIds: readonly string[]): void {
    this.#board.watch(extensionIds);
    this.#publish();
  }

  /** Brings the client up to date with the switchboard (a no-op while offline). */
  #publish(): void {
    if (!this.#sink || !this.#online) return;
    this.#board.publishLamps(this.#sink);
    this.#board.publishSessions(this.#sink);
  }

  #requireOnline(): BackendEvents {
    if (!this.#sink) throw new OzError('NOT_CONNECTED', 'The simulated PBX is not connected');
    if (!this.#online) {
      throw new OzError('CONNECTION_LOST', 'The connection to the simulated PBX is down');
    }
    return this.#sink;
  }

  // ---- own calls (the port) ---------------------------------------------------------------

  startCall(callId: string, target: string, options: { type: CallType }): Promise<void>;
  startCall(from: string, to: string): string;
  startCall(a: string, b: string, options?: { type: CallType }): Promise<void> | string {
    return options === undefined
      ? this.startBackgroundCall(a, b)
      : this.#own.dial(a, b, options.type);
  }
  accept(callId: string): Promise<void> {
    return this.#own.accept(callId);
  }
  reject(callId: string): Promise<void> {
    return this.#own.reject(callId);
  }
  hangUp(callId: string): Promise<void> {
    return this.#own.hangUp(callId);
  }
  hold(callId: string): Promise<void> {
    return this.#own.hold(callId);
  }
  unHold(callId: string): Promise<void> {
    return this.#own.unHold(callId);
  }
  transfer(callId: string, target: string): Promise<void> {
    return this.#own.transfer(callId, target);
  }
  attendedTransfer(callId: string, otherCallId: string): Promise<void> {
    return this.#own.attendedTransfer(callId, otherCallId);
  }
  forward(callId: string, target: string): Promise<void> {
    return this.#own.forward(callId, target);
  }
  sendDtmf(callId: string, key: string): Promise<void> {
    return this.#own.sendDtmf(callId, key);
  }
  setMuted(callId: string): Promise<void> {
    return this.#own.setMuted(callId);
  }
  sendMessage(target: { callId: string | null; to: string }, text: string): Promise<void> {
    return this.#own.sendMessage(target, text);
  }
  pickup(callId: string, session: SessionRecord): Promise<void> {
    return this.#own.pickup(callId, session);
  }
  attachCamera(callId: string, camera: CameraSource): Promise<void> {
    return this.#own.attachCamera(callId, camera);
  }
  setRemoteDisplay(callId: string, target: string | HTMLMediaElement | null): void {
    this.#own.setRemoteDisplay(callId, target);
  }

  // ---- controls ---------------------------------------------------------------------------

  startBackgroundCall(from: string, to: string): string {
    const me = this.#board.me;
    if (!this.#board.dir.party(from) || !to || from === to || from === me || to === me) {
      throw new OzError(
        'INVALID_ARGUMENT',
        `startCall(from, to): ${from} → ${to} is not a call between two other parties`,
      );
    }
    const plan = { ringMs: this.#opts.answerDelayMs, answer: true, talkMs: null };
    const s = this.#board.place(from, to, 'control', plan);
    this.#publish();
    return s.id;
  }

  ringIncoming(from: string, to?: string, options?: { type?: CallType }): string {
    return this.#own.ringIncoming(from, to, options);
  }

  endCall(id: string): void {
    const s = this.#board.sessions.get(id);
    const ownCallId = s ? s.ownCallId : this.#own.has(id) ? id : null;
    if (ownCallId) return this.#own.hangUpRemote(ownCallId);
    if (!s)
      throw new OzError('INVALID_STATE', `endCall: there is no call ${id}`, { sessionId: id });
    this.#board.end(s, s.up ? 'CALLERHUNGUP' : 'CANCELLED');
    this.#publish();
  }

  hangUpRemote(callId: string): void {
    this.#own.hangUpRemote(callId);
  }

  holdRemote(callId: string, on: boolean): void {
    this.#own.holdRemote(callId, on);
  }

  dtmfLog(callId: string): string[] {
    return this.#board.dtmfLog(callId);
  }
}

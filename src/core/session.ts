import type { SessionState } from './enums';
import { Emitter } from './emitter';
import { OzError } from './errors';
import type { SessionControlArgs, SessionControlOp } from './ports';
import type { SessionRecord } from './types';
import type { Call } from './call';

export interface SessionHost {
  sessionRecord(id: string): SessionRecord | undefined;
  now(): number;
  sessionAction(session: Session, op: SessionControlOp, args: SessionControlArgs): Promise<void>;
  /** Starts the pickup; `done` settles when the PBX took it (or rejects with OzError). */
  pickup(session: Session): { call: Call; done: Promise<void> };
  reportError(err: unknown, fallback: OzError): void;
}

const seconds = (ms: number): number => Math.max(0, Math.floor(ms / 1000));

/**
 * Ozeki's Session: a PBX-wide call observed by this client. Properties read the newest record;
 * control methods act as a third party through the client's SessionControl and report
 * NOT_SUPPORTED where no control is configured.
 */
export class Session {
  /** @internal */ readonly stateChanged: Emitter<[Session, SessionState]>;
  #last: SessionRecord;
  readonly #host: SessionHost;

  constructor(host: SessionHost, initial: SessionRecord) {
    this.#host = host;
    this.#last = initial;
    this.stateChanged = new Emitter((err) =>
      host.reportError(
        err,
        new OzError('INTERNAL', 'A session event handler threw', { sessionId: initial.sessionId }),
      ),
    );
  }

  /** The live record, or the last one seen after the session closed. */
  get record(): SessionRecord {
    const r = this.#host.sessionRecord(this.#last.sessionId);
    if (r) this.#last = r;
    return this.#last;
  }
  /** @internal */ remember(r: SessionRecord): void {
    this.#last = r;
  }

  get masterSessionId(): string {
    return this.record.masterSessionId;
  }
  get sessionId(): string {
    return this.record.sessionId;
  }
  get sessionState(): SessionState {
    return this.record.sessionState;
  }
  /** ISO 8601. */
  get startTime(): string {
    return new Date(this.record.startedAt).toISOString();
  }
  /** Whole seconds since the call was answered (0 before). */
  get talkDuration(): number {
    const r = this.record;
    if (r.answeredAt === null) return 0;
    return seconds((r.endedAt ?? this.#host.now()) - r.answeredAt);
  }
  /** Whole seconds in the current state. */
  get stateDuration(): number {
    const r = this.record;
    return seconds((r.endedAt ?? this.#host.now()) - r.stateChangedAt);
  }
  get caller(): string {
    return this.record.caller;
  }
  get callee(): string {
    return this.record.callee;
  }
  get callerDisplayName(): string {
    return this.record.callerDisplayName;
  }
  get calleeDisplayName(): string {
    return this.record.calleeDisplayName;
  }
  get callerCallLegId(): string {
    return this.record.callerCallLegId;
  }
  get calleeCallLegId(): string {
    return this.record.calleeCallLegId;
  }
  get source(): string {
    return this.record.source;
  }
  get sourceType(): string {
    return this.record.sourceType;
  }
  get destination(): string {
    return this.record.destination;
  }
  get destinationType(): string {
    return this.record.destinationType;
  }
  get dialedNumber(): string {
    return this.record.dialedNumber;
  }

  #run(op: SessionControlOp, args: SessionControlArgs = {}): void {
    void this.#host.sessionAction(this, op, args).catch(() => {
      /* reported through onErrorOccured */
    });
  }

  #requireParty(method: string, party: unknown): string {
    const r = this.record;
    if (typeof party !== 'string' || (party !== r.caller && party !== r.callee)) {
      throw new OzError(
        'INVALID_ARGUMENT',
        `${method}: the party must be the caller (${r.caller}) or the callee (${r.callee})`,
        { sessionId: r.sessionId },
      );
    }
    return party;
  }
  #requireNumber(method: string, n: unknown): string {
    if (typeof n !== 'string' || n.trim() === '')
      throw new OzError('INVALID_ARGUMENT', `${method} needs a phone number`);
    return n.trim();
  }

  /** Sends the party other than `transferor` to `phoneNumber` (HTTP API semantics). */
  blindTransfer(transferor: string, phoneNumber: string): void {
    const party = this.#requireParty('blindTransfer', transferor);
    this.#run('blindTransfer', {
      party,
      target: this.#requireNumber('blindTransfer', phoneNumber),
    });
  }
  close(): void {
    this.#run('close');
  }
  closeWithHangup(): void {
    this.#run('closeWithHangup');
  }
  hangup(): void {
    this.#run('hangup');
  }
  hangUp(): void {
    this.hangup();
  }
  hold(): void {
    this.#run('hold');
  }
  unhold(): void {
    this.#run('unhold');
  }
  unHold(): void {
    this.unhold();
  }
  forward(phoneNumber: string): void {
    this.#run('forward', { target: this.#requireNumber('forward', phoneNumber) });
  }
  sendDtmf(key: string, phoneNumber: string): void {
    if (typeof key !== 'string' || !/^[0-9*#]$/.test(key))
      throw new OzError('INVALID_ARGUMENT', 'sendDtmf needs one key of 0-9, *, #');
    this.#run('sendDtmf', { key, party: this.#requireParty('sendDtmf', phoneNumber) });
  }
  startListen(): void {
    this.#run('startListen');
  }
  stopListen(): void {
    this.#run('stopListen');
  }

  /** The control operations as Promises rejecting with OzError (for code that awaits). */
  readonly actions = {
    blindTransfer: async (transferor: string, phoneNumber: string) =>
      this.#host.sessionAction(this, 'blindTransfer', {
        party: this.#requireParty('blindTransfer', transferor),
        target: this.#requireNumber('blindTransfer', phoneNumber),
      }),
    close: () => this.#host.sessionAction(this, 'close', {}),
    closeWithHangup: () => this.#host.sessionAction(this, 'closeWithHangup', {}),
    hangup: () => this.#host.sessionAction(this, 'hangup', {}),
    hold: () => this.#host.sessionAction(this, 'hold', {}),
    unhold: () => this.#host.sessionAction(this, 'unhold', {}),
    /** Resolves with the new Call once the pickup INVITE was sent; rejects with OzError. */
    pickup: async (): Promise<Call> => {
      const { call, done } = this.#host.pickup(this);
      await done;
      return call;
    },
    forward: async (phoneNumber: string) =>
      this.#host.sessionAction(this, 'forward', {
        target: this.#requireNumber('forward', phoneNumber),
      }),
  };

  /** Extension: pick up this ringing session into an own call (INVITE with Replaces). */
  pickup(): Call {
    const { call, done } = this.#host.pickup(this);
    done.catch(() => {
      /* reported through onErrorOccured */
    });
    return call;
  }

  onSessionStateChanged(cb: (session: Session, sessionState: SessionState) => void): () => void {
    return this.stateChanged.on(cb);
  }

  /** @internal */ release(): void {
    this.stateChanged.clear();
  }
}

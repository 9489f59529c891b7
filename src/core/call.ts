import type { CallState, CallType } from './enums';
import { Emitter } from './emitter';
import { OzError } from './errors';
import type { OzCamera } from './camera';
import type { CallRecord, MessageRecord } from './types';

/** What a Call needs from its client; implemented by OzClientImpl. */
export interface CallHost {
  callRecord(id: string): CallRecord | undefined;
  callAction(call: Call, action: CallAction, arg?: unknown): Promise<void>;
  reportError(err: unknown, fallback: OzError): void;
}

export type CallAction =
  | 'start'
  | 'accept'
  | 'reject'
  | 'hangUp'
  | 'hold'
  | 'unHold'
  | 'transfer'
  | 'forward'
  | 'sendDtmf'
  | 'mute'
  | 'unmute'
  | 'sendMessage'
  | 'attachCamera'
  | 'setRemoteDisplay';

/**
 * Ozeki's Call: one call leg whose media ends in this client. Ozeki-named methods return void and
 * report failures through onErrorOccured; each also has a Promise twin in `actions` for code that
 * wants to await (the React hooks use those).
 */
export class Call {
  /** @internal */ readonly stateChanged: Emitter<[CallState]>;
  /** @internal */ readonly messageReceived: Emitter<[string, MessageRecord]>;
  /** @internal */ readonly dtmfReceived: Emitter<[string]>;
  #last: CallRecord;
  readonly #host: CallHost;

  constructor(host: CallHost, initial: CallRecord) {
    this.#host = host;
    this.#last = initial;
    const onErr = (err: unknown) =>
      host.reportError(
        err,
        new OzError('INTERNAL', 'A call event handler threw', { callId: initial.id }),
      );
    this.stateChanged = new Emitter(onErr);
    this.messageReceived = new Emitter(onErr);
    this.dtmfReceived = new Emitter(onErr);
  }

  get id(): string {
    return this.#last.id;
  }
  get direction(): CallRecord['direction'] {
    return this.#last.direction;
  }
  get type(): CallType {
    return this.#last.type;
  }

  /** The live record, or the last one seen once the call has ended. */
  getRecord(): CallRecord {
    const r = this.#host.callRecord(this.#last.id);
    if (r) this.#last = r;
    return this.#last;
  }
  /** @internal */ remember(r: CallRecord): void {
    this.#last = r;
  }

  /** null before start() and before the first provisional response. */
  getCallState(): CallState | null {
    return this.getRecord().state;
  }
  getOtherParty(): string {
    return this.getRecord().otherParty;
  }
  /** Extension: the other party's display name when known. */
  getOtherPartyName(): string | null {
    return this.getRecord().otherPartyName;
  }
  isMuted(): boolean {
    return this.getRecord().muted;
  }

  #run(action: CallAction, arg?: unknown): void {
    void this.#host.callAction(this, action, arg).catch(() => {
      /* already reported through onErrorOccured */
    });
  }

  start(): void {
    this.#run('start');
  }
  accept(): void {
    this.#run('accept');
  }
  reject(): void {
    this.#run('reject');
  }
  hangUp(): void {
    this.#run('hangUp');
  }
  /** Alias: the Session page of the Ozeki docs spells it lower-case. */
  hangup(): void {
    this.hangUp();
  }
  hold(): void {
    this.#run('hold');
  }
  unHold(): void {
    this.#run('unHold');
  }
  unhold(): void {
    this.unHold();
  }
  /** Blind transfer to a number; given another Call of this client, an attended transfer. */
  transfer(target: string | Call): void {
    this.#run('transfer', target);
  }
  /** Redirect a ringing incoming call (302). */
  forward(target: string): void {
    this.#run('forward', target);
  }
  sendDtmf(key: string): void {
    this.#run('sendDtmf', key);
  }
  mute(): void {
    this.#run('mute');
  }
  unmute(): void {
    this.#run('unmute');
  }
  sendMessage(message: string): void {
    this.#run('sendMessage', message);
  }
  /** Ozeki: only in IN_CALL; throws if the camera is missing. */
  attachCamera(camera: OzCamera): void {
    if (!camera) throw new OzError('INVALID_ARGUMENT', 'attachCamera needs an OzCamera');
    this.#run('attachCamera', camera);
  }
  /** Remote video into the element with this id (default 'local'), or an element. */
  setRemoteDisplay(displayId: string | HTMLMediaElement = 'local'): void {
    this.#run('setRemoteDisplay', displayId);
  }

  /** The same operations as Promises rejecting with OzError (for code that awaits). */
  readonly actions = {
    start: () => this.#host.callAction(this, 'start'),
    accept: () => this.#host.callAction(this, 'accept'),
    reject: () => this.#host.callAction(this, 'reject'),
    hangUp: () => this.#host.callAction(this, 'hangUp'),
    hold: () => this.#host.callAction(this, 'hold'),
    unHold: () => this.#host.callAction(this, 'unHold'),
    transfer: (target: string | Call) => this.#host.callAction(this, 'transfer', target),
    forward: (target: string) => this.#host.callAction(this, 'forward', target),
    sendDtmf: (key: string) => this.#host.callAction(this, 'sendDtmf', key),
    mute: () => this.#host.callAction(this, 'mute'),
    unmute: () => this.#host.callAction(this, 'unmute'),
    sendMessage: (text: string) => this.#host.callAction(this, 'sendMessage', text),
    attachCamera: (camera: OzCamera) => this.#host.callAction(this, 'attachCamera', camera),
    setRemoteDisplay: (display: string | HTMLMediaElement = 'local') =>
      this.#host.callAction(this, 'setRemoteDisplay', display),
  };

  onCallStateChanged(cb: (state: CallState) => void): () => void {
    return this.stateChanged.on(cb);
  }
  /** cb gets the message text (Ozeki's payload) and, as an extension, the whole record. */
  onMessageReceived(cb: (message: string, record: MessageRecord) => void): () => void {
    return this.messageReceived.on(cb);
  }
  /** Extension: DTMF keys the peer sent. */
  onDtmfReceived(cb: (key: string) => void): () => void {
    return this.dtmfReceived.on(cb);
  }

  /** @internal Drops every handler once the call has ended (no listener outlives a call). */
  release(): void {
    this.stateChanged.clear();
    this.messageReceived.clear();
    this.dtmfReceived.clear();
  }
}

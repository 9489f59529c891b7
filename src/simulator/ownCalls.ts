import {
  CallType as CallTypes,
  ExtensionType,
  isDtmfKey,
  type CallType,
  type PbxSessionState,
} from '../core/enums';
import { OzError } from '../core/errors';
import type { BackendEvents, CallProgress, CameraSource } from '../core/ports';
import type { SessionRecord } from '../core/types';
import { applyOwnHold, type OwnCall, type OwnPhase, type SimSession } from './model';
import { TIMING, type ResolvedOptions } from './options';
import type { Switchboard } from './switchboard';
import type { Timers } from './timers';

/** What the own calls need from the simulated backend around them. */
export interface OwnCallsHost {
  /** The client's event sink while connected. */
  events(): BackendEvents | null;
  /** The sink, or a NOT_CONNECTED / CONNECTION_LOST OzError. */
  requireOnline(): BackendEvents;
  /** Brings the client up to date with the switchboard. */
  publish(): void;
}

/**
 * The call legs of the logged-in extension, as a PBX drives them: ringing, answer, hold,
 * transfer, forward, DTMF and messages, each mirrored into a session of the switchboard. Local
 * requests take effect a signalling round trip (TIMING.tick) later, like a real PBX's answer.
 */
export class OwnCalls {
  readonly #calls = new Map<string, OwnCall>();
  #seq = 0;
  readonly #host: OwnCallsHost;
  readonly #board: Switchboard;
  readonly #timers: Timers;
  readonly #opts: ResolvedOptions;

  constructor(host: OwnCallsHost, board: Switchboard, timers: Timers, opts: ResolvedOptions) {
    this.#host = host;
    this.#board = board;
    this.#timers = timers;
    this.#opts = opts;
  }

  get #me(): string {
    return this.#board.me ?? '';
  }

  has(callId: string): boolean {
    return this.#calls.has(callId);
  }

  /** Tells every live call something (a disconnect, a drop, the connection back). */
  notifyAll(p: CallProgress): void {
    for (const id of this.#calls.keys()) this.#host.events()?.callProgress(id, p);
  }

  clear(): void {
    this.#calls.clear();
  }

  async dial(callId: string, target: string, type: CallType): Promise<void> {
    this.#host.requireOnline();
    if (this.#calls.has(callId)) {
      throw new OzError('INVALID_STATE', `Call ${callId} exists already`, { callId });
    }
    const call = newCall(callId, 'outbound', target, target, type, 'dialing');
    this.#calls.set(callId, call);
    this.#timers.after(TIMING.ring, () => this.#progressDial(call), callId);
  }

  #progressDial(call: OwnCall): void {
    const r = this.#board.route(call.dialed);
    if (r.kind === 'busy') return this.#finish(call, { state: 'BUSY', statusCode: r.statusCode });
    if (r.kind === 'notFound') {
      return this.#finish(call, { state: 'NOT_FOUND', statusCode: r.statusCode });
    }
    call.sessionId = this.#board.add(this.#me, r.party.id, call.dialed, 'own', call.id).id;
    if (r.mode === 'immediate') return this.#answer(call);
    call.phase = 'ringing';
    this.#progress(call, { state: 'RINGING', statusCode: 180 });
    const next =
      r.mode === 'reject'
        ? () => this.#finish(call, { state: 'REJECTED', statusCode: 603 }, 'NOTANSWERED')
        : () => this.#answer(call);
    this.#timers.after(this.#opts.answerDelayMs, next, call.id);
  }

  async accept(callId: string): Promise<void> {
    const call = this.#requireInbound(callId, 'accept', ['ringing']);
    this.#timers.cancel(callId); // the caller no longer gives up
    call.phase = 'answering';
    this.#timers.after(TIMING.tick, () => this.#answer(call), callId);
  }

  async reject(callId: string): Promise<void> {
    const call = this.#requireInbound(callId, 'reject', ['ringing', 'answering']);
    this.#later(call, () =>
      this.#finish(call, { state: 'REJECTED', reason: 'local', statusCode: 603 }, 'NOTANSWERED'),
    );
  }

  async hangUp(callId: string): Promise<void> {
    const call = this.#requireCall(callId, 'hangUp');
    const outbound = call.direction === 'outbound';
    let pbxState: PbxSessionState;
    if (call.phase === 'up') pbxState = outbound ? 'CALLERHUNGUP' : 'CALLEEHUNGUP';
    else pbxState = outbound ? 'CANCELLED' : 'NOTANSWERED';
    this.#later(call, () => this.#finish(call, { state: 'COMPLETED', reason: 'local' }, pbxState));
  }

  hold(callId: string): Promise<void> {
    return this.#setLocalHold(callId, true);
  }

  unHold(callId: string): Promise<void> {
    return this.#setLocalHold(callId, false);
  }

  // Like a re-INVITE: pending at once, the hold itself when the peer has answered.
  async #setLocalHold(callId: string, on: boolean): Promise<void> {
    const call = this.#requireCall(callId, on ? 'hold' : 'unHold', ['up']);
    if (call.localHold === on) return;
    this.#progress(call, { pending: on ? 'hold' : 'unhold' });
    const done = () => {
      call.localHold = on;
      this.#syncHold(call);
      this.#progress(call, { localHold: on, pending: null });
    };
    this.#timers.after(TIMING.tick, done, callId);
  }

  async transfer(callId: string, target: string): Promise<void> {
    const call = this.#requireCall(callId, 'transfer', ['up']);
    this.#requireReachable(target, call.peer);
    this.#progress(call, { pending: 'transfer' });
    this.#later(call, () => {
      this.#finish(call, { state: 'COMPLETED', reason: 'transferred' }, 'TRANSFERCOMPLETED');
      this.#board.place(call.peer, target, 'transfer', this.#board.transferPlan());
    });
  }

  async attendedTransfer(callId: string, otherCallId: string): Promise<void> {
    const a = this.#requireCall(callId, 'transfer', ['up']);
    const b = this.#requireCall(otherCallId, 'transfer', ['up']);
    if (a === b) {
      throw new OzError('INVALID_ARGUMENT', 'An attended transfer needs two calls', { callId });
    }
    this.#progress(a, { pending: 'transfer' });
    this.#progress(b, { pending: 'transfer' });
    this.#timers.cancel(b.id);
    b.phase = 'ending';
    this.#later(a, () => {
      const done: CallProgress = { state: 'COMPLETED', reason: 'transferred' };
      this.#finish(a, done, 'TRANSFERCOMPLETED');
      this.#finish(b, done, 'TRANSFERCOMPLETED');
      this.#board.bridge(a.peer, b.peer, this.#board.transferPlan());
    });
  }

  async forward(callId: string, target: string): Promise<void> {
    const call = this.#requireInbound(callId, 'forward', ['ringing']);
    this.#requireReachable(target, call.peer);
    this.#later(call, () => {
      this.#finish(
        call,
        { state: 'COMPLETED', reason: 'forwarded', statusCode: 302 },
        'REDIRECTED',
      );
      this.#board.place(call.peer, target, 'transfer', this.#board.transferPlan());
    });
  }

  async sendDtmf(callId: string, key: string): Promise<void> {
    const call = this.#requireCall(callId, 'sendDtmf', ['up']);
    if (!isDtmfKey(key)) {
      throw new OzError('INVALID_ARGUMENT', 'sendDtmf needs one key of 0-9, *, #', { callId });
    }
    this.#board.recordDtmf(callId, key);
    if (this.#board.dir.party(call.peer)?.type === ExtensionType.IVR) {
      this.#timers.after(TIMING.tick, () =>
        this.#deliver(call.id, call.peer, `You pressed ${key}`),
      );
    }
  }

  async setMuted(callId: string): Promise<void> {
    this.#requireCall(callId, 'mute');
  }

  async sendMessage(target: { callId: string | null; to: string }, text: string): Promise<void> {
    this.#host.requireOnline();
    const call = target.callId ? this.#calls.get(target.callId) : undefined;
    if (!call) {
      const r = this.#board.route(target.to, null);
      if (r.kind === 'notFound') {
        throw new OzError('MESSAGE_FAILED', `${target.to} cannot receive messages`, {
          statusCode: r.statusCode,
        });
      }
    }
    const from = call?.peer ?? target.to;
    this.#timers.after(TIMING.echo, () => this.#deliver(call?.id ?? null, from, `Echo: ${text}`));
  }

  async pickup(callId: string, record: SessionRecord): Promise<void> {
    this.#host.requireOnline();
    if (this.#calls.has(callId)) {
      throw new OzError('INVALID_STATE', `Call ${callId} exists already`, { callId });
    }
    const s = this.#board.sessions.get(record.sessionId);
    if (!s || s.up || s.ownCallId) {
      throw new OzError('INVALID_STATE', 'Only a ringing call of other parties can be picked up', {
        sessionId: record.sessionId,
      });
    }
    // The caller's leg is now bridged to this client; the ringing phone stops.
    this.#board.end(s, 'TRANSFERCOMPLETED');
    const call = newCall(callId, 'inbound', s.caller, s.dialed, CallTypes.AUDIO, 'answering');
    this.#calls.set(callId, call);
    call.sessionId = this.#board.add(s.caller, this.#me, s.dialed, 'own', callId).id;
    this.#host.publish();
    const name = this.#board.dir.nameOf(s.caller);
    this.#timers.after(
      TIMING.tick,
      () => this.#answer(call, { otherParty: s.caller, otherPartyName: name }),
      callId,
    );
  }

  // No media in the simulator: there is no camera to open and no video to show, so these only
  // check that the call exists (the camera is not even asked for its stream).
  async attachCamera(callId: string, _camera: CameraSource): Promise<void> {
    this.#requireCall(callId, 'attachCamera');
  }

  setRemoteDisplay(callId: string, _target: string | HTMLMediaElement | null): void {
    this.#requireCall(callId, 'setRemoteDisplay');
  }

  ringIncoming(from: string, to?: string, options: { type?: CallType } = {}): string {
    const events = this.#host.requireOnline();
    const party = this.#board.dir.party(from);
    if (!party || from === this.#me) {
      throw new OzError('INVALID_ARGUMENT', `ringIncoming: ${from} cannot call ${this.#me}`);
    }
    const id = `sim-in-${++this.#seq}`;
    const type = options.type ?? CallTypes.AUDIO;
    const call = newCall(id, 'inbound', from, to ?? this.#me, type, 'ringing');
    this.#calls.set(id, call);
    call.sessionId = this.#board.add(from, this.#me, call.dialed, 'own', id).id;
    // Scheduled before the announcement: a handler may accept at once, which cancels it.
    const giveUp = () => this.#finish(call, { state: 'COMPLETED', reason: 'remote' }, 'CANCELLED');
    this.#timers.after(this.#opts.ringTimeoutMs, giveUp, id);
    events.incomingCall({
      callId: id,
      from,
      ...(party.name !== from && { fromDisplayName: party.name }),
      to: call.dialed,
      type,
    });
    this.#host.publish();
    return id;
  }

  hangUpRemote(callId: string): void {
    const call = this.#requireCall(callId, 'hangUpRemote');
    const outbound = call.direction === 'outbound';
    if (call.phase === 'up') {
      const pbxState = outbound ? 'CALLEEHUNGUP' : 'CALLERHUNGUP';
      this.#finish(call, { state: 'COMPLETED', reason: 'remote' }, pbxState);
    } else if (outbound) {
      // The callee declined while it rang.
      this.#finish(call, { state: 'REJECTED', reason: 'remote', statusCode: 603 }, 'NOTANSWERED');
    } else {
      // The caller gave up.
      this.#finish(call, { state: 'COMPLETED', reason: 'remote' }, 'CANCELLED');
    }
    this.#host.publish();
  }

  holdRemote(callId: string, on: boolean): void {
    this.setRemoteHold(callId, on);
    this.#host.publish();
  }

  #requireCall(callId: string, what: string, phases?: readonly OwnPhase[]): OwnCall {
    const call = this.#calls.get(callId);
    if (!call || call.phase === 'ending') {
      throw new OzError('INVALID_STATE', `${what}: there is no active call ${callId}`, { callId });
    }
    if (phases && !phases.includes(call.phase)) {
      throw new OzError('INVALID_STATE', `${what}: the call is ${call.phase}`, { callId });
    }
    return call;
  }

  #requireInbound(callId: string, what: string, phases: readonly OwnPhase[]): OwnCall {
    const call = this.#requireCall(callId, what, phases);
    if (call.direction !== 'inbound') {
      throw new OzError('INVALID_STATE', `${what}: only an incoming call`, { callId });
    }
    return call;
  }

  /** A transfer or forward target must exist and be someone else. */
  #requireReachable(target: string, moved: string): void {
    if (target === this.#me || target === moved) {
      throw new OzError('TRANSFER_FAILED', `Cannot send the call to ${target}`);
    }
    const r = this.#board.route(target, moved);
    if (r.kind === 'notFound') {
      throw new OzError('TRANSFER_FAILED', `${target} cannot be reached`, {
        statusCode: r.statusCode,
      });
    }
  }

  /** A local request on its way: the call takes no other request, then `fn` after a tick. */
  #later(call: OwnCall, fn: () => void): void {
    this.#timers.cancel(call.id);
    call.phase = 'ending';
    this.#timers.after(TIMING.tick, fn, call.id);
  }

  #answer(call: OwnCall, extra: CallProgress = {}): void {
    call.phase = 'up';
    const s = this.#sessionOf(call);
    if (s) s.up = true;
    this.#progress(call, { state: 'IN_CALL', statusCode: 200, ...extra });
  }

  /** Ends an own call: the Call gets `progress`, its session closes as `pbxState`. */
  #finish(call: OwnCall, progress: CallProgress, pbxState?: PbxSessionState): void {
    if (!this.#calls.delete(call.id)) return;
    this.#timers.cancel(call.id);
    call.phase = 'ending';
    const s = this.#sessionOf(call);
    if (s) this.#board.end(s, pbxState ?? 'CALLERHUNGUP');
    this.#progress(call, progress);
  }

  endRemotely(callId: string, pbxState: PbxSessionState): void {
    const call = this.#calls.get(callId);
    if (call) this.#finish(call, { state: 'COMPLETED', reason: 'remote' }, pbxState);
  }

  setRemoteHold(callId: string, on: boolean): void {
    const call = this.#requireCall(callId, 'holdRemote', ['up']);
    if (call.remoteHold === on) return;
    call.remoteHold = on;
    this.#syncHold(call);
    this.#progress(call, { remoteHold: on });
  }

  #syncHold(call: OwnCall): void {
    const s = this.#sessionOf(call);
    if (s) applyOwnHold(call, s);
  }

  #sessionOf(call: OwnCall): SimSession | undefined {
    return call.sessionId ? this.#board.sessions.get(call.sessionId) : undefined;
  }

  #progress(call: OwnCall, p: CallProgress): void {
    this.#host.events()?.callProgress(call.id, p);
  }

  /** A message from `from` to this client, in the call's dialog while the call is alive. */
  #deliver(callId: string | null, from: string, text: string): void {
    const inCall = callId !== null && this.#calls.has(callId);
    this.#host.events()?.message({ callId: inCall ? callId : null, from, to: this.#me, text });
  }
}

function newCall(
  id: string,
  direction: OwnCall['direction'],
  peer: string,
  dialed: string,
  type: CallType,
  phase: OwnPhase,
): OwnCall {
  return {
    id,
    direction,
    peer,
    dialed,
    type,
    phase,
    localHold: false,
    remoteHold: false,
    sessionId: null,
  };
}

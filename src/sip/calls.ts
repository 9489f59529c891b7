import type { MediaDevicePreferences } from '../core/ports';
import {
  Grammar,
  Invitation,
  Inviter,
  NameAddrHeader,
  SessionState,
  type Core,
  type Session,
  type URI,
  type UserAgent,
} from 'sip.js';
import type { CallType } from '../core/enums';
import { OzError } from '../core/errors';
import type { BackendEvents, CallProgress, CameraSource } from '../core/ports';
import type { SessionRecord } from '../core/types';
import { endSessionQuietly, mediaOptions, type CallEntry } from './call-entry';
import { sendDtmf } from './dtmf';
import { ReinviteError, ReinviteQueue, type ReinviteOptions } from './hold';
import type { SipLogger } from './logger';
import {
  onInfo,
  onMessage,
  onRefer,
  onReinvite,
  referralState,
  type InDialogHost,
} from './in-dialog';
import { CallMedia } from './media';
import { sendInDialog } from './messages';
import { pickupRequest } from './pickup';
import { hasVideo } from './sdp';
import { describeStatus, dialogSurvives, finalCallState, statusOf } from './status';
import type { Timers } from './timers';
import { referAndWait, type ReferTarget } from './transfer';
import { partyOf, targetUri } from './uri';

export interface CallContext {
  events: BackendEvents;
  timers: Timers;
  log: SipLogger;
  user: string;
  domain: string;
  /** The registered UA, or null while not registered. */
  userAgent(): UserAgent | null;
  /** Reports a failure that no method call is waiting for. */
  report(err: OzError): void;
  /** The devices the user chose (read at each call, so a change applies to the next call). */
  devices?(): MediaDevicePreferences;
}

const MAX_REDIRECTS = 3;
const ACK_WAIT_MS = 2_000;
/** Longest wait for a session to confirm that it ended after we asked (CANCEL, BYE). */
const END_GUARD_MS = 5_000;
/** After an attended transfer the target ends its call with us (Replaces); if not, we do. */
const REPLACED_BYE_MS = 2_000;

/** Every own call: SIP.js sessions ⇄ core call ids, and their SIP-level behaviour. */
export class CallManager {
  readonly #calls = new Map<string, CallEntry>();
  /** Every session we listen to (current, replaced, redirected, referral) and its remover. */
  readonly #watched = new Map<Session, { entry: CallEntry; remove: () => void }>();

  #counter = 0;

  readonly #host: InDialogHost;

  readonly #ctx: CallContext;

  constructor(ctx: CallContext) {
    this.#ctx = ctx;
    this.#host = {
      events: ctx.events,
      user: ctx.user,
      log: ctx.log,
      progress: (e, p) => this.#progress(e, p),
      later: (e, ms, fn) => this.#later(e, ms, fn),
      watch: (e, session) => this.#watch(e, session),
      unwatch: (session) => this.#unwatch(session),
    };
  }

  /** Ids for incoming calls (outgoing ones come from the core). */
  #newCallId(): string {
    const rand = Math.random().toString(36).slice(2, 8);
    return `sip-${Date.now().toString(36)}-${(this.#counter++).toString(36)}-${rand}`;
  }

  // ---- outbound ---------------------------------------------------------------------------

  async startCall(callId: string, target: string, type: CallType): Promise<void> {
    const ua = this.#requireUa();
    await this.#invite(callId, ua, targetUri(target, this.#ctx.domain), type, []);
  }

  async pickup(callId: string, session: SessionRecord): Promise<void> {
    const ua = this.#requireUa();
    const req = pickupRequest(session);
    await this.#invite(
      callId,
      ua,
      targetUri(req.target, this.#ctx.domain),
      'AUDIO',
      req.extraHeaders,
      true,
    );
  }

  async #invite(
    callId: string,
    ua: UserAgent,
    uri: URI,
    type: CallType,
    extraHeaders: string[],
    pickup = false,
  ): Promise<void> {
    if (this.#calls.has(callId))
      throw new OzError('INVALID_STATE', 'This call was already started', { callId });
    const inviter = this.#makeInviter(ua, uri, type, extraHeaders);
    const entry = this.#createEntry(callId, type, ua, inviter);
    entry.pickup = pickup;
    this.#progress(entry, { sipCallId: inviter.request.callId });
    try {
      await this.#sendInvite(entry, inviter);
    } catch (err) {
      this.#end(entry, null);
      throw mediaOrCallError(err, callId, `The call to ${partyOf(uri)} could not be started`);
    }
  }

  #makeInviter(ua: UserAgent, uri: URI, type: CallType, extraHeaders: string[]): Inviter {
    return new Inviter(ua, uri, {
      earlyMedia: true,
      extraHeaders,
      sessionDescriptionHandlerOptions: mediaOptions(type, this.#ctx.devices?.()),
    });
  }

  #sendInvite(entry: CallEntry, inviter: Inviter): Promise<unknown> {
    return inviter.invite({
      requestDelegate: {
        onProgress: (r) =>
          this.#guard(() => {
            const { code } = statusOf(r);
            if (inviter !== entry.session || code <= 100 || entry.ended) return;
            this.#progress(entry, { state: 'RINGING', earlyMedia: !!r.message.body });
          }),
        onReject: (r) => {
          if (inviter === entry.session) entry.final = statusOf(r);
        },
        onRedirect: (r) => this.#guard(() => this.#redirect(entry, inviter, r)),
      },
    });
  }

  /** A 3xx to our INVITE: follow its Contact with a new INVITE under the same call id. */
  #redirect(entry: CallEntry, inviter: Inviter, r: Core.IncomingResponse): void {
    if (inviter !== entry.session || entry.ended) return;
    entry.final = statusOf(r);
    if (entry.endReason) return;
    if (entry.redirects >= MAX_REDIRECTS) {
      this.#ctx.log.warn(`call ${entry.id}: more than ${MAX_REDIRECTS} redirects, giving up`);
      return;
    }
    const raw = r.message.getHeader('contact');
    const contact: unknown = raw ? Grammar.nameAddrHeaderParse(raw) : undefined;
    if (!(contact instanceof NameAddrHeader)) return;
    const uri = contact.uri.clone();
    uri.clearHeaders();
    entry.redirects++;
    const next = this.#makeInviter(entry.ua, uri, entry.type, []);
    // Swapped before the old session's deferred finish runs, so that one is ignored.
    this.#adopt(entry, next);
    entry.final = null;
    this.#progress(entry, { otherParty: partyOf(uri) });
    this.#sendInvite(entry, next).catch((err: unknown) => {
      this.#ctx.report(
        mediaOrCallError(err, entry.id, `The redirected call to ${partyOf(uri)} failed`),
      );
      this.#forceEnd(entry, { state: 'REJECTED', reason: 'redirect failed' });
    });
  }

  // ---- inbound ----------------------------------------------------------------------------

  onInvite(invitation: Invitation, ua: UserAgent): void {
    const replaced = invitation.replacee;
    const target = replaced ? this.#watched.get(replaced)?.entry : undefined;
    if (target && !target.ended) {
      this.#takeOver(target, invitation);
      return;
    }
    const type: CallType = hasVideo(invitation.body) ? 'VIDEO' : 'AUDIO';
    const entry = this.#createEntry(this.#newCallId(), type, ua, invitation);
    const from = invitation.remoteIdentity;
    // SIP.js has already sent 180 Ringing by itself; a progress() here would repeat it.
    this.#ctx.events.incomingCall({
      callId: entry.id,
      from: partyOf(from.uri),
      ...(from.displayName ? { fromDisplayName: from.displayName } : {}),
      to: partyOf(invitation.localIdentity.uri) || this.#ctx.user,
      type,
      sipCallId: invitation.request.callId,
    });
  }

  /**
   * An INVITE with Replaces for one of our calls (RFC 3891: attended transfer arriving at the
   * target, or a pickup of our ringing outbound call): the new dialog takes over the call id.
   */
  #takeOver(entry: CallEntry, invitation: Invitation): void {
    const old = entry.session;
    // SIP.js would BYE the replaced session by itself, and reject an unhandled promise for an
    // early one; we end it ourselves once the new dialog is up.
    (invitation as unknown as { _replacee?: Session })._replacee = undefined;
    this.#adopt(entry, invitation);
    entry.established = false;
    entry.localHold = entry.remoteHold = false;
    const from = invitation.remoteIdentity;
    this.#progress(entry, {
      otherParty: partyOf(from.uri),
      ...(from.displayName ? { otherPartyName: from.displayName } : {}),
      localHold: false,
      remoteHold: false,
    });
    invitation
      .accept({ sessionDescriptionHandlerOptions: mediaOptions(entry.type, this.#ctx.devices?.()) })
      .then(() => endSessionQuietly(old, 487))
      .catch((err: unknown) => {
        this.#ctx.log.warn(
          `call ${entry.id}: accepting the replacing INVITE failed: ${String(err)}`,
        );
        if (old.state !== SessionState.Terminated && !entry.ended) this.#adopt(entry, old);
      });
  }

  async accept(callId: string, type: CallType): Promise<void> {
    const entry = this.#require(callId);
    const s = entry.session;
    if (!(s instanceof Invitation) || s.state !== SessionState.Initial) {
      throw new OzError('INVALID_STATE', 'Only a ringing incoming call can be accepted', {
        callId,
      });
    }
    try {
      await s.accept({
        sessionDescriptionHandlerOptions: mediaOptions(type, this.#ctx.devices?.()),
      });
    } catch (err) {
      throw mediaOrCallError(err, callId, 'The call could not be answered');
    }
  }

  async reject(
    callId: string,
    statusCode = 603,
    reason = 'local',
    extraHeaders: string[] = [],
  ): Promise<void> {
    const entry = this.#require(callId);
    const s = entry.session;
    if (
      !(s instanceof Invitation) ||
      (s.state !== SessionState.Initial && s.state !== SessionState.Establishing)
    ) {
      throw new OzError(
        'INVALID_STATE',
        'Only a ringing incoming call can be rejected or forwarded',
        { callId },
      );
    }
    entry.endReason = reason;
    await s.reject({ statusCode, extraHeaders });
  }

  async forward(callId: string, target: string): Promise<void> {
    const uri = targetUri(target, this.#ctx.domain);
    await this.reject(callId, 302, 'forwarded', [`Contact: <${uri.toString()}>`]);
  }

  async hangUp(callId: string): Promise<void> {
    const entry = this.#calls.get(callId);
    if (!entry) return;
    entry.endReason ??= 'local';
    const s = entry.session;
    if (!entry.controllable) {
      // Nothing can be sent now; end it here rather than leave a call nobody can end.
      this.#forceEnd(entry, { state: 'COMPLETED', reason: entry.endReason });
      return;
    }
    this.#later(entry, END_GUARD_MS, () =>
      this.#forceEnd(entry, { state: 'COMPLETED', reason: entry.endReason ?? 'local' }),
    );
    if (entry.referral) endSessionQuietly(entry.referral);
    try {
      switch (s.state) {
        case SessionState.Initial:
        case SessionState.Establishing:
          if (s instanceof Inviter) await s.cancel();
          else if (s instanceof Invitation) await s.reject({ statusCode: 603 });
          break;
        case SessionState.Established:
          await s.bye();
          break;
        default:
          this.#finishSoon(entry, s);
      }
    } catch (err) {
      this.#forceEnd(entry, { state: 'COMPLETED', reason: entry.endReason });
      this.#ctx.log.debug(`hangUp ${callId}: ${String(err)}`);
    }
  }

  // ---- in-call operations -----------------------------------------------------------------

  async hold(callId: string, hold: boolean): Promise<void> {
    const entry = this.#requireUp(callId);
    this.#progress(entry, { pending: hold ? 'hold' : 'unhold' });
    try {
      await entry.queue.run(() => this.#upSession(entry), { hold }, entry.ready);
    } catch (err) {
      // SIP.js keeps the options of the last re-INVITE for answering the peer's: restore them.
      const keep: ReinviteOptions = { hold: entry.localHold };
      if (!entry.ended) entry.session.sessionDescriptionHandlerOptionsReInvite = keep;
      this.#progress(entry, { pending: null });
      const what = hold ? 'hold' : 'resume';
      const why =
        err instanceof ReinviteError
          ? describeStatus(err.statusCode, err.reasonPhrase)
          : 'the request could not be sent';
      throw new OzError('HOLD_FAILED', `The other party did not accept the ${what}: ${why}`, {
        callId,
        ...(err instanceof ReinviteError ? { statusCode: err.statusCode } : {}),
        cause: err,
      });
    }
    entry.localHold = hold;
    entry.media.setHeld(hold);
    this.#progress(entry, { localHold: hold, pending: null });
  }

  async sendDtmf(callId: string, key: string): Promise<void> {
    const entry = this.#requireUp(callId);
    await sendDtmf(entry.session, key, callId);
  }

  setMuted(callId: string, muted: boolean): void {
    this.#require(callId).media.setMuted(muted);
  }

  /** In-dialog MESSAGE; false when the call is not up (the caller then sends out of dialog). */
  async sendMessage(callId: string, to: string, text: string): Promise<boolean> {
    const entry = this.#calls.get(callId);
    if (!entry || !entry.established || entry.session.state !== SessionState.Established)
      return false;
    if (!entry.controllable) {
      throw new OzError(
        'CONNECTION_LOST',
        'The message cannot be sent until the connection is back',
        { callId },
      );
    }
    await sendInDialog(entry.session, to, text);
    return true;
  }

  async transfer(callId: string, target: string): Promise<void> {
    const entry = this.#requireUp(callId);
    const uri = targetUri(target, this.#ctx.domain);
    await this.#refer(entry, { uri, label: target });
  }

  async attendedTransfer(callId: string, otherCallId: string): Promise<void> {
    const entry = this.#requireUp(callId);
    const other = this.#requireUp(otherCallId);
    await this.#refer(entry, {
      session: other.session,
      label: partyOf(other.session.remoteIdentity.uri),
    });
    // The target's INVITE with Replaces ends our call with it; if it does not, we do.
    other.endReason = 'transferred';
    this.#later(other, REPLACED_BYE_MS, () => endSessionQuietly(other.session));
  }

  async #refer(entry: CallEntry, target: ReferTarget): Promise<void> {
    this.#progress(entry, { pending: 'transfer' });
    try {
      await referAndWait(entry, target, this.#ctx.timers);
    } catch (err) {
      if (!entry.ended) this.#progress(entry, { pending: null });
      throw err;
    }
    entry.endReason = 'transferred';
    endSessionQuietly(entry.session);
  }

  async attachCamera(callId: string, camera: CameraSource): Promise<void> {
    const entry = this.#requireUp(callId);
    await entry.media.attachCamera(camera, async () => {
      await entry.queue.run(() => this.#upSession(entry), { hold: entry.localHold }, entry.ready);
    });
  }

  setRemoteDisplay(callId: string, target: string | HTMLMediaElement | null): void {
    this.#require(callId).media.setRemoteDisplay(target);
  }

  // ---- transport drop and recovery --------------------------------------------------------

  transportLost(ua: UserAgent): void {
    for (const entry of this.#onUa(ua)) {
      entry.controllable = false;
      this.#progress(entry, { controllable: false });
    }
  }

  /** `ua` is gone for good: its dialogs cannot be recovered. */
  retired(ua: UserAgent): void {
    for (const entry of this.#onUa(ua))
      this.#forceEnd(entry, { state: 'COMPLETED', reason: 'transport' });
  }

  /**
   * Back on the same UA: a re-INVITE proves each established dialog (and refreshes our Contact
   * at the peer, since the new connection has a new address); unanswered calls are ended.
   */
  restored(ua: UserAgent): void {
    for (const entry of this.#onUa(ua)) {
      if (entry.controllable) continue;
      if (!entry.established) {
        this.#forceEnd(entry, { state: 'COMPLETED', reason: 'transport' });
        continue;
      }
      entry.queue
        .run(() => this.#upSession(entry), { hold: entry.localHold })
        .then(
          () => true,
          (err: unknown) => err instanceof ReinviteError && dialogSurvives(err.statusCode),
        )
        .then((alive) => {
          if (entry.ended) return;
          if (!alive) {
            this.#forceEnd(entry, { state: 'COMPLETED', reason: 'transport' });
            return;
          }
          entry.controllable = true;
          this.#progress(entry, { controllable: true });
        })
        .catch(() => {});
    }
  }

  /** disconnect(): every call ends now, with whatever the transport can still carry. */
  endAll(reason: string): void {
    for (const entry of [...this.#calls.values()])
      this.#forceEnd(entry, { state: 'COMPLETED', reason });
  }

  counts(): { calls: number; sessions: number; cleanups: number; media: number } {
    let cleanups = 0;
    let media = 0;
    for (const e of this.#calls.values()) {
      cleanups += e.cleanups.size;
      media += e.media.resources;
    }
    return { calls: this.#calls.size, sessions: this.#watched.size, cleanups, media };
  }

  // ---- entries, sessions, endings ---------------------------------------------------------

  #createEntry(id: string, type: CallType, ua: UserAgent, session: Session): CallEntry {
    const entry: CallEntry = {
      id,
      type,
      ua,
      session,
      referral: null,
      established: false,
      controllable: true,
      localHold: false,
      remoteHold: false,
      redirects: 0,
      final: null,
      cancelled: false,
      endReason: null,
      pickup: false,
      transfer: null,
      ready: Promise.resolve(),
      ended: false,
      queue: new ReinviteQueue({ timers: this.#ctx.timers }),
      media: new CallMedia(
        id,
        (video) => this.#progress(entry, { remoteVideo: video }),
        () => this.#ctx.devices?.().speaker ?? null,
      ),
      cleanups: new Set(),
    };
    this.#calls.set(id, entry);
    this.#watch(entry, session);
    return entry;
  }

  /** Makes `session` the call's current session. */
  #adopt(entry: CallEntry, session: Session): void {
    if (!this.#watched.has(session)) this.#watch(entry, session);
    entry.session = session;
  }

  #watch(entry: CallEntry, session: Session): void {
    let acked = false;
    let onAck: (() => void) | null = null;
    const ackSeen = () => {
      acked = true;
      onAck?.();
    };
    // As callee, SIP.js reports Established when it sends the 200; a re-INVITE before the ACK
    // arrives breaks its offer/answer state, so re-INVITEs wait for the ACK (at most 2 s).
    const waitForAck = () =>
      new Promise<void>((resolve) => {
        if (acked) return resolve();
        const cancel = this.#ctx.timers.set(() => done(), ACK_WAIT_MS);
        const done = () => {
          cancel();
          entry.cleanups.delete(cancel);
          onAck = null;
          resolve();
        };
        entry.cleanups.add(cancel);
        onAck = done;
      });
    const onState = (state: SessionState) =>
      this.#guard(() => {
        if (entry.ended) return;
        if (session === entry.referral) {
          referralState(this.#host, entry, session, state);
          return;
        }
        if (session !== entry.session) {
          if (state === SessionState.Terminated) this.#unwatch(session);
          return;
        }
        if (state === SessionState.Established) {
          entry.established = true;
          entry.queue.touch();
          if (session instanceof Invitation) entry.ready = waitForAck();
          entry.media.attach(session.sessionDescriptionHandler);
          this.#progress(entry, { state: 'IN_CALL' });
        } else if (state === SessionState.Terminated) {
          if (entry.referral && entry.referral.state !== SessionState.Terminated) {
            // The transferor hung up before the transfer target answered: the call goes on
            // as the new INVITE.
            const next = entry.referral;
            entry.referral = null;
            entry.session = next;
            entry.established = next.state === SessionState.Established;
            entry.localHold = entry.remoteHold = false;
            this.#unwatch(session);
            this.#progress(entry, {
              otherParty: partyOf(next.remoteIdentity.uri),
              localHold: false,
              remoteHold: false,
            });
            return;
          }
          this.#finishSoon(entry, session);
        }
      });
    session.stateChange.addListener(onState);
    session.delegate = {
      onAck: () => ackSeen(),
      onCancel: () => {
        entry.cancelled = true;
      },
      onInfo: (info) => this.#guard(() => onInfo(this.#host, entry, info)),
      onInvite: (request, _response, statusCode) =>
        this.#guard(() => onReinvite(this.#host, entry, session, request, statusCode)),
      onMessage: (message) => this.#guard(() => onMessage(this.#host, entry, message)),
      onRefer: (referral) => this.#guard(() => onRefer(this.#host, entry, session, referral)),
      onNotify: (notification) => void notification.accept().catch(() => {}),
      onSessionDescriptionHandler: (sdh) =>
        this.#guard(() => {
          if (session === entry.session) entry.media.attach(sdh);
        }),
    };
    const remove = () => {
      session.stateChange.removeListener(onState);
      session.delegate = undefined;
      this.#watched.delete(session);
    };
    this.#watched.set(session, { entry, remove });
    entry.cleanups.add(remove);
  }

  #unwatch(session: Session): void {
    const w = this.#watched.get(session);
    if (!w) return;
    w.remove();
    w.entry.cleanups.delete(w.remove);
  }

  /** SIP.js calls onReject only after the state is Terminated: read the outcome a tick later. */
  #finishSoon(entry: CallEntry, session: Session): void {
    queueMicrotask(() =>
      this.#guard(() => {
        if (entry.ended || session !== entry.session) return;
        this.#end(entry, this.#outcome(entry, session));
      }),
    );
  }

  #outcome(entry: CallEntry, session: Session): CallProgress {
    const transfer = entry.transfer;
    if (transfer?.accepted) {
      // The transferee hung up on us after accepting the REFER: it is handling the transfer.
      transfer.settle(true);
      return { state: 'COMPLETED', reason: 'transferred' };
    }
    if (entry.endReason) return { state: 'COMPLETED', reason: entry.endReason };
    if (entry.established) return { state: 'COMPLETED', reason: 'remote' };
    if (session instanceof Inviter) {
      const f = entry.final;
      if (!f) return { state: 'REJECTED', reason: 'no answer' };
      if (entry.pickup && f.code >= 300) {
        this.#ctx.report(
          new OzError(
            'CALL_FAILED',
            `The call could not be picked up: ${pickupFailure(f.code, f.phrase)}`,
            {
              callId: entry.id,
              statusCode: f.code,
            },
          ),
        );
      }
      return { state: finalCallState(f.code), statusCode: f.code, reason: f.phrase };
    }
    return { state: 'COMPLETED', reason: entry.cancelled ? 'cancelled' : 'not answered' };
  }

  /** Ends a call at once (transport gone, disconnect, a stuck end): no session waits. */
  #forceEnd(entry: CallEntry, p: CallProgress): void {
    if (entry.ended) return;
    const sessions = [entry.session, entry.referral];
    this.#end(entry, p);
    for (const s of sessions) if (s) endSessionQuietly(s);
  }

  /** Drops everything the call holds; reports `p` unless null (the caller reports). */
  #end(entry: CallEntry, p: CallProgress | null): void {
    if (entry.ended) return;
    entry.ended = true;
    entry.transfer?.settle(false, 481, 'Call ended');
    this.#calls.delete(entry.id);
    for (const c of [...entry.cleanups]) c();
    entry.cleanups.clear();
    entry.queue.close();
    entry.media.dispose();
    if (p) this.#ctx.events.callProgress(entry.id, p);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A timer owned by the call: never started for an ended call, cleared when it ends. */
  #later(entry: CallEntry, ms: number, fn: () => void): void {
    if (entry.ended) return;
    const cancel = this.#ctx.timers.set(() => {
      entry.cleanups.delete(cancel);
      this.#guard(fn);
    }, ms);
    entry.cleanups.add(cancel);
  }

  #progress(entry: CallEntry, p: CallProgress): void {
    if (!entry.ended) this.#ctx.events.callProgress(entry.id, p);
  }

  #onUa(ua: UserAgent): CallEntry[] {
    return [...this.#calls.values()].filter((e) => e.ua === ua);
  }

  #upSession(entry: CallEntry): Session | null {
    return !entry.ended && entry.session.state === SessionState.Established ? entry.session : null;
  }

  #require(callId: string): CallEntry {
    const entry = this.#calls.get(callId);
    if (!entry) throw new OzError('INVALID_STATE', 'The call is not active', { callId });
    return entry;
  }

  #requireUp(callId: string): CallEntry {
    const entry = this.#require(callId);
    if (!entry.established || entry.session.state !== SessionState.Established) {
      throw new OzError('INVALID_STATE', 'This needs an answered call', { callId });
    }
    if (!entry.controllable) {
      throw new OzError(
        'CONNECTION_LOST',
        'The call cannot be controlled until the connection is back',
        { callId },
      );
    }
    return entry;
  }

  #requireUa(): UserAgent {
    const ua = this.#ctx.userAgent();
    if (!ua)
      throw new OzError(
        'NOT_CONNECTED',
        'Not registered with the PBX: connect first and wait for ACCESS_GRANTED',
      );
    return ua;
  }

  /** Nothing thrown in a SIP.js callback may escape into SIP.js or the app. */
  #guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.#ctx.report(OzError.from(err, 'INTERNAL', 'Handling a SIP event failed'));
    }
  }
}

function mediaOrCallError(err: unknown, callId: string, message: string): OzError {
  if (err instanceof OzError) return err;
  const name = err instanceof Error ? err.name : '';
  if (/NotAllowed|NotFound|NotReadable|Overconstrained|Security/.test(name)) {
    return new OzError(
      'MEDIA_FAILED',
      `${message}: the microphone or camera could not be opened (${name})`,
      {
        callId,
        cause: err,
      },
    );
  }
  return new OzError('CALL_FAILED', message, { callId, cause: err });
}

function pickupFailure(code: number, phrase: string): string {
  if (code === 481) return 'the call was already answered or has ended (SIP 481)';
  if (code === 486) return 'the call was answered meanwhile (SIP 486)';
  if (code === 420) return "the caller's phone does not support call pickup (SIP 420)";
  return describeStatus(code, phrase);
}

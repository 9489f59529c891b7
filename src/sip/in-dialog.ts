import {
  SessionState,
  type Core,
  type Info,
  type Message,
  type Referral,
  type Session,
} from 'sip.js';
import type { BackendEvents, CallProgress } from '../core/ports';
import { endSessionQuietly, mediaOptions, type CallEntry } from './call-entry';
import { parseDtmfInfo } from './dtmf';
import type { SipLogger } from './logger';
import { messageText } from './messages';
import { hasVideo, isHoldOffer } from './sdp';
import { partyOf } from './uri';

/** Requests the other party sends inside a call's dialog: INFO, re-INVITE, MESSAGE, REFER. */
export interface InDialogHost {
  readonly events: BackendEvents;
  readonly user: string;
  readonly log: SipLogger;
  progress(entry: CallEntry, p: CallProgress): void;
  later(entry: CallEntry, ms: number, fn: () => void): void;
  watch(entry: CallEntry, session: Session): void;
  unwatch(session: Session): void;
}

/** The transferor sends the BYE after a transfer (RFC 5589); if it does not, we do. */
const TRANSFEREE_BYE_MS = 2_000;

/** DTMF by SIP INFO; a body-less INFO (a liveness check) is fine, other packages are not. */
export function onInfo(host: InDialogHost, entry: CallEntry, info: Info): void {
  const req = info.request;
  const key = parseDtmfInfo(req.getHeader('content-type'), req.body);
  if (key !== null) {
    void info.accept().catch(() => {});
    host.events.dtmf(entry.id, key);
    return;
  }
  if (!req.body) void info.accept().catch(() => {});
  else void info.reject({ statusCode: 415 }).catch(() => {});
}

/** A re-INVITE from the peer: sendonly/inactive means it put us on hold. */
export function onReinvite(
  host: InDialogHost,
  entry: CallEntry,
  session: Session,
  request: Core.IncomingRequestMessage,
  statusCode: number,
): void {
  if (session !== entry.session || statusCode < 200 || statusCode >= 300 || !request.body) return;
  const held = isHoldOffer(request.body);
  const video = hasVideo(request.body);
  if (held !== entry.remoteHold) {
    entry.remoteHold = held;
    host.progress(entry, { remoteHold: held });
  }
  if (video) entry.media.attach(session.sessionDescriptionHandler);
}

export function onMessage(host: InDialogHost, entry: CallEntry, message: Message): void {
  const text = messageText(message.request);
  if (text === null) {
    void message.reject({ statusCode: 415 }).catch(() => {});
    return;
  }
  void message.accept().catch(() => {});
  host.events.message({
    callId: entry.id,
    from: partyOf(entry.session.remoteIdentity.uri),
    to: host.user,
    text,
  });
}

/** We are the transferee: call the Refer-To target; the call moves there once it answers. */
export function onRefer(
  host: InDialogHost,
  entry: CallEntry,
  session: Session,
  referral: Referral,
): void {
  if (session !== entry.session || entry.referral) {
    void referral.reject({ statusCode: 491 }).catch(() => {});
    return;
  }
  void referral.accept().catch(() => {});
  const inviter = referral.makeInviter({
    earlyMedia: true,
    sessionDescriptionHandlerOptions: mediaOptions(entry.type),
  });
  entry.referral = inviter;
  host.watch(entry, inviter);
  inviter.invite().catch((err: unknown) => {
    host.log.warn(`call ${entry.id}: following the transfer failed: ${String(err)}`);
    if (entry.referral === inviter) entry.referral = null;
    host.unwatch(inviter);
  });
}

/** The INVITE made for a REFER answered (the call moves to it) or failed (the call stays). */
export function referralState(
  host: InDialogHost,
  entry: CallEntry,
  inviter: Session,
  state: SessionState,
): void {
  if (state === SessionState.Established) {
    const old = entry.session;
    entry.referral = null;
    entry.session = inviter;
    entry.established = true;
    entry.localHold = entry.remoteHold = false;
    entry.media.dispose();
    entry.media.attach(inviter.sessionDescriptionHandler);
    const who = inviter.assertedIdentity ?? inviter.remoteIdentity;
    host.progress(entry, {
      state: 'IN_CALL',
      otherParty: partyOf(who.uri),
      ...(who.displayName ? { otherPartyName: who.displayName } : {}),
      localHold: false,
      remoteHold: false,
      pending: null,
    });
    host.later(entry, TRANSFEREE_BYE_MS, () => endSessionQuietly(old));
  } else if (state === SessionState.Terminated) {
    // The target did not answer; SIP.js told the transferor (NOTIFY). The call stays.
    entry.referral = null;
    host.unwatch(inviter);
  }
}

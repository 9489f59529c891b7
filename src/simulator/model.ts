import type { CallType, ExtensionState, PbxSessionState } from '../core/enums';

/**
 * dialing: INVITE sent, no answer yet; ringing: 180 (either direction); answering: accepted or
 * picked up, the 200 OK not yet through; up: answered; ending: a local BYE/CANCEL/REFER is on
 * its way and the call takes no further requests.
 */
export type OwnPhase = 'dialing' | 'ringing' | 'answering' | 'up' | 'ending';

/** A call leg of the logged-in extension. */
export interface OwnCall {
  readonly id: string;
  readonly direction: 'outbound' | 'inbound';
  /** The other party's number. */
  readonly peer: string;
  readonly dialed: string;
  readonly type: CallType;
  phase: OwnPhase;
  localHold: boolean;
  remoteHold: boolean;
  /** The session in which the PBX shows this call (null before it rings). */
  sessionId: string | null;
}

/**
 * own: mirrors an own call; background: random traffic; transfer: created by a transfer,
 * forward or redirect, ends by itself; control: started with startCall(from, to), ends with
 * endCall(id).
 */
export type SessionOrigin = 'own' | 'background' | 'transfer' | 'control';

/** A call the PBX switches: what a switchboard (and Session) sees. */
export interface SimSession {
  readonly id: string;
  readonly caller: string;
  readonly callee: string;
  readonly dialed: string;
  readonly origin: SessionOrigin;
  readonly ownCallId: string | null;
  up: boolean;
  callerHeld: boolean;
  calleeHeld: boolean;
}

export function pbxStateOf(s: SimSession): PbxSessionState {
  if (!s.up) return 'RINGING';
  if (s.callerHeld && s.calleeHeld) return 'ONHOLD';
  if (s.callerHeld) return 'CALLERONHOLD';
  if (s.calleeHeld) return 'CALLEEONHOLD';
  return 'INCALL';
}

/** The lamp a session lights on both of its parties. */
export function lampOf(s: SimSession): ExtensionState {
  if (!s.up) return 'ringing';
  return s.callerHeld || s.calleeHeld ? 'onhold' : 'busy';
}

const RANK: Readonly<Record<ExtensionState, number>> = {
  unknown: 0,
  offline: 0,
  idle: 0,
  ringing: 1,
  onhold: 2,
  busy: 3,
};

/** With a call up and another ringing (call waiting) the phone shows busy. */
export const strongerLamp = (a: ExtensionState, b: ExtensionState): ExtensionState =>
  RANK[b] > RANK[a] ? b : a;

/** Own hold flags as the PBX shows them: which party of the session is held. */
export function applyOwnHold(call: OwnCall, s: SimSession): void {
  const iAmCaller = call.direction === 'outbound';
  s.calleeHeld = iAmCaller ? call.localHold : call.remoteHold;
  s.callerHeld = iAmCaller ? call.remoteHold : call.localHold;
}

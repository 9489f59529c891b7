import type { MediaDevicePreferences } from '../core/ports';
import { Invitation, Inviter, SessionState, type Session, type UserAgent } from 'sip.js';
import type { CallType } from '../core/enums';
import type { ReinviteQueue } from './hold';
import type { CallMedia } from './media';

/** An outgoing REFER of this call that has not reached a final NOTIFY yet. */
export interface PendingTransfer {
  /** The transferee accepted the REFER (202). */
  accepted: boolean;
  settle(ok: boolean, statusCode?: number, reasonPhrase?: string): void;
}

/** What the backend keeps per own call; deleted (with all it holds) when the call ends. */
export interface CallEntry {
  readonly id: string;
  readonly type: CallType;
  ua: UserAgent;
  /** The SIP.js session that is the call now (a redirect, REFER or Replaces swaps it). */
  session: Session;
  /** An INVITE made for an incoming REFER, not yet answered. */
  referral: Inviter | null;
  established: boolean;
  controllable: boolean;
  localHold: boolean;
  remoteHold: boolean;
  redirects: number;
  /** Final answer to our INVITE (read in onReject, which runs after Terminated). */
  final: { code: number; phrase: string } | null;
  cancelled: boolean;
  /** Set by a local action before the session ends: local, forwarded, transferred, transport. */
  endReason: string | null;
  pickup: boolean;
  transfer: PendingTransfer | null;
  /** Resolves once a re-INVITE may be sent (as callee: the ACK of our 200 has arrived). */
  ready: Promise<void>;
  ended: boolean;
  readonly queue: ReinviteQueue;
  readonly media: CallMedia;
  /** Listener removers and timer cancellers tied to this call. */
  readonly cleanups: Set<() => void>;
}

/** getUserMedia constraints for a call; a chosen device is preferred (`ideal`), not forced. */
export function mediaOptions(
  type: CallType,
  devices?: MediaDevicePreferences,
): { constraints: MediaStreamConstraints } {
  const pick = (id: string | null | undefined): boolean | MediaTrackConstraints =>
    id ? { deviceId: { ideal: id } } : true;
  return {
    constraints: {
      audio: pick(devices?.microphone),
      video: type === 'VIDEO' ? pick(devices?.camera) : false,
    },
  };
}

/** Ends a session by whatever its state allows, ignoring failures (dead transport). */
export function endSessionQuietly(session: Session, rejectCode = 480): void {
  const swallow = (p: Promise<unknown>) => void p.catch(() => {});
  try {
    switch (session.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (session instanceof Inviter) swallow(session.cancel());
        else if (session instanceof Invitation) swallow(session.reject({ statusCode: rejectCode }));
        break;
      case SessionState.Established:
        swallow(session.bye());
        break;
      default:
        break;
    }
  } catch {
    // already ending
  }
}

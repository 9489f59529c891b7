// The DOM events of <oz-dialer>: CustomEvents that bubble out of the shadow root (composed), so
// a page can listen on the element or on any ancestor.
import type { CallState, ConnectionState } from '../core/enums';
import type { OzErrorCode } from '../core/errors';

export interface OzConnectionDetail {
  readonly state: ConnectionState;
}

export interface OzCallStateDetail {
  readonly callId: string;
  readonly state: CallState;
  /** The other party's number (extension, phone number or SIP URI). */
  readonly otherParty: string;
}

export interface OzIncomingCallDetail {
  readonly callId: string;
  readonly from: string;
  /** The caller's display name when the PBX or the directory knows one. Plain text. */
  readonly displayName: string | null;
}

export interface OzErrorDetail {
  readonly code: OzErrorCode;
  readonly message: string;
}

/** A DTMF key the other party sent (SIP INFO; RFC 4733 tones are not visible to a browser). */
export interface OzDtmfDetail {
  readonly callId: string;
  readonly key: string;
}

/** A text message the other party sent within a call. Plain text. */
export interface OzMessageDetail {
  readonly callId: string;
  readonly from: string;
  readonly text: string;
}

export interface OzDialerEventMap {
  'oz-connection': CustomEvent<OzConnectionDetail>;
  'oz-call-state': CustomEvent<OzCallStateDetail>;
  'oz-incoming-call': CustomEvent<OzIncomingCallDetail>;
  'oz-error': CustomEvent<OzErrorDetail>;
  'oz-dtmf': CustomEvent<OzDtmfDetail>;
  'oz-message': CustomEvent<OzMessageDetail>;
}

export type OzDialerEventName = keyof OzDialerEventMap;
export type OzDialerEventDetail<K extends OzDialerEventName> =
  OzDialerEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches one widget event on `target`; details are frozen so listeners cannot alter them. */
export function emitWidgetEvent<K extends OzDialerEventName>(
  target: EventTarget,
  name: K,
  detail: OzDialerEventDetail<K>,
): void {
  target.dispatchEvent(
    new CustomEvent(name, {
      detail: Object.freeze({ ...(detail as object) }),
      bubbles: true,
      composed: true,
    }),
  );
}

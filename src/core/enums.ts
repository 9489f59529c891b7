// Ozeki's enums are plain-string globals (examples compare with literals such as "RINGING"), so
// every member's value is its own name.

/** `{ A: 'A', B: 'B' }` from `'A', 'B'`, typed as precisely as an `as const` literal. */
const named = <K extends string>(...keys: K[]): { readonly [P in K]: P } =>
  Object.fromEntries(keys.map((k) => [k, k])) as { readonly [P in K]: P };

export const ConnectionState = /* @__PURE__ */ named(
  'ACCESS_GRANTED',
  'ACCESS_DENIED',
  'CONNECTION_FAILED',
  'CONNECTION_CLOSED',
);
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

/** The 7 documented values plus ANSWERED, fired once at pick-up just before IN_CALL. */
export const CallState = /* @__PURE__ */ named(
  'RINGING',
  'ANSWERED',
  'IN_CALL',
  'HOLD',
  'COMPLETED',
  'BUSY',
  'NOT_FOUND',
  'REJECTED',
);
export type CallState = (typeof CallState)[keyof typeof CallState];

/** Terminal call states: the call object is finished once it reaches one of them. */
export const TERMINAL_CALL_STATES: ReadonlySet<CallState> = new Set<CallState>([
  'COMPLETED',
  'BUSY',
  'NOT_FOUND',
  'REJECTED',
]);
export const isTerminalCallState = (s: CallState): boolean => TERMINAL_CALL_STATES.has(s);

/** The coarse session vocabulary of onSessionStateChanged (Ozeki p_5173). */
export const SessionState = /* @__PURE__ */ named(
  'RINGING',
  'IN_CALL',
  'HOLD',
  'COMPLETED',
  'BUSY',
  'NOT_FOUND',
  'REJECTED',
);
export type SessionState = (typeof SessionState)[keyof typeof SessionState];

/** The 19 PBX session states accepted by getActiveSessionsBySessionState (Ozeki p_5380). */
export const PbxSessionState = /* @__PURE__ */ named(
  'RINGING',
  'INCALL',
  'CALLEEONHOLD',
  'CALLERONHOLD',
  'ONHOLD',
  'ONHOLDINACTIVE',
  'TRANSFERREQUESTED',
  'TRANSFERRING',
  'TRANSFERCOMPLETED',
  'TRANSFERFAILED',
  'CALLERHUNGUP',
  'CALLEEHUNGUP',
  'REDIRECTED',
  'NOTFOUND',
  'BUSY',
  'CANCELLED',
  'NOTANSWERED',
  'ERROR',
  'ABORTED',
);
export type PbxSessionState = (typeof PbxSessionState)[keyof typeof PbxSessionState];

/**
 * The documented mapping from the fine PBX vocabulary to the coarse one. Transfer-in-progress
 * states keep the call up (IN_CALL); every way a call can end without being answered maps to the
 * outcome a caller would see.
 */
export const PBX_TO_SESSION_STATE: Readonly<Record<PbxSessionState, SessionState>> = {
  RINGING: 'RINGING',
  INCALL: 'IN_CALL',
  CALLEEONHOLD: 'HOLD',
  CALLERONHOLD: 'HOLD',
  ONHOLD: 'HOLD',
  ONHOLDINACTIVE: 'HOLD',
  TRANSFERREQUESTED: 'IN_CALL',
  TRANSFERRING: 'IN_CALL',
  TRANSFERCOMPLETED: 'COMPLETED',
  TRANSFERFAILED: 'IN_CALL',
  CALLERHUNGUP: 'COMPLETED',
  CALLEEHUNGUP: 'COMPLETED',
  REDIRECTED: 'COMPLETED',
  NOTFOUND: 'NOT_FOUND',
  BUSY: 'BUSY',
  CANCELLED: 'COMPLETED',
  NOTANSWERED: 'REJECTED',
  ERROR: 'REJECTED',
  ABORTED: 'COMPLETED',
};

/**
 * Normalises any state name a caller may pass to getActiveSessionsBySessionState: the coarse
 * values, the 19 PBX values, CallState values (the Ozeki example passes CallState.IN_CALL) and
 * any letter case. Returns null for a name that is none of them.
 */
export function toSessionState(name: string): SessionState | null {
  const upper = name.trim().toUpperCase();
  if (upper in SessionState) return upper as SessionState;
  if (upper in PBX_TO_SESSION_STATE) return PBX_TO_SESSION_STATE[upper as PbxSessionState];
  if (upper === 'ANSWERED') return 'IN_CALL';
  return null;
}

export const CallType = /* @__PURE__ */ named('AUDIO', 'VIDEO');
export type CallType = (typeof CallType)[keyof typeof CallType];

/** BLF lamp of an extension, kept in state.extensionStates (not inside the extension record). */
export const ExtensionState = {
  IDLE: 'idle',
  RINGING: 'ringing',
  BUSY: 'busy',
  ONHOLD: 'onhold',
  OFFLINE: 'offline',
  UNKNOWN: 'unknown',
} as const;
export type ExtensionState = (typeof ExtensionState)[keyof typeof ExtensionState];

/** Common extension types; `type` stays an open string supplied by the directory. */
export const ExtensionType = {
  SIP: 'SIP',
  WEBPHONE: 'Webphone',
  IVR: 'IVR',
  VOICEMAIL: 'Voicemail',
  QUEUE: 'Queue',
  CONFERENCE: 'Conference',
} as const;

export const OutsideLineType = {
  SIP_TRUNK: 'SIP trunk',
  WEBPHONE: 'Webphone',
} as const;

export const ClientStatus = /* @__PURE__ */ named('ONLINE', 'OFFLINE');
export type ClientStatus = (typeof ClientStatus)[keyof typeof ClientStatus];

export const DTMF_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;
export type DtmfKey = (typeof DTMF_KEYS)[number];
export const isDtmfKey = (k: string): k is DtmfKey => (DTMF_KEYS as readonly string[]).includes(k);

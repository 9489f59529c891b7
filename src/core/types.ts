import type { CallState, CallType, ConnectionState, PbxSessionState, SessionState } from './enums';
import type { OzError } from './errors';

/** The directory document: arrays of records with fixed field names (README: "Directory"). */
export interface DirectoryDocument {
  users: DirectoryUser[];
  extensions: DirectoryExtension[];
  outsideLines: DirectoryExtension[];
}
export interface DirectoryUser {
  id: string;
  fullName: string;
  emailAddress?: string;
  phoneNumber?: string;
  mobileNumber?: string;
  /** Extension ids; devices[0] is dialable (Ozeki's getUserById example). */
  devices: string[];
}
export interface DirectoryExtension {
  id: string;
  type: string;
  displayName?: string;
}

/** Ozeki's `User`: plain, frozen data. */
export interface User {
  readonly id: string;
  readonly fullName: string;
  readonly emailAddress?: string;
  readonly phoneNumber?: string;
  readonly mobileNumber?: string;
  readonly devices: readonly string[];
}

/** Ozeki's `Extension`, used for extensions and outside lines alike. */
export interface Extension {
  readonly id: string;
  readonly type: string;
  readonly displayName?: string;
  readonly kind: 'extension' | 'outsideLine';
}

export type ConnectionPhase =
  'idle' | 'connecting' | 'registered' | 'reconnecting' | 'failed' | 'closed';

export interface ConnectionRecord {
  /** The Ozeki-level state last reported through onConnectionStateChanged; null before connect. */
  readonly state: ConnectionState | null;
  /** The finer state of the design: connecting, registered, reconnecting, failed, closed. */
  readonly phase: ConnectionPhase;
  readonly registered: boolean;
  readonly server: string | null;
  readonly user: string | null;
  /** Reconnect attempt number (0 when not reconnecting). */
  readonly attempt: number;
  /** When the next reconnect attempt is due (ms since epoch), while reconnecting. */
  readonly nextAttemptAt: number | null;
  readonly lastError: OzError | null;
}

export type CallDirection = 'outbound' | 'inbound';

/** One own call leg, as kept in state.calls while it is alive. */
export interface CallRecord {
  readonly id: string;
  readonly direction: CallDirection;
  /** The number as given to createCall, or the caller's number for an inbound call. */
  readonly otherParty: string;
  readonly otherPartyName: string | null;
  readonly dialedNumber: string;
  readonly type: CallType;
  /** null until start() (outbound) or the first SIP progress. */
  readonly state: CallState | null;
  readonly started: boolean;
  readonly createdAt: number;
  readonly answeredAt: number | null;
  readonly endedAt: number | null;
  readonly muted: boolean;
  readonly localHold: boolean;
  readonly remoteHold: boolean;
  /** A hold/unhold re-INVITE is on its way; the state changes only when the peer accepts. */
  readonly pending: 'hold' | 'unhold' | 'transfer' | null;
  readonly earlyMedia: boolean;
  /** False while the transport is down: the call cannot be controlled until the client is back. */
  readonly controllable: boolean;
  readonly statusCode: number | null;
  readonly endReason: string | null;
  readonly remoteVideo: boolean;
}

export interface MessageRecord {
  readonly id: string;
  readonly callId: string | null;
  readonly direction: 'in' | 'out';
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly time: number;
}

/** A PBX-wide call observed by the client (Ozeki `Session` data). */
export interface SessionRecord {
  readonly sessionId: string;
  readonly masterSessionId: string;
  readonly sessionState: SessionState;
  readonly pbxState: PbxSessionState;
  readonly startedAt: number;
  readonly answeredAt: number | null;
  readonly stateChangedAt: number;
  readonly endedAt: number | null;
  readonly caller: string;
  readonly callee: string;
  readonly callerDisplayName: string;
  readonly calleeDisplayName: string;
  readonly callerCallLegId: string;
  readonly calleeCallLegId: string;
  readonly source: string;
  readonly sourceType: string;
  readonly destination: string;
  readonly destinationType: string;
  readonly dialedNumber: string;
  /** SIP Call-ID and tags when the session comes from dialog-info. */
  readonly sipCallId?: string;
  readonly callerTag?: string;
  readonly calleeTag?: string;
}

export type HistoryDirection = 'Internal' | 'External' | 'Inbound' | 'Outbound';

/** A call-history record; field names after Ozeki's GetCallHistory record, camel-cased. */
export interface HistoryRecord {
  readonly callId: string;
  /** ISO 8601. */
  readonly startTime: string;
  readonly direction: HistoryDirection;
  readonly source: string;
  readonly destination: string;
  /** Final state: CallerHungUp, CalleeHungUp, Busy, NotFound, Rejected, Cancelled, ... */
  readonly state: string;
  readonly dialed: string;
  readonly callerId: string;
  readonly type: 'Audio' | 'Video';
  /** Whole seconds. */
  readonly ringDuration: number;
  readonly talkDuration: number;
  /** own = a call of this client; observed = a session seen on a watched extension. */
  readonly origin: 'own' | 'observed';
}

/** Argument of onClientStateChanged: the other client's properties merged in, keys as sent. */
export type ClientInfo = {
  phoneNumber: string;
  status: 'ONLINE' | 'OFFLINE';
} & Record<string, unknown>;

export interface ConnectionInfo {
  State: ConnectionState;
  /** Extension: the error behind a failure state, if any. */
  Error?: OzError;
}

/** Filters of getCallHistory, after Ozeki's GetCallHistory HTTP API (camel-cased). */
export interface CallHistoryFilter {
  pageNumber?: number;
  rowsPerPage?: number;
  /** ISO date-time or ms since epoch: only records that started at or after it. */
  from?: string | number;
  to?: string | number;
  /** Free text matched against source, destination, dialed and callerId. */
  general?: string;
  direction?: HistoryDirection;
  source?: string;
  destination?: string;
  state?: string;
  dialed?: string;
  callerId?: string;
  callId?: string;
  /** Extension: only records where this extension is source or destination. */
  extension?: string;
}

export interface CallHistoryInfo {
  records: HistoryRecord[];
  totalRecords: number;
  pageNumber: number;
  rowsPerPage: number;
}

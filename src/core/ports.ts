import type {
  CallState,
  CallType,
  ConnectionState,
  ExtensionState,
  PbxSessionState,
} from './enums';
import type { OzError } from './errors';
import type { ClientInfo, ConnectionPhase, HistoryRecord, SessionRecord } from './types';

/** What connect() hands to a backend. The password never enters the store. */
export interface ConnectParams {
  serverAddress: string;
  user: string;
  password: string | undefined;
  properties: Readonly<Record<string, unknown>>;
}

export interface ConnectionUpdate {
  phase: ConnectionPhase;
  /** The Ozeki-level state to announce through onConnectionStateChanged, if it changed. */
  state?: ConnectionState;
  server?: string;
  attempt?: number;
  nextAttemptAt?: number | null;
  error?: OzError;
}

export interface IncomingCallInfo {
  callId: string;
  from: string;
  fromDisplayName?: string;
  to: string;
  type: CallType;
  /** The SIP Call-ID, so the core can tell this call apart in dialog-info sessions. */
  sipCallId?: string;
}

/**
 * Progress of an own call as the backend sees it. The core derives the Ozeki CallState from it:
 * `answered` becomes ANSWERED then IN_CALL; a hold flag on either side becomes HOLD.
 */
export interface CallProgress {
  state?: CallState;
  earlyMedia?: boolean;
  localHold?: boolean;
  remoteHold?: boolean;
  muted?: boolean;
  pending?: 'hold' | 'unhold' | 'transfer' | null;
  controllable?: boolean;
  statusCode?: number;
  reason?: string;
  otherParty?: string;
  otherPartyName?: string;
  remoteVideo?: boolean;
  /** The SIP Call-ID of the call's current INVITE dialog (a new one after a redirect). */
  sipCallId?: string;
}

export interface SessionUpsert extends Partial<Omit<SessionRecord, 'sessionId' | 'sessionState'>> {
  sessionId: string;
  pbxState: PbxSessionState;
}

/** The backend reports everything through these; the core turns them into store updates. */
export interface BackendEvents {
  now(): number;
  /** Applies everything `fn` reports as one store update (a NOTIFY burst). */
  batch?(fn: () => void): void;
  connection(update: ConnectionUpdate): void;
  incomingCall(info: IncomingCallInfo): void;
  callProgress(callId: string, update: CallProgress): void;
  message(m: { callId: string | null; from: string; to: string; text: string }): void;
  /** A DTMF key received from the peer (SIP INFO or RFC 4733 where it can be observed). */
  dtmf(callId: string, key: string): void;
  /** A backend that carries its own directory (the simulator) pushes it here; it is validated. */
  directory(doc: unknown): void;
  extensionStates(states: Readonly<Record<string, ExtensionState>>): void;
  /** Applied as one store update. */
  sessions(change: {
    upsert?: SessionUpsert[];
    close?: { sessionId: string; pbxState: PbxSessionState }[];
  }): void;
  client(info: ClientInfo): void;
  error(err: OzError): void;
}

export interface BackendCapabilities {
  video: boolean;
  attendedTransfer: boolean;
  pickup: boolean;
}

/**
 * The port both backends implement (SIP.js, simulator). Methods resolve when the request was
 * sent or done and reject with an OzError; state changes arrive through BackendEvents.
 */
export interface PbxBackend {
  readonly kind: string;
  readonly capabilities: BackendCapabilities;
  /** Session control the backend brings itself (the simulator controls its own sessions). */
  readonly sessionControl?: SessionControl;
  connect(params: ConnectParams, events: BackendEvents): Promise<void>;
  disconnect(): Promise<void>;
  startCall(callId: string, target: string, options: { type: CallType }): Promise<void>;
  accept(callId: string, options: { type: CallType }): Promise<void>;
  reject(callId: string): Promise<void>;
  hangUp(callId: string): Promise<void>;
  hold(callId: string): Promise<void>;
  unHold(callId: string): Promise<void>;
  transfer(callId: string, target: string): Promise<void>;
  attendedTransfer(callId: string, otherCallId: string): Promise<void>;
  forward(callId: string, target: string): Promise<void>;
  sendDtmf(callId: string, key: string): Promise<void>;
  setMuted(callId: string, muted: boolean): Promise<void>;
  sendMessage(target: { callId: string | null; to: string }, text: string): Promise<void>;
  /** Pick up a ringing observed session into a new own call `callId`. */
  pickup(callId: string, session: SessionRecord): Promise<void>;
  attachCamera(callId: string, camera: CameraSource): Promise<void>;
  setRemoteDisplay(callId: string, target: string | HTMLMediaElement | null): void;
  /** Re-register now (browser `online` event, tab visible again). */
  refresh?(): void;
  /** Devices for new calls (microphone, camera) and for remote audio (speaker, where possible). */
  setMediaDevices?(devices: MediaDevicePreferences): void;
  /**
   * The extensions whose dialog/presence state to follow (from `sip.watch`, resolved against
   * the directory by the core). Called after connect and whenever the directory changes.
   */
  watch?(extensionIds: readonly string[]): void;
}

/** Devices the user chose (deviceIds; null = the browser's default). */
export interface MediaDevicePreferences {
  readonly microphone: string | null;
  readonly speaker: string | null;
  readonly camera: string | null;
}

/** What a backend needs from an OzCamera to send video. */
export interface CameraSource {
  readonly name: string | undefined;
  readonly bandwidth: number;
  readonly quality: number;
  getStream(): Promise<MediaStream>;
}

/** Where the directory comes from. Returns null when the source is unchanged (HTTP 304). */
export interface DirectorySource {
  load(signal?: AbortSignal): Promise<unknown>;
}

/** Call-history persistence, per account (user and server). */
export interface HistoryStore {
  add(account: string, record: HistoryRecord): Promise<void>;
  list(account: string): Promise<HistoryRecord[]>;
  clear(account: string): Promise<void>;
}

export type SessionControlOp =
  | 'hangup'
  | 'close'
  | 'closeWithHangup'
  | 'hold'
  | 'unhold'
  | 'forward'
  | 'blindTransfer'
  | 'sendDtmf'
  | 'startListen'
  | 'stopListen';

export interface SessionControlArgs {
  target?: string;
  party?: string;
  key?: string;
}

/** Third-party control of observed sessions (e.g. Kamailio JSON-RPC dlg.end_dlg). */
export interface SessionControl {
  supports(op: SessionControlOp): boolean;
  perform(op: SessionControlOp, session: SessionRecord, args: SessionControlArgs): Promise<void>;
}

import { Call, type CallAction } from './call';
import type { OzCamera } from './camera';
import { requireDialable } from './dialable';
import { parseDirectoryDocument } from './directoryDocument';
import { Emitter } from './emitter';
import type { ConnectionState } from './enums';
import {
  CallType,
  PBX_TO_SESSION_STATE,
  isTerminalCallState,
  type CallState,
  type ExtensionState,
  type SessionState,
} from './enums';
import { OzError } from './errors';
import { Helper } from './helper';
import { pageHistory } from './historyFilter';
import type { ClientFactories, OzClientOptions } from './options';
import type {
  BackendEvents,
  CallProgress,
  ConnectionUpdate,
  DirectorySource,
  HistoryStore,
  IncomingCallInfo,
  MediaDevicePreferences,
  PbxBackend,
  SessionControlArgs,
  SessionControlOp,
  SessionUpsert,
} from './ports';
import { Session } from './session';
import { StoreWriter, createOzStore, initialConnection, type OzState, type OzStore } from './store';
import type {
  CallHistoryFilter,
  CallHistoryInfo,
  CallRecord,
  ClientInfo,
  ConnectionInfo,
  DirectoryDocument,
  Extension,
  HistoryRecord,
  MessageRecord,
  SessionRecord,
  User,
} from './types';

let idCounter = 0;
const newId = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${(idCounter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

const seconds = (ms: number): number => Math.max(0, Math.floor(ms / 1000));

/** The public face of a client: Ozeki's OzWebClient plus the design's additions. */
export interface OzClient {
  readonly helper: Helper<Session>;
  readonly store: OzStore;
  configure(options: OzClientOptions): void;
  connect(serverAddress: string, token: string, properties?: ConnectProperties): void;
  disconnect(): void;
  createCall(phoneNumber: string, callType?: CallType): Call;
  checkWebPhoneState(): WebPhoneState;
  getCallHistory(filter?: CallHistoryFilter): void;
  refreshDirectory(): Promise<void>;
  /** Extension: the Call object of a live call id (hooks use it). */
  getCall(callId: string): Call | null;
  /** Extension: the Session object of an active session id. */
  getSession(sessionId: string): Session | null;
  /** Extension: the microphone, speaker and camera calls use (null = the browser default). */
  setMediaDevices(devices: Partial<MediaDevicePreferences>): void;
  /** Extension: forgets the stored call history of the current account. */
  clearCallHistory(): Promise<void>;
  /** Promise twins of connect/disconnect, for code that awaits (the React provider). */
  connectAsync(serverAddress: string, token: string, properties?: ConnectProperties): Promise<void>;
  disconnectAsync(): Promise<void>;
  onConnectionStateChanged(cb: (info: ConnectionInfo) => void): () => void;
  onClientStateChanged(cb: (client: ClientInfo) => void): () => void;
  onIncomingCall(cb: (call: Call) => void): () => void;
  onSessionCreated(cb: (session: Session) => void): () => void;
  onSessionClosed(cb: (session: Session) => void): () => void;
  onErrorOccured(cb: (error: OzError) => void): () => void;
  onCallHistoryInfoReceived(cb: (history: CallHistoryInfo) => void): () => void;
  onUserInfoReceived(cb: (user: User) => void): () => void;
  /** Extension: every call state change of every own call (the widget and hooks use it). */
  onCallStateChanged(cb: (call: Call, state: CallState) => void): () => void;
  /** Extension: how many handlers are subscribed in total (leak checks in tests). */
  listenerCount(): number;
}

export interface ConnectProperties {
  Password?: string;
  [key: string]: unknown;
}

/** checkWebPhoneState(): what this environment and connection can do. [unknown] in Ozeki. */
export interface WebPhoneState {
  connectionState: ConnectionState | null;
  registered: boolean;
  webrtc: boolean;
  microphone: boolean;
  backend: string | null;
}

type Pending = () => void;

/** One client: one store, one backend at a time, queued connect/disconnect. */
export class OzClientImpl implements OzClient {
  readonly store: OzStore = createOzStore();
  readonly helper: Helper<Session>;
  readonly #w: StoreWriter;
  #options: OzClientOptions;
  readonly #factories: ClientFactories;
  #backend: PbxBackend | null = null;
  #history: HistoryStore | null = null;
  #directorySource: DirectorySource | null = null;
  #account: string | null = null;
  #queue: Promise<void> = Promise.resolve();
  #generation = 0;
  readonly #callObjects = new Map<string, Call>();
  readonly #sessionObjects = new Map<string, Session>();
  /** Emits deferred until the current store batch is committed, so handlers see the new state. */
  #pending: Pending[] | null = null;
  readonly #localEnd = new Set<string>();
  /** The watch list last handed to the backend (joined), to avoid resubscribing for nothing. */
  #watched: string | null = null;
  readonly #pendingDisplay = new Map<string, string | HTMLMediaElement>();
  #devices: MediaDevicePreferences = { microphone: null, speaker: null, camera: null };
  /** Ids of recent own calls, so an observed session of one of them is not recorded twice. */
  readonly #ownCallIds = new Set<string>();

  #rememberOwnCall(id: string): void {
    this.#ownCallIds.add(id);
    if (this.#ownCallIds.size > 500)
      this.#ownCallIds.delete(this.#ownCallIds.values().next().value as string);
  }

  #isOwnLeg(r: SessionRecord): boolean {
    return [r.callerCallLegId, r.calleeCallLegId, r.sipCallId].some(
      (id) => !!id && this.#ownCallIds.has(id),
    );
  }

  readonly #handlerError = (err: unknown) =>
    this.reportError(err, new OzError('INTERNAL', 'An event handler threw'));
  readonly #ev = {
    connection: new Emitter<[ConnectionInfo]>(this.#handlerError),
    client: new Emitter<[ClientInfo]>(this.#handlerError),
    incoming: new Emitter<[Call]>(this.#handlerError),
    sessionCreated: new Emitter<[Session]>(this.#handlerError),
    sessionClosed: new Emitter<[Session]>(this.#handlerError),
    error: new Emitter<[OzError]>(() => {}),
    history: new Emitter<[CallHistoryInfo]>(this.#handlerError),
    user: new Emitter<[User]>(this.#handlerError),
    callState: new Emitter<[Call, CallState]>(this.#handlerError),
  };

  constructor(options: OzClientOptions, factories: ClientFactories) {
    this.#factories = factories;
    this.#options = { ...options };
    this.#w = new StoreWriter(this.store);
    this.helper = new Helper(this.store, (r) => this.#sessionObject(r));
  }

  now(): number {
    return (this.#options.now ?? Date.now)();
  }

  // ---- configuration and connection -------------------------------------------------------

  configure(options: OzClientOptions): void {
    this.#options = { ...this.#options, ...options, sip: { ...this.#options.sip, ...options.sip } };
  }

  connect(serverAddress: string, token: string, properties: ConnectProperties = {}): void {
    void this.connectAsync(serverAddress, token, properties).catch(() => {});
  }

  connectAsync(
    serverAddress: string,
    token: string,
    properties: ConnectProperties = {},
  ): Promise<void> {
    if (typeof serverAddress !== 'string')
      throw new OzError(
        'INVALID_ARGUMENT',
        'connect(serverAddress, token): serverAddress must be a string',
      );
    if (typeof token !== 'string' || token.trim() === '')
      throw new OzError(
        'INVALID_ARGUMENT',
        'connect(serverAddress, token): token (the extension) must be a non-empty string',
      );
    const { Password, ...rest } = properties ?? {};
    const gen = ++this.#generation;
    return this.#enqueue(async () => {
      if (gen !== this.#generation) return; // superseded by a later connect/disconnect
      await this.#teardown('CONNECTION_CLOSED', false);
      await this.#doConnect(
        serverAddress,
        token.trim(),
        typeof Password === 'string' ? Password : undefined,
        rest,
      );
    });
  }

  disconnect(): void {
    void this.disconnectAsync().catch(() => {});
  }

  disconnectAsync(): Promise<void> {
    ++this.#generation;
    return this.#enqueue(() => this.#teardown('CONNECTION_CLOSED', true));
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => {});
    return run;
  }

  async #doConnect(
    serverAddress: string,
    user: string,
    password: string | undefined,
    properties: Record<string, unknown>,
  ): Promise<void> {
    let backend: PbxBackend;
    try {
      backend = this.#options.backend ?? this.#factories.backend(this.#options);
    } catch (err) {
      const e = OzError.from(err, 'CONNECTION_FAILED', 'The PBX connection could not be set up');
      this.#applyConnection({ phase: 'failed', state: 'CONNECTION_FAILED', error: e });
      this.reportError(e, e);
      return;
    }
    this.#backend = backend;
    this.#watched = null;
    backend.setMediaDevices?.(this.#devices);
    const account = `${user}@${serverAddress || backend.kind}`;
    if (account !== this.#account) {
      // Another account: nothing of the previous one may show through.
      this.#w.batch(() => {
        this.#w.replaceMap('history', {});
        this.#w.replaceMap('messages', {});
        this.#w.set({ lastEndedCall: null });
      });
    }
    this.#account = account;
    this.#w.set({
      connection: {
        ...initialConnection,
        phase: 'connecting',
        user,
        server: serverAddress || null,
      },
    });
    const historyReady = this.#loadHistory();
    const directoryReady =
      this.#options.directory !== undefined ? this.refreshDirectory() : Promise.resolve();
    const events = this.#backendEvents(backend);
    try {
      await backend.connect({ serverAddress, user, password, properties }, events);
    } catch (err) {
      const e = OzError.from(
        err,
        'CONNECTION_FAILED',
        `Could not connect to ${serverAddress || 'the PBX'}`,
      );
      if (this.#backend === backend) {
        this.#applyConnection({
          phase: 'failed',
          state: e.code === 'ACCESS_DENIED' ? 'ACCESS_DENIED' : 'CONNECTION_FAILED',
          error: e,
        });
      }
      this.reportError(e, e);
    }
    await Promise.all([historyReady, directoryReady]);
  }

  /** Ends everything of the current backend; announces `state` if there was a connection. */
  async #teardown(state: ConnectionState, announce: boolean): Promise<void> {
    const backend = this.#backend;
    if (!backend) {
      if (
        announce &&
        this.#w.state.connection.phase !== 'idle' &&
        this.#w.state.connection.phase !== 'closed'
      ) {
        this.#applyConnection({ phase: 'closed', state });
      }
      return;
    }
    this.#backend = null;
    try {
      await backend.disconnect();
    } catch (err) {
      this.reportError(err, new OzError('INTERNAL', 'Disconnect failed'));
    }
    // No ghost calls or sessions survive a disconnect.
    this.#batch(() => {
      for (const id of Object.keys(this.#w.state.calls)) {
        this.#applyCallProgress(id, { state: 'COMPLETED', reason: 'disconnected' });
      }
      const sessions = Object.values(this.#w.state.sessions);
      if (sessions.length)
        this.#applySessions(
          {
            close: sessions.map((s) => ({ sessionId: s.sessionId, pbxState: 'ABORTED' as const })),
          },
          false,
        );
      this.#w.replaceMap('extensionStates', {});
      this.#w.replaceMap('clients', {});
    });
    if (announce || this.#w.state.connection.state !== state)
      this.#applyConnection({ phase: 'closed', state });
  }

  #backendEvents(backend: PbxBackend): BackendEvents {
    // Events from a backend that is no longer the current one are dropped.
    const live =
      <A extends unknown[]>(fn: (...a: A) => void) =>
      (...a: A) => {
        if (this.#backend !== backend) return;
        try {
          fn(...a);
        } catch (err) {
          this.reportError(err, new OzError('INTERNAL', 'Applying a PBX event failed'));
        }
      };
    return {
      now: () => this.now(),
      batch: live((fn: () => void) => this.#batch(fn)),
      connection: live((u: ConnectionUpdate) => this.#applyConnection(u)),
      incomingCall: live((i: IncomingCallInfo) => this.#applyIncoming(i)),
      callProgress: live((id: string, p: CallProgress) =>
        this.#batch(() => this.#applyCallProgress(id, p)),
      ),
      message: live((m: { callId: string | null; from: string; to: string; text: string }) =>
        this.#applyMessage(m, 'in'),
      ),
      dtmf: live((callId: string, key: string) =>
        this.#callObjects.get(callId)?.dtmfReceived.emit(key),
      ),
      // A directory the app configured wins over one the backend brings (the simulator's).
      directory: live((doc: unknown) => {
        if (this.#options.directory === undefined) this.#applyDirectoryInput(doc);
      }),
      extensionStates: live((states: Readonly<Record<string, ExtensionState>>) =>
        this.#w.updateMap('extensionStates', states),
      ),
      sessions: live(
        (c: {
          upsert?: SessionUpsert[];
          close?: { sessionId: string; pbxState: SessionUpsert['pbxState'] }[];
        }) => this.#batch(() => this.#applySessions(c, true)),
      ),
      client: live((c: ClientInfo) => this.#applyClient(c)),
      error: live((e: OzError) => this.reportError(e, e)),
    };
  }

  /** Tells the backend which extensions to watch: sip.watch resolved against the directory. */
  #updateWatch(): void {
    const backend = this.#backend;
    if (!backend?.watch || !this.#w.state.connection.registered) return;
    const spec = this.#options.sip?.watch ?? 'directory';
    const ids =
      spec === 'none' ? [] : spec === 'directory' ? Object.keys(this.#w.state.extensions) : spec;
    const key = ids.join('\n');
    if (key === this.#watched) return;
    this.#watched = key;
    backend.watch(ids.filter((id) => id !== ''));
  }

  #applyConnection(u: ConnectionUpdate): void {
    const prev = this.#w.state.connection;
    const next = {
      ...prev,
      phase: u.phase,
      registered: u.phase === 'registered',
      state: u.state ?? prev.state,
      server: u.server ?? prev.server,
      attempt: u.attempt ?? (u.phase === 'reconnecting' ? prev.attempt : 0),
      nextAttemptAt:
        u.nextAttemptAt !== undefined
          ? u.nextAttemptAt
          : u.phase === 'reconnecting'
            ? prev.nextAttemptAt
            : null,
      lastError: u.error ?? (u.phase === 'registered' ? null : prev.lastError),
    };
    this.#w.set({ connection: next });
    if (u.error && u.phase !== 'failed') this.reportError(u.error, u.error);
    if (u.state)
      this.#ev.connection.emit(u.error ? { State: u.state, Error: u.error } : { State: u.state });
    if (next.registered && !prev.registered) this.#updateWatch();
    // Back after a drop: the directory may have changed meanwhile (ETag keeps this cheap).
    if (next.registered && prev.phase === 'reconnecting' && this.#options.directory !== undefined)
      void this.refreshDirectory();
  }

  setMediaDevices(devices: Partial<MediaDevicePreferences>): void {
    this.#devices = { ...this.#devices, ...devices };
    this.#backend?.setMediaDevices?.(this.#devices);
  }

  checkWebPhoneState(): WebPhoneState {
    const c = this.#w.state.connection;
    const nav = typeof navigator === 'undefined' ? undefined : navigator;
    return {
      connectionState: c.state,
      registered: c.registered,
      webrtc: typeof RTCPeerConnection !== 'undefined',
      microphone: !!nav?.mediaDevices?.getUserMedia,
      backend: this.#backend?.kind ?? null,
    };
  }

  // ---- directory --------------------------------------------------------------------------

  async refreshDirectory(): Promise<void> {
    const spec = this.#options.directory;
    if (spec === undefined) return;
    this.#directorySource ??= this.#factories.directorySource(spec);
    let doc: unknown;
    try {
      doc = await this.#directorySource.load();
    } catch (err) {
      // The last good directory stays.
      this.reportError(
        err,
        new OzError('DIRECTORY_FETCH_FAILED', 'The directory could not be loaded'),
      );
      return;
    }
    if (doc === null) return; // unchanged (304)
    this.#applyDirectoryInput(doc);
  }

  #applyDirectoryInput(input: unknown): void {
    const r = parseDirectoryDocument(input);
    if (!r.ok) {
      this.reportError(r.error, r.error);
      return;
    }
    this.#applyDirectory(r.doc);
  }

  /** Replaces the directory whole; records equal to the old ones keep their identity. */
  #applyDirectory(doc: DirectoryDocument): void {
    const s = this.#w.state;
    const users: Record<string, User> = {};
    for (const u of doc.users) {
      const rec: User = Object.freeze({ ...u, devices: Object.freeze([...u.devices]) });
      users[u.id] = sameUser(s.users[u.id], rec) ? (s.users[u.id] as User) : rec;
    }
    const ext = (
      list: DirectoryDocument['extensions'],
      kind: Extension['kind'],
      old: Readonly<Record<string, Extension>>,
    ) => {
      const out: Record<string, Extension> = {};
      for (const e of list) {
        const rec: Extension = Object.freeze({ ...e, kind });
        const prev = old[e.id];
        out[e.id] =
          prev && prev.type === rec.type && prev.displayName === rec.displayName ? prev : rec;
      }
      return out;
    };
    this.#batch(() => {
      this.#w.replaceMap('users', users);
      this.#w.replaceMap('extensions', ext(doc.extensions, 'extension', s.extensions));
      this.#w.replaceMap('outsideLines', ext(doc.outsideLines, 'outsideLine', s.outsideLines));
      this.#w.set({ directoryVersion: s.directoryVersion + 1 });
      for (const u of Object.values(users)) this.#defer(() => this.#ev.user.emit(u));
    });
    this.#updateWatch();
  }

  // ---- calls ------------------------------------------------------------------------------

  createCall(phoneNumber: string, callType: CallType = CallType.AUDIO): Call {
    const number = requireDialable(phoneNumber);
    if (callType !== CallType.AUDIO && callType !== CallType.VIDEO) {
      throw new OzError('INVALID_ARGUMENT', `createCall: unknown call type "${String(callType)}"`);
    }
    const s = this.#w.state;
    const record: CallRecord = {
      id: newId('call'),
      direction: 'outbound',
      otherParty: number,
      otherPartyName: nameOf(s, number),
      dialedNumber: number,
      type: callType,
      state: null,
      started: false,
      createdAt: this.now(),
      answeredAt: null,
      endedAt: null,
      muted: false,
      localHold: false,
      remoteHold: false,
      pending: null,
      earlyMedia: false,
      controllable: true,
      statusCode: null,
      endReason: null,
      remoteVideo: false,
    };
    // Neither in the store nor in callObjects until start(): an unstarted call is no ghost and
    // an app that drops it leaks nothing.
    return new Call(this, record);
  }

  getCall(callId: string): Call | null {
    return this.#w.state.calls[callId] ? (this.#callObjects.get(callId) ?? null) : null;
  }

  /** @internal CallHost */
  callRecord(id: string): CallRecord | undefined {
    return this.#w.state.calls[id];
  }

  /** @internal CallHost: every Call operation goes through here. */
  async callAction(call: Call, action: CallAction, arg?: unknown): Promise<void> {
    try {
      await this.#performCallAction(call, action, arg);
    } catch (err) {
      // The call did not end by our hand after all: a later remote end is not ours.
      if (action === 'reject' || action === 'hangUp' || action === 'forward')
        this.#localEnd.delete(call.id);
      const e = OzError.from(err, actionCode(action), `${action} failed`, { callId: call.id });
      this.reportError(e, e);
      throw e;
    }
  }

  #requireBackend(): PbxBackend {
    if (!this.#backend || !this.#w.state.connection.registered) {
      throw new OzError(
        'NOT_CONNECTED',
        'Not connected to the PBX: connect first and wait for ACCESS_GRANTED',
      );
    }
    return this.#backend;
  }

  async #performCallAction(call: Call, action: CallAction, arg?: unknown): Promise<void> {
    const id = call.id;
    if (action === 'start') {
      const rec = call.getRecord();
      if (rec.started)
        throw new OzError('INVALID_STATE', 'This call was already started', { callId: id });
      const backend = this.#requireBackend();
      const started: CallRecord = { ...rec, started: true, createdAt: this.now() };
      call.remember(started);
      this.#callObjects.set(id, call);
      this.#rememberOwnCall(id);
      this.#batch(() => {
        this.#w.updateMap('calls', { [id]: started });
        this.#w.set({ currentCallId: id });
      });
      try {
        await backend.startCall(id, rec.dialedNumber, { type: rec.type });
        const display = this.#pendingDisplay.get(id);
        this.#pendingDisplay.delete(id);
        if (display !== undefined && this.callRecord(id)) backend.setRemoteDisplay(id, display);
      } catch (err) {
        // A call that could not even be sent must not linger.
        const e = OzError.from(
          err,
          'CALL_FAILED',
          `The call to ${rec.dialedNumber} could not be started`,
          { callId: id },
        );
        if (this.callRecord(id))
          this.#batch(() => this.#applyCallProgress(id, { state: 'REJECTED', reason: e.message }));
        throw e;
      }
      return;
    }
    if (action === 'setRemoteDisplay' && !call.getRecord().started) {
      // Ozeki's video example sets the display before start(): remember it until then.
      this.#pendingDisplay.set(id, (arg as string | HTMLMediaElement | undefined) ?? 'local');
      return;
    }
    const rec = this.callRecord(id);
    if (!rec)
      throw new OzError(
        'INVALID_STATE',
        action === 'hangUp' ? 'The call has already ended' : `${action}: the call is not active`,
        { callId: id },
      );
    const backend = this.#backend;
    if (!backend) throw new OzError('NOT_CONNECTED', 'Not connected to the PBX', { callId: id });
    const answered = rec.answeredAt !== null;
    const needUp = (what: string) => {
      if (!answered)
        throw new OzError('INVALID_STATE', `${what} needs an answered call`, { callId: id });
    };
    const needControl = () => {
      if (!rec.controllable)
        throw new OzError(
          'CONNECTION_LOST',
          'The call cannot be controlled until the connection is back',
          { callId: id },
        );
    };
    switch (action) {
      case 'accept':
        if (rec.direction !== 'inbound' || answered)
          throw new OzError('INVALID_STATE', 'Only a ringing incoming call can be accepted', {
            callId: id,
          });
        return backend.accept(id, { type: rec.type });
      case 'reject':
        if (rec.direction !== 'inbound' || answered)
          throw new OzError('INVALID_STATE', 'Only a ringing incoming call can be rejected', {
            callId: id,
          });
        this.#localEnd.add(id);
        return backend.reject(id);
      case 'hangUp':
        this.#localEnd.add(id);
        return backend.hangUp(id);
      case 'hold':
        needUp('hold');
        needControl();
        if (rec.localHold && rec.pending !== 'unhold') return;
        return backend.hold(id);
      case 'unHold':
        needUp('unHold');
        needControl();
        if (!rec.localHold && rec.pending !== 'hold') return;
        return backend.unHold(id);
      case 'transfer': {
        needUp('transfer');
        needControl();
        if (arg instanceof Call) {
          if (!this.callRecord(arg.id))
            throw new OzError('INVALID_STATE', 'The other call has ended', { callId: id });
          return backend.attendedTransfer(id, arg.id);
        }
        return backend.transfer(id, requireDialable(arg));
      }
      case 'forward':
        if (rec.direction !== 'inbound' || answered)
          throw new OzError('INVALID_STATE', 'Only a ringing incoming call can be forwarded', {
            callId: id,
          });
        this.#localEnd.add(id);
        return backend.forward(id, requireDialable(arg));
      case 'sendDtmf': {
        needUp('sendDtmf');
        const key = typeof arg === 'string' ? arg : '';
        if (!/^[0-9*#]$/.test(key))
          throw new OzError('INVALID_ARGUMENT', 'sendDtmf needs one key of 0-9, *, #', {
            callId: id,
          });
        return backend.sendDtmf(id, key);
      }
      case 'mute':
      case 'unmute': {
        const muted = action === 'mute';
        await backend.setMuted(id, muted);
        this.#batch(() => this.#applyCallProgress(id, { muted }));
        return;
      }
      case 'sendMessage': {
        if (typeof arg !== 'string' || arg === '')
          throw new OzError('INVALID_ARGUMENT', 'sendMessage needs a non-empty text', {
            callId: id,
          });
        await backend.sendMessage({ callId: answered ? id : null, to: rec.otherParty }, arg);
        this.#applyMessage(
          { callId: id, from: this.#w.state.connection.user ?? '', to: rec.otherParty, text: arg },
          'out',
        );
        return;
      }
      case 'attachCamera':
        needUp('attachCamera');
        return backend.attachCamera(id, arg as OzCamera);
      case 'setRemoteDisplay':
        backend.setRemoteDisplay(id, (arg as string | HTMLMediaElement | undefined) ?? 'local');
        return;
    }
  }

  #applyIncoming(info: IncomingCallInfo): void {
    const s = this.#w.state;
    const record: CallRecord = {
      id: info.callId,
      direction: 'inbound',
      otherParty: info.from,
      otherPartyName: info.fromDisplayName || nameOf(s, info.from),
      dialedNumber: info.to,
      type: info.type,
      state: 'RINGING',
      started: true,
      createdAt: this.now(),
      answeredAt: null,
      endedAt: null,
      muted: false,
      localHold: false,
      remoteHold: false,
      pending: null,
      earlyMedia: false,
      controllable: true,
      statusCode: null,
      endReason: null,
      remoteVideo: info.type === 'VIDEO',
    };
    const call = new Call(this, record);
    this.#callObjects.set(record.id, call);
    this.#rememberOwnCall(record.id);
    if (info.sipCallId) this.#rememberOwnCall(info.sipCallId);
    this.#batch(() => {
      this.#w.updateMap('calls', { [record.id]: record });
      if (!s.currentCallId) this.#w.set({ currentCallId: record.id });
      this.#defer(() => this.#ev.incoming.emit(call));
    });
  }

  /** The one place where call progress becomes CallState; must run inside batch(). */
  #applyCallProgress(id: string, p: CallProgress): void {
    const prev = this.callRecord(id);
    if (!prev) return;
    if (p.sipCallId) this.#rememberOwnCall(p.sipCallId);
    const now = this.now();
    let next: CallRecord = {
      ...prev,
      ...(p.earlyMedia !== undefined && { earlyMedia: p.earlyMedia }),
      ...(p.localHold !== undefined && { localHold: p.localHold }),
      ...(p.remoteHold !== undefined && { remoteHold: p.remoteHold }),
      ...(p.muted !== undefined && { muted: p.muted }),
      ...(p.pending !== undefined && { pending: p.pending }),
      ...(p.controllable !== undefined && { controllable: p.controllable }),
      ...(p.statusCode !== undefined && { statusCode: p.statusCode }),
      ...(p.reason !== undefined && { endReason: p.reason }),
      ...(p.otherParty !== undefined && { otherParty: p.otherParty }),
      ...(p.otherPartyName !== undefined && { otherPartyName: p.otherPartyName }),
      ...(p.remoteVideo !== undefined && { remoteVideo: p.remoteVideo }),
    };
    const emits: CallState[] = [];
    let settleAfterAnswer = false;
    if (p.state && isTerminalCallState(p.state)) {
      next = { ...next, state: p.state, endedAt: now, pending: null, controllable: false };
      emits.push(p.state);
    } else if ((p.state === 'ANSWERED' || p.state === 'IN_CALL') && prev.answeredAt === null) {
      // ANSWERED is committed and announced on its own, so getCallState() reads ANSWERED inside
      // that callback; IN_CALL (or HOLD) follows in the next commit.
      next = { ...next, answeredAt: now, state: 'ANSWERED', earlyMedia: false };
      emits.push('ANSWERED');
      settleAfterAnswer = true;
    } else {
      if (p.state === 'RINGING' && prev.answeredAt === null && prev.state !== 'RINGING') {
        next = { ...next, state: 'RINGING' };
        emits.push('RINGING');
      }
      if (next.answeredAt !== null) {
        const up: CallState = next.localHold || next.remoteHold ? 'HOLD' : 'IN_CALL';
        if (next.state !== up) {
          next = { ...next, state: up };
          emits.push(up);
        }
      }
    }
    const call = this.#callObjects.get(id);
    call?.remember(next);
    const ended = next.endedAt !== null;
    if (ended) {
      const { calls, currentCallId } = this.#w.state;
      const others = Object.keys(calls).filter((c) => c !== id);
      this.#w.updateMap('calls', { [id]: undefined });
      this.#w.set({
        lastEndedCall: next,
        currentCallId: currentCallId === id ? (others[others.length - 1] ?? null) : currentCallId,
      });
      const endedLocally =
        this.#localEnd.delete(id) || p.reason === 'local' || p.reason === 'disconnected';
      void this.#recordHistory(ownHistory(this.#w.state, next, endedLocally));
    } else {
      this.#w.updateMap('calls', { [id]: next });
    }
    if (call) {
      for (const st of emits) {
        this.#defer(() => {
          call.stateChanged.emit(st);
          this.#ev.callState.emit(call, st);
        });
      }
      if (ended) {
        this.#defer(() => {
          call.release();
          this.#callObjects.delete(id);
        });
      }
    }
    if (settleAfterAnswer) this.#defer(() => this.#batch(() => this.#applyCallProgress(id, {})));
  }

  #applyMessage(
    m: { callId: string | null; from: string; to: string; text: string },
    direction: 'in' | 'out',
  ): void {
    const s = this.#w.state;
    // An out-of-dialog message from the other party of a live call belongs to that call.
    const callId =
      m.callId && s.calls[m.callId]
        ? m.callId
        : (Object.values(s.calls).find((c) => c.otherParty === (direction === 'in' ? m.from : m.to))
            ?.id ?? m.callId);
    const rec: MessageRecord = Object.freeze({
      id: newId('msg'),
      callId: callId && s.calls[callId] ? callId : null,
      direction,
      from: m.from,
      to: m.to,
      text: m.text,
      time: this.now(),
    });
    const key = rec.callId ?? `party:${direction === 'in' ? m.from : m.to}`;
    this.#w.updateMap('messages', { [key]: [...(s.messages[key] ?? []), rec] });
    if (direction === 'in' && rec.callId)
      this.#callObjects.get(rec.callId)?.messageReceived.emit(rec.text, rec);
  }

  // ---- sessions ---------------------------------------------------------------------------

  getSession(sessionId: string): Session | null {
    const r = this.#w.state.sessions[sessionId];
    return r ? this.#sessionObject(r) : null;
  }

  #sessionObject(r: SessionRecord): Session {
    let s = this.#sessionObjects.get(r.sessionId);
    if (!s) {
      s = new Session(this, r);
      this.#sessionObjects.set(r.sessionId, s);
    }
    return s;
  }

  /** @internal SessionHost */
  sessionRecord(id: string): SessionRecord | undefined {
    return this.#w.state.sessions[id];
  }

  #applySessions(
    c: {
      upsert?: SessionUpsert[];
      close?: { sessionId: string; pbxState: SessionUpsert['pbxState'] }[];
    },
    writeHistory: boolean,
  ): void {
    const now = this.now();
    const state = this.#w.state;
    const changes: Record<string, SessionRecord | undefined> = {};
    for (const u of c.upsert ?? []) {
      const prev = changes[u.sessionId] ?? state.sessions[u.sessionId];
      const sessionState = PBX_TO_SESSION_STATE[u.pbxState];
      const base: SessionRecord = prev ?? blankSession(u.sessionId, now);
      const next: SessionRecord = {
        ...base,
        ...stripUndefined(u),
        sessionState,
        stateChangedAt: prev && prev.sessionState === sessionState ? prev.stateChangedAt : now,
        answeredAt:
          base.answeredAt ?? (sessionState === 'IN_CALL' || sessionState === 'HOLD' ? now : null),
        endedAt: null,
      };
      if (prev && shallowEqual(prev, next)) continue;
      changes[u.sessionId] = next;
      const session = this.#sessionObject(next);
      session.remember(next);
      if (!prev) this.#defer(() => this.#ev.sessionCreated.emit(session));
      if (!prev || prev.sessionState !== sessionState)
        this.#defer(() => session.stateChanged.emit(session, sessionState));
    }
    for (const cl of c.close ?? []) {
      const prev = changes[cl.sessionId] ?? state.sessions[cl.sessionId];
      if (!prev) continue;
      const finalState: SessionState = PBX_TO_SESSION_STATE[cl.pbxState];
      const next: SessionRecord = {
        ...prev,
        pbxState: cl.pbxState,
        sessionState: finalState,
        endedAt: now,
        stateChangedAt: now,
      };
      changes[cl.sessionId] = undefined;
      const session = this.#sessionObject(next);
      session.remember(next);
      this.#sessionObjects.delete(cl.sessionId);
      // A session that is one of our own calls already has its own history record.
      if (writeHistory && !this.#isOwnLeg(next)) void this.#recordHistory(observedHistory(next));
      this.#defer(() => {
        if (prev.sessionState !== finalState) session.stateChanged.emit(session, finalState);
        this.#ev.sessionClosed.emit(session);
        session.release();
      });
    }
    this.#w.updateMap('sessions', changes);
  }

  /** @internal SessionHost */
  async sessionAction(
    session: Session,
    op: SessionControlOp,
    args: SessionControlArgs,
  ): Promise<void> {
    try {
      const record = this.sessionRecord(session.sessionId);
      if (!record)
        throw new OzError('INVALID_STATE', 'The session has ended', {
          sessionId: session.sessionId,
        });
      const control = this.#options.sessionControl ?? this.#backend?.sessionControl;
      if (!control || !control.supports(op)) {
        throw new OzError(
          'NOT_SUPPORTED',
          `Session.${op} is not supported by this PBX connection${control ? '' : ' (no sessionControl configured)'}`,
          { sessionId: record.sessionId },
        );
      }
      await control.perform(op, record, args);
    } catch (err) {
      const e = OzError.from(err, 'SESSION_CONTROL_FAILED', `Session.${op} failed`, {
        sessionId: session.sessionId,
      });
      this.reportError(e, e);
      throw e;
    }
  }

  /** @internal SessionHost: pickup of a ringing session as a new own call. */
  pickup(session: Session): { call: Call; done: Promise<void> } {
    const r = session.record;
    const call = this.createCall(r.caller || r.source || 'unknown');
    const start = async () => {
      const backend = this.#requireBackend();
      if (!backend.capabilities.pickup)
        throw new OzError('NOT_SUPPORTED', 'This PBX connection cannot pick up calls');
      if (r.sessionState !== 'RINGING' || !this.sessionRecord(r.sessionId))
        throw new OzError('INVALID_STATE', 'Only a ringing session can be picked up', {
          sessionId: r.sessionId,
        });
      this.#callObjects.set(call.id, call);
      this.#rememberOwnCall(call.id);
      const rec: CallRecord = {
        ...call.getRecord(),
        direction: 'inbound',
        started: true,
        state: 'RINGING',
        otherPartyName: r.callerDisplayName || call.getRecord().otherPartyName,
      };
      call.remember(rec);
      this.#batch(() => {
        this.#w.updateMap('calls', { [rec.id]: rec });
        this.#w.set({ currentCallId: rec.id });
      });
      try {
        await backend.pickup(rec.id, r);
      } catch (err) {
        if (this.callRecord(rec.id))
          this.#batch(() =>
            this.#applyCallProgress(rec.id, { state: 'REJECTED', reason: 'pickup failed' }),
          );
        throw err;
      }
    };
    const done = start().catch((err: unknown) => {
      const e = OzError.from(err, 'CALL_FAILED', 'Pickup failed', { sessionId: r.sessionId });
      this.reportError(e, e);
      throw e;
    });
    return { call, done };
  }

  #applyClient(c: ClientInfo): void {
    this.#w.updateMap('clients', { [c.phoneNumber]: Object.freeze({ ...c }) });
    this.#ev.client.emit(c);
  }

  // ---- history ----------------------------------------------------------------------------

  #historyStore(): HistoryStore {
    const h = this.#options.history;
    this.#history ??=
      h !== undefined && typeof h === 'object' ? h : this.#factories.historyStore(this.#options);
    return this.#history;
  }

  async #loadHistory(): Promise<void> {
    const account = this.#account;
    if (!account) return;
    try {
      const records = await this.#historyStore().list(account);
      if (account !== this.#account) return;
      const map: Record<string, HistoryRecord> = {};
      for (const r of records) map[r.callId] = r;
      // Records that ended while loading stay.
      this.#w.replaceMap('history', { ...map, ...this.#w.state.history });
    } catch (err) {
      this.reportError(err, new OzError('HISTORY_FAILED', 'The call history could not be read'));
    }
  }

  #historyQueue: HistoryRecord[] = [];
  #historyFlush: Promise<void> | null = null;

  /**
   * Written before it is shown: a reload right after a call loses nothing. Records that end in
   * the same tick (a burst of hang-ups) are written together and shown in one store update.
   */
  #recordHistory(record: HistoryRecord): Promise<void> {
    this.#historyQueue.push(record);
    this.#historyFlush ??= Promise.resolve().then(() => this.#flushHistory());
    return this.#historyFlush;
  }

  async #flushHistory(): Promise<void> {
    const account = this.#account;
    const batch = this.#historyQueue;
    this.#historyQueue = [];
    this.#historyFlush = null;
    if (!account || batch.length === 0) return;
    const store = this.#historyStore();
    await Promise.all(
      batch.map((r) =>
        store
          .add(account, r)
          .catch((err: unknown) =>
            this.reportError(
              err,
              new OzError('HISTORY_FAILED', 'A call-history record could not be stored'),
            ),
          ),
      ),
    );
    if (account !== this.#account) return;
    const limit = this.#options.historyLimit ?? 1000;
    const current = this.#w.state.history;
    const changes: Record<string, HistoryRecord | undefined> = {};
    for (const r of batch) changes[r.callId] = r;
    const total = Object.keys(current).length + batch.filter((r) => !(r.callId in current)).length;
    if (total > limit) {
      const all = [...Object.values(current).filter((r) => !(r.callId in changes)), ...batch];
      all.sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
      for (const r of all.slice(0, total - limit)) changes[r.callId] = undefined;
    }
    this.#w.updateMap('history', changes);
  }

  getCallHistory(filter: CallHistoryFilter = {}): void {
    // Asynchronous like Ozeki's: the answer arrives through onCallHistoryInfoReceived.
    void Promise.resolve().then(() => {
      try {
        this.#ev.history.emit(pageHistory(Object.values(this.#w.state.history), filter));
      } catch (err) {
        this.reportError(err, new OzError('HISTORY_FAILED', 'The call history could not be read'));
      }
    });
  }

  async clearCallHistory(): Promise<void> {
    if (this.#account) await this.#historyStore().clear(this.#account);
    this.#w.replaceMap('history', {});
  }

  // ---- errors, batching, events -----------------------------------------------------------

  /** @internal Every failure ends here: store.errors and onErrorOccured. Never logged. */
  reportError(err: unknown, fallback: OzError): void {
    const e = err instanceof OzError ? err : OzError.from(err, fallback.code, fallback.message);
    if (e.time === 0) e.time = this.now();
    this.#w.pushError(e);
    this.#ev.error.emit(e);
  }

  #batch<T>(fn: () => T): T {
    const outer = this.#pending === null;
    if (outer) this.#pending = [];
    try {
      return this.#w.batch(fn);
    } finally {
      if (outer) {
        const todo = this.#pending ?? [];
        this.#pending = null;
        for (const f of todo) f();
      }
    }
  }

  #defer(f: Pending): void {
    if (this.#pending) this.#pending.push(f);
    else f();
  }

  onConnectionStateChanged(cb: (info: ConnectionInfo) => void): () => void {
    return this.#ev.connection.on(cb);
  }
  onClientStateChanged(cb: (client: ClientInfo) => void): () => void {
    return this.#ev.client.on(cb);
  }
  onIncomingCall(cb: (call: Call) => void): () => void {
    return this.#ev.incoming.on(cb);
  }
  onSessionCreated(cb: (session: Session) => void): () => void {
    return this.#ev.sessionCreated.on(cb);
  }
  onSessionClosed(cb: (session: Session) => void): () => void {
    return this.#ev.sessionClosed.on(cb);
  }
  onErrorOccured(cb: (error: OzError) => void): () => void {
    return this.#ev.error.on(cb);
  }
  onCallHistoryInfoReceived(cb: (history: CallHistoryInfo) => void): () => void {
    return this.#ev.history.on(cb);
  }
  onUserInfoReceived(cb: (user: User) => void): () => void {
    return this.#ev.user.on(cb);
  }
  onCallStateChanged(cb: (call: Call, state: CallState) => void): () => void {
    return this.#ev.callState.on(cb);
  }
  listenerCount(): number {
    let n = 0;
    for (const e of Object.values(this.#ev)) n += e.size;
    for (const c of this.#callObjects.values())
      n += c.stateChanged.size + c.messageReceived.size + c.dtmfReceived.size;
    for (const s of this.#sessionObjects.values()) n += s.stateChanged.size;
    return n;
  }
}

function actionCode(action: CallAction): OzError['code'] {
  switch (action) {
    case 'hold':
    case 'unHold':
      return 'HOLD_FAILED';
    case 'transfer':
    case 'forward':
      return 'TRANSFER_FAILED';
    case 'sendMessage':
      return 'MESSAGE_FAILED';
    case 'sendDtmf':
      return 'DTMF_FAILED';
    case 'attachCamera':
    case 'setRemoteDisplay':
    case 'mute':
    case 'unmute':
      return 'MEDIA_FAILED';
    default:
      return 'CALL_FAILED';
  }
}

function nameOf(s: OzState, number: string): string | null {
  const ext = s.extensions[number] ?? s.outsideLines[number];
  if (ext?.displayName) return ext.displayName;
  for (const u of Object.values(s.users)) if (u.devices.includes(number)) return u.fullName;
  return null;
}

function sameUser(a: User | undefined, b: User): boolean {
  if (!a) return false;
  return (
    a.fullName === b.fullName &&
    a.emailAddress === b.emailAddress &&
    a.phoneNumber === b.phoneNumber &&
    a.mobileNumber === b.mobileNumber &&
    a.devices.length === b.devices.length &&
    a.devices.every((d, i) => d === b.devices[i])
  );
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

function shallowEqual<T extends object>(a: T, b: T): boolean {
  const ka = Object.keys(a) as (keyof T)[];
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

/** @internal A session record with nothing known yet (tests build theirs from it too). */
export function blankSession(sessionId: string, now: number): SessionRecord {
  return {
    sessionId,
    masterSessionId: sessionId,
    sessionState: 'RINGING',
    pbxState: 'RINGING',
    startedAt: now,
    answeredAt: null,
    stateChangedAt: now,
    endedAt: null,
    caller: '',
    callee: '',
    callerDisplayName: '',
    calleeDisplayName: '',
    callerCallLegId: '',
    calleeCallLegId: '',
    source: '',
    sourceType: 'Extension',
    destination: '',
    destinationType: 'Extension',
    dialedNumber: '',
  };
}

const FINAL: Record<string, string> = { BUSY: 'Busy', NOT_FOUND: 'NotFound', REJECTED: 'Rejected' };

function ownHistory(s: OzState, c: CallRecord, endedLocally: boolean): HistoryRecord {
  const me = s.connection.user ?? '';
  const outbound = c.direction === 'outbound';
  const internal = !!(
    s.extensions[c.otherParty] ||
    Object.values(s.users).some((u) => u.devices.includes(c.otherParty))
  );
  let state = FINAL[c.state ?? ''] ?? '';
  if (!state) {
    if (c.endReason === 'transferred') state = 'TransferCompleted';
    else if (c.endReason === 'forwarded') state = 'Redirected';
    else if (c.answeredAt === null)
      state = outbound ? 'Cancelled' : endedLocally ? 'Rejected' : 'NotAnswered';
    else state = outbound === endedLocally ? 'CallerHungUp' : 'CalleeHungUp';
  }
  const end = c.endedAt ?? c.createdAt;
  return Object.freeze({
    callId: c.id,
    startTime: new Date(c.createdAt).toISOString(),
    direction: internal ? 'Internal' : outbound ? 'Outbound' : 'Inbound',
    source: outbound ? me : c.otherParty,
    destination: outbound ? c.otherParty : me,
    state,
    dialed: c.dialedNumber,
    callerId: outbound ? me : c.otherParty,
    type: c.type === 'VIDEO' ? 'Video' : 'Audio',
    ringDuration: seconds((c.answeredAt ?? end) - c.createdAt),
    talkDuration: c.answeredAt === null ? 0 : seconds(end - c.answeredAt),
    origin: 'own',
  });
}

const PBX_FINAL: Record<string, string> = {
  CALLERHUNGUP: 'CallerHungUp',
  CALLEEHUNGUP: 'CalleeHungUp',
  TRANSFERCOMPLETED: 'TransferCompleted',
  REDIRECTED: 'Redirected',
  NOTFOUND: 'NotFound',
  BUSY: 'Busy',
  CANCELLED: 'Cancelled',
  NOTANSWERED: 'NotAnswered',
  ERROR: 'Error',
  ABORTED: 'Aborted',
};

function observedHistory(r: SessionRecord): HistoryRecord {
  const end = r.endedAt ?? r.stateChangedAt;
  return Object.freeze({
    callId: `session:${r.sessionId}`,
    startTime: new Date(r.startedAt).toISOString(),
    direction: 'Internal',
    source: r.source || r.caller,
    destination: r.destination || r.callee,
    state: PBX_FINAL[r.pbxState] ?? (r.answeredAt === null ? 'NotAnswered' : 'CallerHungUp'),
    dialed: r.dialedNumber || r.callee,
    callerId: r.caller,
    type: 'Audio',
    ringDuration: seconds((r.answeredAt ?? end) - r.startedAt),
    talkDuration: r.answeredAt === null ? 0 : seconds(end - r.answeredAt),
    origin: 'observed',
  });
}

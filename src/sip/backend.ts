import type { Invitation, Message, UserAgent, UserAgentDelegate } from 'sip.js';
import type { CallType } from '../core/enums';
import { OzError } from '../core/errors';
import type { OzClientOptions } from '../core/options';
import type {
  BackendCapabilities,
  BackendEvents,
  CameraSource,
  ConnectParams,
  MediaDevicePreferences,
  PbxBackend,
} from '../core/ports';
import type { SessionRecord } from '../core/types';
import { CallManager } from './calls';
import { Connection } from './connection';
import { resolveInstanceId } from './instance';
import { createSipLogger, type SipLogger } from './logger';
import { messageText, sendOutOfDialog } from './messages';
import { backoffOptions } from './reconnect';
import { Timers } from './timers';
import { partyOf, resolveServers, serverHost, targetUri } from './uri';
import { watcherAddOn, type ExtensionWatcher } from './watch';

/** What an add-on (the BLF/presence watcher) gets each time the client is registered. */
export interface SipRegistration {
  readonly ua: UserAgent;
  readonly server: string;
  readonly user: string;
  readonly domain: string;
  readonly events: BackendEvents;
  readonly log: SipLogger;
}

/**
 * Runs on every registration (first and after each reconnect or failover, with the new UA);
 * the function it returns runs when that registration is lost or the client disconnects, so
 * subscriptions are re-created on the UA that is actually connected.
 */
export type SipAddOn = (registration: SipRegistration) => (() => void) | void;

export interface SipDebugCounts {
  /** Own calls the backend still tracks. */
  calls: number;
  /** SIP.js sessions it still listens to. */
  sessions: number;
  /** Listener removers and call timers still held by calls. */
  cleanups: number;
  callTimers: number;
  /** <audio>/<video> bindings and media listeners held by calls. */
  media: number;
  /** Sessions SIP.js itself still holds on the current UA. */
  userAgentSessions: number;
}

const DEFAULT_PROBE_MS = 25_000;
const DEFAULT_EXPIRES_S = 300;

export class SipBackend implements PbxBackend {
  readonly kind = 'sip';
  readonly capabilities: BackendCapabilities = {
    video: true,
    attendedTransfer: true,
    pickup: true,
  };
  #connection: Connection | null = null;
  #calls: CallManager | null = null;
  #domain = '';
  #password: string | undefined;
  readonly #timers = new Timers();
  readonly #callTimers = new Timers();
  readonly #addOns = new Set<SipAddOn>();
  #addOnCleanups: (() => void)[] = [];

  #devices: MediaDevicePreferences = { microphone: null, speaker: null, camera: null };
  /** BLF lamps, presence and observed sessions; re-attached on every registration. */
  readonly #watcher: ExtensionWatcher | null;
  readonly #options: OzClientOptions;

  /**
   * `watcher` null: a backend that follows no other extension (lamps stay unknown), for a UI
   * that shows none — the widget's dialer — so the watcher's code is not in its bundle.
   * createSipBackend() always passes one.
   */
  constructor(options: OzClientOptions, watcher: ExtensionWatcher | null) {
    this.#options = options;
    this.#watcher = watcher;
    if (watcher) this.use(watcherAddOn(watcher));
  }

  /** Chosen devices: used by the next call's getUserMedia and for its remote audio. */
  setMediaDevices(devices: MediaDevicePreferences): void {
    this.#devices = devices;
  }

  /** The extensions to follow (the core resolves sip.watch against the directory). */
  watch(extensionIds: readonly string[]): void {
    this.#watcher?.setTargets(extensionIds);
  }

  /** Registers an add-on; returns its remover. Active from the next registration on. */
  use(addOn: SipAddOn): () => void {
    this.#addOns.add(addOn);
    return () => this.#addOns.delete(addOn);
  }

  async connect(params: ConnectParams, events: BackendEvents): Promise<void> {
    if (this.#connection) await this.disconnect();
    const sip = this.#options.sip ?? {};
    const servers = resolveServers(params.serverAddress, sip.servers);
    const domain = sip.domain?.trim() || serverHost(servers[0] as string);
    const user = params.user;
    this.#domain = domain;
    this.#password = params.password;
    const log = createSipLogger(this.#options.logger, () =>
      this.#password ? [this.#password] : [],
    );
    const report = (e: OzError) => {
      try {
        events.error(e);
      } catch {
        // the core guards its sinks; never let a report break SIP processing
      }
    };
    const calls = new CallManager({
      events,
      timers: this.#callTimers,
      log,
      user,
      domain,
      userAgent: () => (this.#connection?.isRegistered ? this.#connection.ua : null),
      report,
      devices: () => this.#devices,
    });
    const guard = (what: string, fn: () => void) => {
      try {
        fn();
      } catch (err) {
        report(OzError.from(err, 'INTERNAL', `Handling an incoming ${what} failed`));
      }
    };
    const delegate: UserAgentDelegate = {
      onInvite: (invitation: Invitation) =>
        guard('call', () => calls.onInvite(invitation, invitation.userAgent)),
      onMessage: (message: Message) =>
        guard('message', () => this.#onMessage(message, user, events)),
    };
    const connection = new Connection(
      {
        servers,
        domain,
        user,
        password: params.password,
        instanceId: resolveInstanceId(sip.instanceId),
        probeIntervalMs: sip.probeIntervalMs ?? DEFAULT_PROBE_MS,
        backoff: backoffOptions(sip.reconnect),
        registerExpires: sip.registerExpires ?? DEFAULT_EXPIRES_S,
        iceServers: sip.iceServers ?? [],
        userAgentOptions: sip.userAgentOptions ?? {},
      },
      events,
      {
        delegate,
        registered: (ua, server, previous) => {
          if (previous === ua) calls.restored(ua);
          this.#startAddOns({ ua, server, user, domain, events, log });
        },
        transportLost: (ua) => {
          this.#stopAddOns();
          calls.transportLost(ua);
        },
        retired: (ua) => {
          this.#stopAddOns();
          calls.retired(ua);
        },
      },
      this.#timers,
      log,
    );
    this.#connection = connection;
    this.#calls = calls;
    try {
      await connection.connect();
    } catch (err) {
      if (this.#connection === connection) {
        this.#connection = null;
        this.#calls = null;
        await connection.disconnect();
        this.#timers.clearAll();
        this.#password = undefined;
      }
      const e = OzError.from(
        err,
        'CONNECTION_FAILED',
        `Could not connect to ${servers.join(', ')}`,
      );
      if (e.code === 'ACCESS_DENIED' && !params.password) {
        throw new OzError(
          'ACCESS_DENIED',
          `Extension ${user} needs a password: pass { Password } to connect()`,
          e.statusCode !== undefined ? { statusCode: e.statusCode } : {},
        );
      }
      throw e;
    }
  }

  async disconnect(): Promise<void> {
    const connection = this.#connection;
    const calls = this.#calls;
    this.#connection = null;
    this.#calls = null;
    // BYE/CANCEL go out before the un-REGISTER, while the transport is still there.
    calls?.endAll('local');
    // Un-SUBSCRIBEs go out while the transport is still up.
    await this.#watcher?.detach().catch(() => {});
    this.#stopAddOns();
    await connection?.disconnect();
    this.#timers.clearAll();
    this.#callTimers.clearAll();
    this.#password = undefined;
  }

  refresh(): void {
    this.#connection?.refresh();
  }

  async startCall(callId: string, target: string, options: { type: CallType }): Promise<void> {
    return this.#requireCalls().startCall(callId, target, options.type);
  }

  async accept(callId: string, options: { type: CallType }): Promise<void> {
    return this.#requireCalls().accept(callId, options.type);
  }

  async reject(callId: string): Promise<void> {
    return this.#requireCalls().reject(callId);
  }

  async hangUp(callId: string): Promise<void> {
    return this.#calls ? this.#calls.hangUp(callId) : Promise.resolve();
  }

  async hold(callId: string): Promise<void> {
    return this.#requireCalls().hold(callId, true);
  }

  async unHold(callId: string): Promise<void> {
    return this.#requireCalls().hold(callId, false);
  }

  async transfer(callId: string, target: string): Promise<void> {
    return this.#requireCalls().transfer(callId, target);
  }

  async attendedTransfer(callId: string, otherCallId: string): Promise<void> {
    return this.#requireCalls().attendedTransfer(callId, otherCallId);
  }

  async forward(callId: string, target: string): Promise<void> {
    return this.#requireCalls().forward(callId, target);
  }

  async sendDtmf(callId: string, key: string): Promise<void> {
    return this.#requireCalls().sendDtmf(callId, key);
  }

  async setMuted(callId: string, muted: boolean): Promise<void> {
    this.#requireCalls().setMuted(callId, muted);
  }

  async sendMessage(target: { callId: string | null; to: string }, text: string): Promise<void> {
    const calls = this.#requireCalls();
    if (target.callId && (await calls.sendMessage(target.callId, target.to, text))) return;
    const ua = this.#connection?.isRegistered ? this.#connection.ua : null;
    if (!ua)
      throw new OzError('NOT_CONNECTED', 'Not registered with the PBX: the message cannot be sent');
    await sendOutOfDialog(ua, targetUri(target.to, this.#domain), target.to, text);
  }

  async pickup(callId: string, session: SessionRecord): Promise<void> {
    return this.#requireCalls().pickup(callId, session);
  }

  async attachCamera(callId: string, camera: CameraSource): Promise<void> {
    return this.#requireCalls().attachCamera(callId, camera);
  }

  setRemoteDisplay(callId: string, target: string | HTMLMediaElement | null): void {
    this.#requireCalls().setRemoteDisplay(callId, target);
  }

  /** Tests: live BLF/presence subscriptions of the watcher. */
  debugWatch(): { subscriptions: number } {
    return { subscriptions: this.#watcher?.subscriptionCount ?? 0 };
  }

  /** For tests: what the backend still holds (all zero once every call has ended). */
  debugCounts(): SipDebugCounts {
    const c = this.#calls?.counts() ?? { calls: 0, sessions: 0, cleanups: 0, media: 0 };
    const ua = this.#connection?.ua;
    return {
      ...c,
      callTimers: this.#callTimers.size,
      userAgentSessions: ua ? Object.keys(ua._sessions).length : 0,
    };
  }

  #onMessage(message: Message, user: string, events: BackendEvents): void {
    const text = messageText(message.request);
    if (text === null) {
      void message.reject({ statusCode: 415 }).catch(() => {});
      return;
    }
    void message.accept().catch(() => {});
    events.message({ callId: null, from: partyOf(message.request.from.uri), to: user, text });
  }

  #startAddOns(registration: SipRegistration): void {
    this.#stopAddOns();
    for (const addOn of this.#addOns) {
      try {
        const stop = addOn(registration);
        if (stop) this.#addOnCleanups.push(stop);
      } catch (err) {
        registration.events.error(OzError.from(err, 'INTERNAL', 'A SIP add-on failed to start'));
      }
    }
  }

  #stopAddOns(): void {
    const cleanups = this.#addOnCleanups;
    this.#addOnCleanups = [];
    for (const stop of cleanups) {
      try {
        stop();
      } catch {
        // an add-on's cleanup must not stop the others
      }
    }
  }

  #requireCalls(): CallManager {
    if (!this.#calls) throw new OzError('NOT_CONNECTED', 'Not connected to the PBX: connect first');
    return this.#calls;
  }
}

// Shared by the watch-* integration tests: plain SIP.js phones on the test PBX, and a minimal
// PbxBackend that only watches (the real SIP backend will host the watcher the same way).
import { Invitation, Inviter, Registerer, SessionState, UserAgent, type Session } from 'sip.js';
import { OzClientImpl } from '../../src/core/client';
import { EventOnlyBackend } from '../support/event-only-backend';
import type { OzClientOptions } from '../../src/core/options';
import type { BackendEvents, ConnectParams } from '../../src/core/ports';
import { directorySourceFor } from '../../src/directory/sources';
import { createMemoryHistoryStore } from '../../src/history';
import {
  createExtensionWatcher,
  type ExtensionWatcher,
  type ExtensionWatcherOptions,
} from '../../src/sip/watch';
import type { TestPbx } from '../pbx/pbx';
import { signalingOnlySdhFactory } from '../pbx/signaling-sdh';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function waitFor(
  predicate: () => boolean,
  label: string,
  timeoutMs = 5_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timeout (${timeoutMs} ms) waiting for ${label}`);
    await sleep(10);
  }
}

function makeUa(pbx: TestPbx, ext: string, onInvite?: (i: Invitation) => void): UserAgent {
  const uri = UserAgent.makeURI(`sip:${ext}@${pbx.domain}`);
  if (!uri) throw new Error(`bad extension ${ext}`);
  return new UserAgent({
    uri,
    authorizationUsername: ext,
    authorizationPassword: pbx.password(ext),
    transportOptions: { server: pbx.wsUrl, connectionTimeout: 5 },
    sessionDescriptionHandlerFactory: signalingOnlySdhFactory,
    logLevel: 'error',
    ...(onInvite ? { delegate: { onInvite } } : {}),
  });
}

async function register(ua: UserAgent): Promise<Registerer> {
  const registerer = new Registerer(ua, { expires: 300 });
  let code = 0;
  await registerer.register({
    requestDelegate: {
      onAccept: (r) => (code = r.message.statusCode ?? 0),
      onReject: (r) => (code = r.message.statusCode ?? 0),
    },
  });
  await waitFor(() => code !== 0, 'REGISTER answer');
  if (code !== 200) throw new Error(`REGISTER answered ${code}`);
  return registerer;
}

export interface Phone {
  ext: string;
  ua: UserAgent;
  invitations: Invitation[];
  stop(): Promise<void>;
  /** After pbx.restart(): reconnect the transport and REGISTER again. */
  reconnect(): Promise<void>;
}

export async function phone(pbx: TestPbx, ext: string): Promise<Phone> {
  const invitations: Invitation[] = [];
  const ua = makeUa(pbx, ext, (i) => invitations.push(i));
  await ua.start();
  let registerer = await register(ua);
  return {
    ext,
    ua,
    invitations,
    stop: () => Promise.race([ua.stop().catch(() => undefined), sleep(2_000)]),
    async reconnect() {
      await waitFor(() => !ua.isConnected(), `${ext} noticed the restart`);
      await ua.reconnect();
      registerer = await register(ua);
      void registerer;
    },
  };
}

/** `from` calls `to`; resolves once `to` has the INVITE (it rings until the test answers). */
export async function ring(
  pbx: TestPbx,
  from: Phone,
  to: Phone,
): Promise<{ caller: Inviter; callee: Invitation }> {
  const target = UserAgent.makeURI(`sip:${to.ext}@${pbx.domain}`);
  if (!target) throw new Error('bad target');
  const before = to.invitations.length;
  const caller = new Inviter(from.ua, target);
  await caller.invite();
  await waitFor(() => to.invitations.length > before, `INVITE at ${to.ext}`);
  const callee = to.invitations[before];
  if (!callee) throw new Error('unreachable');
  return { caller, callee };
}

/**
 * Both SIP.js ends are up. The PBX's NOTIFY can report a call confirmed before the caller's
 * SIP.js has processed its 200 OK, so wait for this before bye().
 */
export function established(...sessions: Session[]): Promise<void> {
  return waitFor(
    () => sessions.every((s) => s.state === SessionState.Established),
    'SIP.js sessions established',
  );
}

/** Ends whatever call a failed test left up, so one failure does not cascade into the next. */
export async function endAllCalls(phones: Phone[]): Promise<void> {
  const ending: Promise<unknown>[] = [];
  for (const p of phones) {
    for (const s of Object.values(p.ua._sessions)) {
      if (s.state === SessionState.Established) ending.push(s.bye());
      else if (s instanceof Inviter && s.state === SessionState.Establishing)
        ending.push(s.cancel());
      else if (s instanceof Invitation && s.state !== SessionState.Terminated)
        ending.push(s.reject());
    }
  }
  await Promise.allSettled(ending);
}

/** After each test of a watch suite: every call ended, and the sessions the client saw gone. */
export async function endCallsAndSessions(client: OzClientImpl, phones: Phone[]): Promise<void> {
  await endAllCalls(phones);
  await waitFor(
    () => Object.keys(client.store.getState().sessions).length === 0,
    'no sessions',
    6_000,
  ).catch(() => {});
}

/** Registers one extension and hosts an ExtensionWatcher on it: no calls of its own. */
export class WatchTestBackend extends EventOnlyBackend {
  override readonly kind = 'watch-test';
  readonly watcher: ExtensionWatcher;
  ua: UserAgent | null = null;
  readonly log: string[] = [];

  constructor(
    private readonly pbx: TestPbx,
    private readonly ext: string,
    options: ExtensionWatcherOptions,
  ) {
    super();
    this.watcher = createExtensionWatcher(options);
  }

  override async connect(_params: ConnectParams, events: BackendEvents): Promise<void> {
    this.events = events;
    await this.startUa();
    events.connection({ phase: 'registered', state: 'ACCESS_GRANTED', server: this.pbx.wsUrl });
  }

  /** What the SIP backend does after it lost the server: a new UA, REGISTER, attach(). */
  async reconnect(): Promise<void> {
    const old = this.ua;
    if (old) await Promise.race([old.stop().catch(() => undefined), sleep(2_000)]);
    await this.startUa();
  }

  /** The other way back: reconnect the same UA's transport, REGISTER, attach() again. */
  async reconnectSameUa(): Promise<void> {
    const ua = this.ua;
    const events = this.events;
    if (!ua || !events) throw new Error('not connected');
    await waitFor(() => !ua.isConnected(), 'the UA noticed the restart');
    await ua.reconnect();
    await register(ua);
    this.attach(ua, events);
  }

  private attach(ua: UserAgent, events: BackendEvents): void {
    this.watcher.attach({
      ua,
      domain: this.pbx.domain,
      events,
      now: () => events.now(),
      log: (level, msg) => this.log.push(`${level} ${msg}`),
    });
  }

  private async startUa(): Promise<void> {
    const events = this.events;
    if (!events) throw new Error('not connected');
    const ua = makeUa(this.pbx, this.ext);
    await ua.start();
    await register(ua);
    this.ua = ua;
    this.attach(ua, events);
  }

  watch(extensionIds: readonly string[]): void {
    this.watcher.setTargets(extensionIds);
  }

  override async disconnect(): Promise<void> {
    await this.watcher.detach();
    const ua = this.ua;
    this.ua = null;
    if (ua) await Promise.race([ua.stop().catch(() => undefined), sleep(2_000)]);
  }
}

/** The real core client over the watch test backend, connected and watching `targets`. */
export async function watchingClient(
  pbx: TestPbx,
  targets: string[],
  watchOptions: ExtensionWatcherOptions,
  clientOptions: Partial<OzClientOptions> = {},
): Promise<{ client: OzClientImpl; backend: WatchTestBackend }> {
  const backend = new WatchTestBackend(pbx, '1003', watchOptions);
  const history = createMemoryHistoryStore();
  const client = new OzClientImpl(
    {
      backend,
      history,
      sip: { watch: targets },
      directory: {
        users: [],
        extensions: ['1001', '1002', '1003', '1004'].map((id) => ({ id, type: 'SIP' })),
        outsideLines: [],
      },
      ...clientOptions,
    },
    {
      backend: () => backend,
      directorySource: directorySourceFor,
      historyStore: () => history,
    },
  );
  await client.connectAsync(pbx.wsUrl, '1003', { Password: pbx.password('1003') });
  // The core hands the watch list over only when a directory (re)load finds it registered.
  await client.refreshDirectory();
  return { client, backend };
}

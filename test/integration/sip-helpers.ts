// Shared by the sip-*.test.ts integration suites: a real OzClientImpl over the real SIP backend
// (signaling-only media), a bare SIP.js phone for the far ends the kit cannot play itself
// (486, 183), and small waiting helpers.
import { Registerer, UserAgent, type UserAgentDelegate } from 'sip.js';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Call } from '../../src/core/call';
import { OzClientImpl } from '../../src/core/client';
import type { CallState } from '../../src/core/enums';
import type { OzError } from '../../src/core/errors';
import type { LogLevel } from '../../src/core/log';
import type { SipOptions } from '../../src/core/options';
import type { CallRecord, ConnectionInfo } from '../../src/core/types';
import { createMemoryHistoryStore } from '../../src/history/memory';
import { createSipBackend, type SipBackend } from '../../src/sip';
import { installNodeWebSocket } from '../pbx/node-websocket';
import { startPbx, type TestPbx } from '../pbx/pbx';
import { signalingOnlySdhFactory } from '../pbx/signaling-sdh';

installNodeWebSocket();

export interface TestClient {
  readonly user: string;
  readonly client: OzClientImpl;
  /** The backend of the current connection. */
  backend(): SipBackend;
  readonly logs: string[];
  readonly errors: OzError[];
  readonly states: ConnectionInfo[];
  connect(password?: string): Promise<void>;
  /** Resolves with the next incoming call. */
  nextIncoming(): Promise<Call>;
  liveCalls(): CallRecord[];
  close(): Promise<void>;
}

export interface ClientOptions {
  sip?: Partial<SipOptions>;
  server?: string;
}

export function makeClient(pbx: TestPbx, user: string, o: ClientOptions = {}): TestClient {
  const logs: string[] = [];
  const errors: OzError[] = [];
  const states: ConnectionInfo[] = [];
  let backend: SipBackend | null = null;
  const { userAgentOptions, ...sipRest } = o.sip ?? {};
  const client = new OzClientImpl(
    {
      sip: {
        domain: pbx.domain,
        probeIntervalMs: 0,
        reconnect: { minDelayMs: 100, maxDelayMs: 1000 },
        ...sipRest,
        userAgentOptions: {
          sessionDescriptionHandlerFactory: signalingOnlySdhFactory,
          ...userAgentOptions,
        },
      },
      logger: (level: LogLevel, category: string, message: string) =>
        logs.push(`${level} ${category} ${message}`),
    },
    {
      backend: (opts) => (backend = createSipBackend(opts)),
      directorySource: () => ({ load: async () => null }),
      historyStore: () => createMemoryHistoryStore(),
    },
  );
  client.onErrorOccured((e) => errors.push(e));
  client.onConnectionStateChanged((s) => states.push(s));
  const incoming: Call[] = [];
  const waiters: ((c: Call) => void)[] = [];
  client.onIncomingCall((c) => {
    const w = waiters.shift();
    if (w) w(c);
    else incoming.push(c);
  });
  return {
    user,
    client,
    logs,
    errors,
    states,
    backend: () => {
      if (!backend) throw new Error('no backend yet');
      return backend;
    },
    async connect(password = pbx.password(user)) {
      await client.connectAsync(o.server ?? pbx.wsUrl, user, { Password: password });
    },
    nextIncoming() {
      const c = incoming.shift();
      if (c) return Promise.resolve(c);
      return new Promise((resolve) => waiters.push(resolve));
    },
    liveCalls: () => Object.values(client.store.getState().calls),
    close: () => client.disconnectAsync(),
  };
}

export async function waitFor(pred: () => boolean, label: string, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`timeout (${timeoutMs} ms) waiting for ${label}`);
    await sleep(5);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Every state a call goes through, from now on. */
export function recordStates(call: Call): CallState[] {
  const seen: CallState[] = [];
  call.onCallStateChanged((s) => seen.push(s));
  return seen;
}

/** Places a call from `a` to `number`, returns it with its recorded states. */
export function dial(a: TestClient, number: string): { call: Call; states: CallState[] } {
  const call = a.client.createCall(number);
  const states = recordStates(call);
  call.start();
  return { call, states };
}

/** a calls b, b answers: both calls up (IN_CALL). */
export async function connectCall(
  a: TestClient,
  b: TestClient,
): Promise<{ out: Call; inc: Call; outStates: CallState[]; incStates: CallState[] }> {
  const incoming = b.nextIncoming();
  const { call: out, states: outStates } = dial(a, b.user);
  const inc = await incoming;
  const incStates = recordStates(inc);
  inc.accept();
  await waitFor(
    () => out.getCallState() === 'IN_CALL' && inc.getCallState() === 'IN_CALL',
    'both IN_CALL',
  );
  return { out, inc, outStates, incStates };
}

/** Contacts registered for an AOR, from Kamailio's ul.dump. */
export async function contactsOf(pbx: TestPbx, aor: string): Promise<string[]> {
  const dump = (await pbx.rpc('ul.dump')) as {
    Domains?: {
      Domain: { AoRs?: { Info: { AoR: string; Contacts?: { Contact: { Address: string } }[] } }[] };
    }[];
  };
  const aors = dump.Domains?.[0]?.Domain.AoRs ?? [];
  const hit = aors.find((a) => a.Info.AoR === aor);
  return hit?.Info.Contacts?.map((c) => c.Contact.Address) ?? [];
}

/** A bare SIP.js phone (no ozkit), for far-end behaviour the kit cannot produce itself. */
export async function barePhone(
  pbx: TestPbx,
  user: string,
  delegate: UserAgentDelegate = {},
  displayName?: string,
): Promise<{ ua: UserAgent; stop(): Promise<void> }> {
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${user}@${pbx.domain}`),
    authorizationUsername: user,
    authorizationPassword: pbx.password(user),
    transportOptions: { server: pbx.wsUrl },
    sessionDescriptionHandlerFactory: signalingOnlySdhFactory,
    logLevel: 'error',
    delegate,
    ...(displayName ? { displayName } : {}),
  });
  await ua.start();
  const reg = new Registerer(ua, { expires: 300 });
  await new Promise<void>(
    (resolve, reject) =>
      void reg
        .register({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => reject(new Error(`REGISTER ${String(r.message.statusCode)}`)),
          },
        })
        .catch(reject),
  );
  return {
    ua,
    stop: async () => {
      await reg.unregister().catch(() => {});
      await ua.stop().catch(() => {});
    },
  };
}

/** Nothing of any ended call is left in the client or the backend. */
export function leftovers(c: TestClient): Record<string, number> {
  const counts = c.backend().debugCounts();
  return {
    storeCalls: Object.keys(c.client.store.getState().calls).length,
    calls: counts.calls,
    sessions: counts.sessions,
    cleanups: counts.cleanups,
    callTimers: counts.callTimers,
    media: counts.media,
    userAgentSessions: counts.userAgentSessions,
  };
}

export const NOTHING_LEFT = {
  storeCalls: 0,
  calls: 0,
  sessions: 0,
  cleanups: 0,
  callTimers: 0,
  media: 0,
  userAgentSessions: 0,
};

export interface Trio {
  pbx: TestPbx;
  a: TestClient;
  b: TestClient;
  c: TestClient;
}

/**
 * A suite's own Kamailio with clients 1001, 1002 and 1003 connected (hooks registered here);
 * after every test all calls must be gone and nothing of them left in store or backend.
 * The returned object is filled in beforeAll.
 */
export function threeClients(name: string, aOptions: ClientOptions = {}): Trio {
  const t = {} as Trio;
  beforeAll(async () => {
    t.pbx = await startPbx({ name });
    t.a = makeClient(t.pbx, '1001', aOptions);
    t.b = makeClient(t.pbx, '1002');
    t.c = makeClient(t.pbx, '1003');
    await Promise.all([t.a.connect(), t.b.connect(), t.c.connect()]);
  });
  afterAll(async () => {
    await Promise.all([t.a, t.b, t.c].map((x) => x?.close()));
    await t.pbx?.stop();
  });
  afterEach(async () => {
    const all = [t.a, t.b, t.c];
    for (const x of all) await waitFor(() => x.liveCalls().length === 0, `${x.user} calls gone`);
    // timers of ended calls (e.g. the transferee's fallback BYE) are cleared with the call
    for (const x of all) expect(leftovers(x)).toEqual(NOTHING_LEFT);
  });
  return t;
}

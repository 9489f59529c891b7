// Self-test of the project's test PBX (real Kamailio on loopback) driven by SIP.js directly.
// Run: npx vitest run test/pbx/pbx.integration.test.ts   (project "integration")
// PBX_TRACE=1 prints the NOTIFY bodies that the assertions look at.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  Inviter,
  Messager,
  Registerer,
  RegistererState,
  SessionState,
  SIPExtension,
  Subscriber,
  SubscriptionState,
  UserAgent,
} from 'sip.js';
import type {
  Core,
  Invitation,
  Notification,
  Referral,
  Session,
  SessionDescriptionHandlerOptions,
  UserAgentOptions,
} from 'sip.js';
import { installNodeWebSocket } from './node-websocket.js';
import { startPbx, wssCaPem, type TestPbx } from './pbx.js';
import {
  SignalingOnlySessionDescriptionHandler,
  signalingOnlySdhFactory,
} from './signaling-sdh.js';

const TRACE = process.env.PBX_TRACE === '1';
const trace = (label: string, text: string): void => {
  if (TRACE) console.log(`--- ${label}\n${text}`);
};

installNodeWebSocket();

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(
  predicate: () => boolean,
  label: string | (() => string),
  timeoutMs = 5000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) {
      throw new Error(
        `timeout (${timeoutMs} ms) waiting for ${typeof label === 'string' ? label : label()}`,
      );
    }
    await sleep(10);
  }
}

interface Phone {
  ext: string;
  ua: UserAgent;
  registerer: Registerer;
  /** every INVITE received, newest last; answered by the test */
  invitations: Invitation[];
  /** out-of-dialog MESSAGE bodies */
  messages: string[];
}

interface PhoneOptions {
  password?: string;
  server?: string;
  register?: boolean;
  ua?: Partial<UserAgentOptions>;
}

let pbx: TestPbx;
const phones: Phone[] = [];

function aor(ext: string): Core.URI {
  const uri = UserAgent.makeURI(`sip:${ext}@${pbx.domain}`);
  if (!uri) throw new Error(`bad extension ${ext}`);
  return uri;
}

async function register(registerer: Registerer): Promise<number> {
  let code = 0;
  await registerer.register({
    requestDelegate: {
      onAccept: (r) => (code = r.message.statusCode ?? 0),
      onReject: (r) => (code = r.message.statusCode ?? 0),
    },
  });
  await waitFor(() => code !== 0, 'REGISTER final response');
  return code;
}

async function phone(ext: string, options: PhoneOptions = {}): Promise<Phone> {
  const invitations: Invitation[] = [];
  const messages: string[] = [];
  const ua = new UserAgent({
    uri: aor(ext),
    authorizationUsername: ext,
    authorizationPassword: options.password ?? pbx.password(ext),
    transportOptions: { server: options.server ?? pbx.wsUrl, connectionTimeout: 5 },
    sessionDescriptionHandlerFactory: signalingOnlySdhFactory,
    logLevel: 'error',
    delegate: {
      onInvite: (invitation) => invitations.push(invitation),
      onMessage: (message) => {
        messages.push(message.request.body);
        void message.accept();
      },
    },
    ...options.ua,
  });
  await ua.start();
  const registerer = new Registerer(ua, { expires: 300 });
  const p: Phone = { ext, ua, registerer, invitations, messages };
  phones.push(p);
  if (options.register !== false) {
    expect(await register(registerer)).toBe(200);
  }
  return p;
}

async function dispose(p: Phone): Promise<void> {
  const i = phones.indexOf(p);
  if (i >= 0) phones.splice(i, 1);
  // UserAgent.stop() waits for un-REGISTER/BYE answers; don't let a dead transport hang it
  await Promise.race([p.ua.stop().catch(() => undefined), sleep(2000)]);
}

/** A raw out-of-dialog request through the UA core (digest auth is still handled). */
function coreRequest(
  ua: UserAgent,
  method: string,
  target: string,
  extraHeaders: string[] = [],
): Promise<Core.IncomingResponse> {
  const uri = UserAgent.makeURI(target);
  if (!uri) throw new Error(`bad URI ${target}`);
  const message = ua.userAgentCore.makeOutgoingRequestMessage(
    method,
    uri,
    ua.configuration.uri,
    uri,
    {},
    extraHeaders,
  );
  return new Promise((resolve) => {
    ua.userAgentCore.request(message, {
      onAccept: resolve,
      onReject: resolve,
      onRedirect: resolve,
    });
  });
}

async function nextInvitation(p: Phone, count: number): Promise<Invitation> {
  await waitFor(() => p.invitations.length >= count, `INVITE #${count} at ${p.ext}`);
  const invitation = p.invitations[count - 1];
  if (!invitation) throw new Error('unreachable');
  return invitation;
}

function established(...sessions: Session[]): Promise<void> {
  return waitFor(
    () => sessions.every((s) => s.state === SessionState.Established),
    'sessions Established',
  );
}

function terminated(...sessions: Session[]): Promise<void> {
  return waitFor(
    () => sessions.every((s) => s.state === SessionState.Terminated),
    'sessions Terminated',
  );
}

/** 1 caller ⇄ callee call, answered right away; returns both ends */
async function call(from: Phone, to: Phone): Promise<{ caller: Inviter; callee: Invitation }> {
  const before = to.invitations.length;
  const caller = new Inviter(from.ua, aor(to.ext));
  await caller.invite();
  const callee = await nextInvitation(to, before + 1);
  await callee.accept();
  await established(caller, callee);
  return { caller, callee };
}

// BLF: lower-case (pua_dialoginfo sends "Trying") and reduce all <dialog> elements to one state
const BLF_PRIORITY = ['terminated', 'trying', 'proceeding', 'confirmed', 'early'];
function blfState(body: string): string {
  const states = [...body.matchAll(/<state[^>]*>([^<]+)<\/state>/g)].map((m) =>
    (m[1] ?? '').trim().toLowerCase(),
  );
  return states.reduce(
    (a, b) => (BLF_PRIORITY.indexOf(b) > BLF_PRIORITY.indexOf(a) ? b : a),
    'none',
  );
}

interface Notified {
  contentType: string;
  body: string;
  subscriptionState: string;
}

function subscribe(
  p: Phone,
  target: string,
  event: string,
  accept: string,
  extraHeaders: string[] = [],
): { sub: Subscriber; notifies: Notified[] } {
  const notifies: Notified[] = [];
  const uri = UserAgent.makeURI(target.includes('@') ? target : `sip:${target}@${pbx.domain}`);
  if (!uri) throw new Error(`bad URI ${target}`);
  const sub = new Subscriber(p.ua, uri, event, {
    expires: 120,
    extraHeaders: [`Accept: ${accept}`, ...extraHeaders],
  });
  sub.delegate = {
    onNotify: (n: Notification) => {
      notifies.push({
        contentType: n.request.getHeader('Content-Type') ?? '',
        body: n.request.body,
        subscriptionState: n.request.getHeader('Subscription-State') ?? '',
      });
      void n.accept();
    },
  };
  return { sub, notifies };
}

beforeAll(async () => {
  pbx = await startPbx({ name: 'selftest' });
}, 120_000);

afterAll(async () => {
  for (const p of [...phones]) await dispose(p);
  await pbx?.stop();
});

describe('test PBX (Kamailio)', () => {
  let p1001: Phone;
  let p1002: Phone;
  let p1003: Phone;

  test('fixture extensions register with their passwords', async () => {
    p1001 = await phone('1001');
    p1002 = await phone('1002');
    p1003 = await phone('1003', {
      ua: {
        sipExtensionExtraSupported: ['eventlist'],
        sipExtensionReplaces: SIPExtension.Supported,
      },
    });
    const dump = JSON.stringify(await pbx.rpc('ul.dump'));
    for (const ext of ['1001', '1002', '1003']) expect(dump).toContain(`"AoR":"${ext}"`);
  });

  test('a wrong password is rejected with 401', async () => {
    const bad = await phone('1004', { password: 'wrong', register: false });
    expect(await register(bad.registerer)).toBe(401);
    await sleep(0); // the registerer state changes one tick after onReject
    expect(bad.registerer.state).not.toBe(RegistererState.Registered);
    await dispose(bad);
  });

  test('OPTIONS to the server itself is answered 200 without auth', async () => {
    for (const target of [`sip:${pbx.domain}`, `sip:127.0.0.1:${pbx.sipPort}`]) {
      const response = await coreRequest(p1001.ua, 'OPTIONS', target);
      expect(response.message.statusCode, target).toBe(200);
    }
  });

  test('SUBSCRIBE to an extension that does not exist is refused with 404', async () => {
    for (const event of ['dialog', 'presence']) {
      const response = await coreRequest(p1003.ua, 'SUBSCRIBE', `sip:1999@${pbx.domain}`, [
        `Event: ${event}`,
        'Expires: 60',
        `Contact: ${p1003.ua.contact.toString()}`,
      ]);
      expect(response.message.statusCode, event).toBe(404);
    }
    // and SIP.js's Subscriber ends up Terminated (it hides the status code)
    const { sub } = subscribe(p1003, '1999', 'dialog', 'application/dialog-info+xml');
    await sub.subscribe();
    await waitFor(
      () => sub.state === SubscriptionState.Terminated,
      'Subscriber to 1999 terminated',
    );
  });

  test('codes for unknown, offline and unsupported targets', async () => {
    const invite = async (ext: string): Promise<number> => {
      let code = 0;
      const inviter = new Inviter(p1001.ua, aor(ext));
      await inviter.invite({
        requestDelegate: { onReject: (r) => (code = r.message.statusCode ?? 0) },
      });
      await waitFor(() => code !== 0, `INVITE ${ext} rejected`);
      return code;
    };
    expect(await invite('1999')).toBe(404); // not provisioned
    expect(await invite('1004')).toBe(404); // provisioned, not registered: same code
    const message = await coreRequest(p1001.ua, 'MESSAGE', `sip:1004@${pbx.domain}`, [
      'Content-Type: text/plain',
    ]);
    expect(message.message.statusCode).toBe(404); // no offline message store
    const mwi = await coreRequest(p1003.ua, 'SUBSCRIBE', `sip:1001@${pbx.domain}`, [
      'Event: message-summary',
      'Expires: 60',
      `Contact: ${p1003.ua.contact.toString()}`,
    ]);
    expect(mwi.message.statusCode).toBe(489); // Bad Event: only presence, dialog (+ winfo)
  });

  test('presence SUBSCRIBE gets PIDF NOTIFYs that follow registration', async () => {
    const online = subscribe(p1003, '1001', 'presence', 'application/pidf+xml');
    await online.sub.subscribe();
    await waitFor(() => online.notifies.length >= 1, 'presence NOTIFY for 1001');
    const first = online.notifies[0];
    trace('presence NOTIFY 1001 (registered)', JSON.stringify(first, null, 1));
    expect(first?.contentType).toBe('application/pidf+xml');
    expect(first?.body).toMatch(/<basic>open<\/basic>/);
    expect(first?.body).toContain(`entity="sip:1001@${pbx.domain}"`);

    const offline = subscribe(p1003, '1005', 'presence', 'application/pidf+xml');
    await offline.sub.subscribe();
    await waitFor(() => offline.notifies.length >= 1, 'presence NOTIFY for 1005');
    trace('presence NOTIFY 1005 (never registered)', JSON.stringify(offline.notifies[0], null, 1));
    // no presentity yet: NOTIFY without body (and without Content-Type)
    expect(offline.notifies[0]?.body).toBe('');

    // 1005 registers -> open; unregisters -> the open tuple is withdrawn
    const p1005 = await phone('1005');
    await waitFor(
      () => offline.notifies.some((n) => /<basic>open<\/basic>/.test(n.body)),
      '1005 open',
    );
    const seen = offline.notifies.length;
    await p1005.registerer.unregister();
    await waitFor(() => offline.notifies.length > seen, 'NOTIFY after unREGISTER');
    trace(
      'presence NOTIFY 1005 after unREGISTER',
      JSON.stringify(offline.notifies.at(-1), null, 1),
    );
    expect(offline.notifies.at(-1)?.body ?? '').toMatch(/<basic>closed<\/basic>/);
    await dispose(p1005);
    await online.sub.unsubscribe();
    await offline.sub.unsubscribe();
  });

  test('call 1001 → 1002 with BLF and RLS NOTIFYs, MESSAGE, dlg.list and dlg.end_dlg', async () => {
    const blf = subscribe(p1003, '1002', 'dialog', 'application/dialog-info+xml');
    await blf.sub.subscribe();
    await waitFor(() => blf.notifies.length >= 1, 'initial BLF NOTIFY');

    const rls = subscribe(
      p1003,
      'sip:blf@' + pbx.domain,
      'dialog',
      'application/dialog-info+xml, application/rlmi+xml, multipart/related',
    );
    await rls.sub.subscribe();
    await waitFor(() => rls.notifies.length >= 1, 'initial RLS NOTIFY');
    expect(rls.notifies[0]?.contentType).toMatch(/^multipart\/related;.*application\/rlmi\+xml/);
    expect(rls.notifies[0]?.body).toContain(`<list uri="sip:blf@${pbx.domain}"`);
    trace(
      'RLS NOTIFY (initial)',
      `Content-Type: ${rls.notifies[0]?.contentType}\n${rls.notifies[0]?.body}`,
    );

    // ring for a moment so the watcher sees "early"
    const caller = new Inviter(p1001.ua, aor('1002'));
    await caller.invite();
    const callee = await nextInvitation(p1002, p1002.invitations.length + 1);
    await waitFor(
      () => blf.notifies.some((n) => blfState(n.body) === 'early'),
      () => `BLF early (seen: ${blf.notifies.map((n) => blfState(n.body)).join(', ')})`,
    );
    trace('BLF NOTIFY early', blf.notifies.find((n) => blfState(n.body) === 'early')?.body ?? '');
    await callee.accept();
    await established(caller, callee);
    await waitFor(
      () => blf.notifies.some((n) => blfState(n.body) === 'confirmed'),
      'BLF confirmed',
    );

    // MESSAGE inside the call and outside of it
    let inDialog = '';
    callee.delegate = {
      onMessage: (m) => {
        inDialog = m.request.body;
        void m.accept();
      },
    };
    await caller.message({
      requestOptions: {
        body: { contentDisposition: 'render', contentType: 'text/plain', content: 'in dialog' },
      },
    });
    await new Messager(p1002.ua, aor('1001'), 'out of dialog', 'text/plain').message();
    await waitFor(
      () => inDialog === 'in dialog' && p1001.messages.includes('out of dialog'),
      'MESSAGEs delivered',
    );

    // dlg.list shows the call; dlg.end_dlg tears it down from the PBX side (BYE to both)
    const callId = caller.request.callId;
    const list = (await pbx.rpc('dlg.list')) as Array<{
      h_entry: number;
      h_id: number;
      'call-id': string;
      state: number;
    }>;
    const dlg = list.find((d) => d['call-id'] === callId);
    expect(dlg?.state).toBe(4); // confirmed
    if (!dlg) throw new Error('call not in dlg.list');
    await waitFor(
      () => rls.notifies.some((n) => n.body.includes('<state>confirmed</state>')),
      'RLS confirmed',
      4000,
    );
    trace(
      'RLS NOTIFY (confirmed)',
      rls.notifies.find((n) => n.body.includes('<state>confirmed</state>'))?.body ?? '',
    );
    await pbx.rpc('dlg.end_dlg', [dlg.h_entry, dlg.h_id]);
    await terminated(caller, callee);
    await waitFor(
      () => blfState(blf.notifies.at(-1)?.body ?? '') === 'terminated',
      'BLF terminated',
    );
    await blf.sub.unsubscribe();
    await rls.sub.unsubscribe();
  });

  test('a 3xx from the callee is relayed to the caller unchanged', async () => {
    let redirect: Core.IncomingResponse | undefined;
    const caller = new Inviter(p1001.ua, aor('1002'));
    await caller.invite({ requestDelegate: { onRedirect: (r) => (redirect = r) } });
    const callee = await nextInvitation(p1002, p1002.invitations.length + 1);
    await callee.reject({ statusCode: 302, extraHeaders: [`Contact: <sip:1003@${pbx.domain}>`] });
    await waitFor(() => redirect !== undefined, '302 at the caller');
    expect(redirect?.message.statusCode).toBe(302);
    expect(redirect?.message.getHeader('Contact')).toContain(`sip:1003@${pbx.domain}`);
    await terminated(caller);
  });

  test('blind transfer: REFER is relayed and the transferee calls the target', async () => {
    const { caller, callee } = await call(p1001, p1002);
    let referral: Referral | undefined;
    callee.delegate = { onRefer: (r) => (referral = r) };
    const notifies: string[] = [];
    await caller.refer(aor('1003'), {
      onNotify: (n) => (notifies.push(n.request.body), void n.accept()),
    });
    await waitFor(() => referral !== undefined, 'REFER at 1002');
    if (!referral) throw new Error('unreachable');
    await referral.accept();
    const transferInviter = referral.makeInviter();
    await transferInviter.invite();
    const atTarget = await nextInvitation(p1003, p1003.invitations.length + 1);
    expect(atTarget.request.getHeader('Referred-By')).toContain('1001');
    await atTarget.accept();
    await established(transferInviter, atTarget);
    await waitFor(
      () => notifies.some((b) => b.startsWith('SIP/2.0 200')),
      'sipfrag NOTIFY 200 at 1001',
    );
    await caller.bye();
    await transferInviter.bye();
    await terminated(caller, callee, transferInviter, atTarget);
  });

  test("attended transfer: INVITE with Replaces reaches the target's contact", async () => {
    const a = await call(p1001, p1002); // the call to transfer
    const b = await call(p1001, p1003); // consultation call
    let referral: Referral | undefined;
    a.callee.delegate = { onRefer: (r) => (referral = r) };
    await a.caller.refer(b.caller); // Refer-To: <1003's contact?Replaces=...>
    await waitFor(() => referral !== undefined, 'REFER at 1002');
    if (!referral) throw new Error('unreachable');
    expect(referral.replaces).toBeTruthy();
    await referral.accept();
    const replacing = referral.makeInviter();
    await replacing.invite();
    const atTarget = await nextInvitation(p1003, p1003.invitations.length + 1);
    expect(atTarget.request.getHeader('Replaces')).toContain(b.caller.request.callId);
    expect(atTarget.replacee).toBe(b.callee);
    await atTarget.accept(); // SIP.js BYEs the replaced consultation leg
    await established(replacing, atTarget);
    await terminated(b.caller, b.callee);
    await a.caller.bye();
    await replacing.bye();
    await terminated(a.caller, a.callee, replacing, atTarget);
  });

  test('call pickup: INVITE with Replaces to the dialog-info remote target reaches the caller', async () => {
    const blf = subscribe(p1003, '1002', 'dialog', 'application/dialog-info+xml');
    await blf.sub.subscribe();
    // a PUBLISH racing the SUBSCRIBE can be missed by both NOTIFYs: let it settle first
    await waitFor(() => blf.notifies.length >= 1, 'initial BLF NOTIFY');
    const caller = new Inviter(p1001.ua, aor('1002'));
    await caller.invite();
    const ringing = await nextInvitation(p1002, p1002.invitations.length + 1);
    await waitFor(
      () => blf.notifies.some((n) => blfState(n.body) === 'early'),
      () => `BLF early (seen: ${blf.notifies.map((n) => blfState(n.body)).join(', ')})`,
    );
    const early = blf.notifies.find((n) => blfState(n.body) === 'early')?.body ?? '';
    const attr = (name: string): string => new RegExp(`${name}="([^"]+)"`).exec(early)?.[1] ?? '';
    const remoteTarget = /<remote>[\s\S]*?<target uri="([^"]+)"/.exec(early)?.[1] ?? '';
    expect(remoteTarget).toContain(';alias=');
    // 1002 is the recipient: its local-tag is the callee's tag, remote-tag the caller's (1001's)
    // Replaces is matched by the receiver (1001): to-tag = 1001's tag, from-tag = 1002's tag
    const replaces = `${attr('call-id')};to-tag=${attr('remote-tag')};from-tag=${attr('local-tag')};early-only`;
    expect(attr('call-id')).toBe(caller.request.callId);

    const before = p1001.invitations.length;
    const targetUri = UserAgent.makeURI(remoteTarget);
    if (!targetUri) throw new Error(`bad target ${remoteTarget}`);
    const picker = new Inviter(p1003.ua, targetUri, { extraHeaders: [`Replaces: ${replaces}`] });
    await picker.invite();
    const pickup = await nextInvitation(p1001, before + 1);
    expect(pickup.request.getHeader('Replaces')).toBe(replaces);
    // the caller's app honours it (SIP.js's own Replaces support cannot replace an early dialog)
    await pickup.accept();
    await caller.cancel();
    await established(picker, pickup);
    await terminated(caller, ringing);
    await picker.bye();
    await terminated(picker, pickup);
    await blf.sub.unsubscribe();
  });

  test('restart() comes back on the same ws port and keeps the subscribers', async () => {
    const wsUrl = pbx.wsUrl;
    const oldPid = pbx.pid;
    await pbx.restart();
    expect(pbx.wsUrl).toBe(wsUrl);
    expect(pbx.pid).not.toBe(oldPid);
    await waitFor(() => phones.every((p) => !p.ua.isConnected()), 'phones noticed the restart');
    for (const p of phones) {
      await p.ua.reconnect();
      expect(await register(p.registerer)).toBe(200);
    }
    const dump = JSON.stringify(await pbx.rpc('ul.dump'));
    for (const ext of ['1001', '1002', '1003']) expect(dump).toContain(`"AoR":"${ext}"`);
    // and the new instance works: a call goes through
    const { caller, callee } = await call(p1001, p1002);
    await caller.bye();
    await terminated(caller, callee);
  }, 20_000);
});

describe('test PBX with wss', () => {
  let wssPbx: TestPbx | undefined;
  afterAll(async () => {
    await wssPbx?.stop();
  });

  test('a Node client connects over wss with the throw-away CA', async () => {
    wssPbx = await startPbx({ name: 'selftest-wss', wss: true });
    const ca = wssCaPem(wssPbx);
    const wssUrl = wssPbx.wssUrl ?? '';
    expect(wssUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
    expect(ca).toContain('BEGIN CERTIFICATE');
    installNodeWebSocket({ ca });
    const saved = pbx;
    pbx = wssPbx; // phone() uses pbx.domain/password
    try {
      const p = await phone('1006', { server: wssUrl });
      expect(JSON.stringify(await wssPbx.rpc('ws.dump'))).toContain('wss:');
      await dispose(p);
    } finally {
      pbx = saved;
    }
  }, 30_000);
});

// the SDH really flips directions (hold) - exercised here so a broken SDH fails loudly
test('signaling-only SDH answers a hold offer with recvonly', async () => {
  const uri = UserAgent.makeURI('sip:x@example.invalid');
  if (!uri) throw new Error('unreachable');
  // never started: the SDH only needs a Session object
  const ua = new UserAgent({
    uri,
    logLevel: 'error',
    transportOptions: { server: 'ws://127.0.0.1:9' },
  });
  const session = new Inviter(ua, uri);
  const sdh = new SignalingOnlySessionDescriptionHandler(session);
  const holdOptions: SessionDescriptionHandlerOptions & { hold: boolean } = { hold: true };
  const hold = await sdh.getDescription(holdOptions);
  expect(hold.body).toContain('a=sendonly');
  await sdh.setDescription(hold.body);
  expect((await sdh.getDescription()).body).toContain('a=recvonly');
  expect(sdh.sendDtmf()).toBe(false);
});

// Registration against a real Kamailio: ACCESS_GRANTED, wrong password (and no REGISTER storm),
// server down, disconnect un-registers, +sip.instance replaces a binding, wss, no password in logs.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installNodeWebSocket } from '../pbx/node-websocket';
import { startPbx, type TestPbx } from '../pbx/pbx';
import { contactsOf, makeClient, sleep, waitFor, type TestClient } from './sip-helpers';

let pbx: TestPbx;
const open: TestClient[] = [];
const client = (...a: Parameters<typeof makeClient>) => {
  const c = makeClient(...a);
  open.push(c);
  return c;
};

beforeAll(async () => {
  pbx = await startPbx({ name: 'sip-connection', wss: true });
  if (pbx.caFile) installNodeWebSocket({ ca: readFileSync(pbx.caFile, 'utf8') });
});

afterAll(async () => {
  await Promise.all(open.map((c) => c.close().catch(() => {})));
  await pbx?.stop();
});

describe('SIP backend: registration', () => {
  it('registers with digest auth: ACCESS_GRANTED, store phase registered, binding at the PBX', async () => {
    const a = client(pbx, '1001');
    await a.connect();
    const conn = a.client.store.getState().connection;
    expect(a.states.map((s) => s.State)).toEqual(['ACCESS_GRANTED']);
    expect(conn).toMatchObject({
      phase: 'registered',
      registered: true,
      state: 'ACCESS_GRANTED',
      user: '1001',
      server: pbx.wsUrl,
    });
    expect(await contactsOf(pbx, '1001')).toHaveLength(1);
    // disconnect un-registers: CONNECTION_CLOSED and the binding is gone
    await a.close();
    expect(a.states.at(-1)?.State).toBe('CONNECTION_CLOSED');
    expect(a.client.store.getState().connection.phase).toBe('closed');
    expect(await contactsOf(pbx, '1001')).toEqual([]);
  });

  it('wrong password: ACCESS_DENIED with an actionable message, exactly one challenge round, no retries', async () => {
    const a = client(pbx, '1002', {
      sip: { userAgentOptions: { transportOptions: { traceSip: true } } },
    });
    await a.connect('not-the-password');
    const conn = a.client.store.getState().connection;
    expect(a.states.map((s) => s.State)).toEqual(['ACCESS_DENIED']);
    expect(conn.phase).toBe('failed');
    expect(conn.lastError?.code).toBe('ACCESS_DENIED');
    expect(conn.lastError?.message).toBe('Wrong password for extension 1002 at ozkit.test');
    expect(a.errors.map((e) => e.code)).toEqual(['ACCESS_DENIED']);
    await sleep(1500); // a retry storm would show up here
    const sent = a.logs.filter((l) => /Sending WebSocket message:\s+REGISTER /.test(l));
    expect(sent).toHaveLength(2); // unauthenticated + one authenticated attempt
    expect(await contactsOf(pbx, '1002')).toEqual([]);
  });

  it('server down: CONNECTION_FAILED naming the server, phase failed, no background retries', async () => {
    const dead = 'ws://127.0.0.1:9'; // discard port: nothing listens
    const a = client(pbx, '1003', { server: dead });
    const t0 = Date.now();
    await a.connect();
    expect(Date.now() - t0).toBeLessThan(3000);
    const conn = a.client.store.getState().connection;
    expect(a.states.map((s) => s.State)).toEqual(['CONNECTION_FAILED']);
    expect(conn.phase).toBe('failed');
    expect(conn.lastError?.message).toContain(dead);
    await sleep(500);
    expect(a.states).toHaveLength(1);
  });

  it('no password, Authorization or digest response in captured logs, even at debug level with SIP traces', async () => {
    const a = client(pbx, '1004', {
      sip: { userAgentOptions: { logLevel: 'debug', transportOptions: { traceSip: true } } },
    });
    await a.connect();
    expect(a.logs.length).toBeGreaterThan(10);
    const all = a.logs.join('\n');
    expect(all).toContain('REGISTER sip:ozkit.test'); // the traces really are there
    expect(all).toMatch(/^Authorization: \[redacted\]/m); // and the credentials were in them
    expect(all).not.toContain(pbx.password('1004'));
    expect(all).not.toMatch(/^Authorization:\s*Digest/im);
    expect(all).not.toMatch(/response="[0-9a-f]{32}"/i);
    expect(JSON.stringify(a.client.store.getState())).not.toContain(pbx.password('1004'));
  });

  it('the same +sip.instance replaces the binding, another one adds its own (no ghost registration)', async () => {
    const instanceId = 'desk-1005';
    const first = client(pbx, '1005', { sip: { instanceId } });
    await first.connect();
    const second = client(pbx, '1005', { sip: { instanceId } }); // e.g. the tab reloaded
    await second.connect();
    expect(await contactsOf(pbx, '1005')).toHaveLength(1);
    const other = client(pbx, '1005', { sip: { instanceId: 'desk-1005-b' } }); // another tab
    await other.connect();
    expect(await contactsOf(pbx, '1005')).toHaveLength(2);
  });

  it('registers over wss with the PBX certificate', async () => {
    const a = client(pbx, '1006', { server: pbx.wssUrl });
    await a.connect();
    expect(a.client.store.getState().connection).toMatchObject({
      phase: 'registered',
      server: pbx.wssUrl,
    });
  });

  it('re-registers at once on the browser online event and when a hidden tab shows again; listeners only while connected', async () => {
    const g = globalThis as { window?: unknown; document?: unknown };
    let listeners = 0;
    const counted = <T extends EventTarget>(t: T): T => {
      const add = t.addEventListener.bind(t);
      const remove = t.removeEventListener.bind(t);
      t.addEventListener = (type: string, fn: EventListenerOrEventListenerObject | null) => {
        listeners++;
        add(type, fn);
      };
      t.removeEventListener = (type: string, fn: EventListenerOrEventListenerObject | null) => {
        listeners--;
        remove(type, fn);
      };
      return t;
    };
    const win = counted(new EventTarget());
    const doc = counted(Object.assign(new EventTarget(), { visibilityState: 'hidden' }));
    g.window = win;
    g.document = doc;
    try {
      const a = client(pbx, '1003', {
        sip: { userAgentOptions: { transportOptions: { traceSip: true } } },
      });
      expect(listeners).toBe(0); // nothing before connect
      await a.connect();
      expect(listeners).toBe(2);
      const registers = () =>
        a.logs.filter((l) => /Sending WebSocket message:\s+REGISTER /.test(l)).length;
      const n0 = registers();
      win.dispatchEvent(new Event('online'));
      await waitFor(() => registers() > n0, 'REGISTER after online', 1000);
      const n1 = registers();
      doc.dispatchEvent(new Event('visibilitychange')); // still hidden: nothing
      await sleep(100);
      expect(registers()).toBe(n1);
      doc.visibilityState = 'visible';
      doc.dispatchEvent(new Event('visibilitychange'));
      await waitFor(() => registers() > n1, 'REGISTER after visible', 1000);
      expect(a.client.store.getState().connection.phase).toBe('registered');
      await a.close();
      expect(listeners).toBe(0);
    } finally {
      delete g.window;
      delete g.document;
    }
  });
});

// End to end in Chromium: pages embedding <oz-dialer> (the standalone script, strict CSP) make
// real WebRTC calls to each other through the test Kamailio; media is checked with getStats. A
// third page, the demo softphone, watches both extensions' lamps (BLF) during a call.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPbx, type TestPbx } from '../pbx/pbx';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { nodePhone } from './fixtures/node-phone';
import { dialerTag, pageDir, STRICT_CSP, type PageDir } from './fixtures/pages';
import { addProbe, probeEvents, readStats, waitForEvent, type AudioStats } from './fixtures/probe';
import { writeToneWav } from './fixtures/tone-wav';
import { buildWidget, type BuiltWidget } from './fixtures/widget-build';
import { serveStatic, type StaticServer } from './static-server';

let pbx: TestPbx;
let widget: BuiltWidget;
let pages: PageDir;
let server: StaticServer;
let browser: LaunchedBrowser;
/** The demo softphone, built from the current sources, with the test directory beside it. */
let demo: StaticServer;
const demoOut = mkdtempSync(join(tmpdir(), 'ozkit-demo-'));
const REPO = resolve(import.meta.dirname, '../..');

/** `vite build` of the demo into `demoOut` (a child process: Vite's NODE_ENV stays its own). */
const buildDemo = () =>
  promisify(execFile)(
    'npx',
    ['vite', 'build', '--config', 'demo/vite.config.ts', '--outDir', demoOut, '--emptyOutDir'],
    { cwd: REPO },
  );

interface Phone {
  page: Page;
  ext: string;
  path: string;
  console: string[];
}

const phones: Phone[] = [];
let a: Phone;
let b: Phone;

type Method =
  | 'call'
  | 'accept'
  | 'reject'
  | 'hangUp'
  | 'hold'
  | 'unhold'
  | 'sendDtmf'
  | 'connect'
  | 'disconnect';

/** Calls a method of the page's <oz-dialer id="w">; resolves with its result. */
function act<T = void>(p: Phone, method: Method, ...args: unknown[]): Promise<T> {
  return p.page.evaluate(
    ([m, rest]) => {
      const el = document.getElementById('w') as HTMLElementTagNameMap['oz-dialer'];
      return Reflect.apply(el[m as Method], el, rest as unknown[]) as Promise<T>;
    },
    [method, args] as const,
  ) as Promise<T>;
}

const resetEvents = (p: Phone) => p.page.evaluate(() => void (window.__ozProbe.events.length = 0));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setPassword(p: Phone): Promise<void> {
  await p.page.evaluate((pw) => {
    (document.getElementById('w') as HTMLElementTagNameMap['oz-dialer']).password = pw;
  }, pbx.password(p.ext));
}

async function openPhone(path: string, ext: string): Promise<Phone> {
  const page = await browser.context.newPage();
  const p: Phone = { page, ext, path, console: [] };
  page.on('console', (m) => p.console.push(m.text()));
  page.on('pageerror', (e) => p.console.push(`pageerror ${e.message}`));
  await addProbe(page);
  await page.goto(server.url + path);
  phones.push(p);
  return p;
}

async function register(p: Phone): Promise<void> {
  await setPassword(p);
  await waitForEvent(p.page, 'oz-connection', { state: 'ACCESS_GRANTED' });
}

/** Polls the newest peer connection's stats until `ok` holds. */
async function statsUntil(
  p: Phone,
  ok: (s: AudioStats) => boolean,
  timeout = 8000,
): Promise<AudioStats> {
  const end = Date.now() + timeout;
  let last: AudioStats | null = null;
  while (Date.now() < end) {
    last = await readStats(p.page);
    if (last && ok(last)) return last;
    await sleep(200);
  }
  throw new Error(`stats of ${p.ext} never matched: ${JSON.stringify(last)}`);
}

/** A calls B with call(); B's call id comes from its oz-incoming-call. */
async function ring(from: Phone, to: Phone, type: 'audio' | 'video' = 'audio') {
  await Promise.all([resetEvents(from), resetEvents(to)]);
  const fromId = await act<string>(from, 'call', to.ext, type);
  const incoming = await waitForEvent(to.page, 'oz-incoming-call', { from: from.ext });
  return { fromId, toId: String(incoming.detail.callId) };
}

async function bothInCall(from: Phone, to: Phone, ids: { fromId: string; toId: string }) {
  await waitForEvent(from.page, 'oz-call-state', { callId: ids.fromId, state: 'IN_CALL' });
  await waitForEvent(to.page, 'oz-call-state', { callId: ids.toId, state: 'IN_CALL' });
}

async function bothEnded(from: Phone, to: Phone, ids: { fromId: string; toId: string }) {
  await waitForEvent(from.page, 'oz-call-state', { callId: ids.fromId, state: 'COMPLETED' });
  await waitForEvent(to.page, 'oz-call-state', { callId: ids.toId, state: 'COMPLETED' });
}

beforeAll(async () => {
  [pbx, widget] = await Promise.all([startPbx({ name: 'e2e-widget' }), buildWidget(), buildDemo()]);
  pages = pageDir();
  const phoneAttrs = (user: string) => ({ server: pbx.wsUrl, user, domain: pbx.domain });
  pages.add('a.html', dialerTag('w', phoneAttrs('1001')), { title: 'Shop A' });
  pages.add('b.html', dialerTag('w', phoneAttrs('1002')), { title: 'Shop B' });
  pages.add('c.html', dialerTag('w', phoneAttrs('1005')), { title: 'Shop C' });
  pages.add('d.html', dialerTag('w', { server: pbx.wsUrl, domain: pbx.domain }), {
    title: 'Login by callback',
  });
  server = await serveStatic([widget.root, pages.dir], { 'Content-Security-Policy': STRICT_CSP });
  demo = await serveStatic([demoOut, join(REPO, 'test/fixtures')]);
  browser = await launchChromium({
    media: true,
    audioFile: writeToneWav(join(pages.dir, 'tone.wav')),
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await demo?.close();
  await pbx?.stop();
  rmSync(demoOut, { recursive: true, force: true });
  pages?.remove();
  widget?.remove();
});

describe('two pages with <oz-dialer> on the test Kamailio', () => {
  it('register with the password set as a property', async () => {
    [a, b] = await Promise.all([openPhone('/a.html', '1001'), openPhone('/b.html', '1002')]);
    await Promise.all([register(a), register(b)]);
    const contacts = JSON.stringify(await pbx.rpc('ul.dump'));
    expect(contacts).toContain('1001');
    expect(contacts).toContain('1002');
  });

  let first: { fromId: string; toId: string };

  it('call with call(), answer by clicking the widget’s Accept button', async () => {
    first = await ring(a, b);
    await b.page.locator('#w').getByRole('button', { name: 'Accept' }).click();
    await bothInCall(a, b, first);
  });

  it('both sides receive audio (getStats bytes and energy)', async () => {
    const [sa, sb] = await Promise.all(
      [a, b].map((p) => statsUntil(p, (s) => s.bytesReceived > 0 && s.totalAudioEnergy > 0)),
    );
    expect(sa?.connectionState).toBe('connected');
    expect(sb?.connectionState).toBe('connected');
  });

  it('DTMF: RFC 4733 is negotiated and sent in band; the SIP INFO fallback reaches the peer', async () => {
    expect((await readStats(a.page))?.telephoneEvent).toBe(true);
    // In band: the browser's RTCDTMFSender plays the tone (the peer's browser cannot expose it).
    const toneSeen = a.page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const pcs = window.__ozProbe.pcs.filter((p) => p.connectionState === 'connected');
          const dtmf = pcs[pcs.length - 1]?.getSenders().find((s) => s.dtmf)?.dtmf;
          dtmf?.addEventListener('tonechange', (e) => {
            if (e.tone) resolve(e.tone);
          });
        }),
    );
    await act(a, 'sendDtmf', '1');
    expect(await toneSeen).toBe('1');
    // Without RTCDTMFSender the backend sends SIP INFO, which the peer's widget reports.
    await a.page.evaluate(() =>
      Object.defineProperty(RTCRtpSender.prototype, 'dtmf', {
        get: () => null,
        configurable: true,
      }),
    );
    await act(a, 'sendDtmf', '7#');
    await waitForEvent(b.page, 'oz-dtmf', { callId: first.toId, key: '7' });
    await waitForEvent(b.page, 'oz-dtmf', { callId: first.toId, key: '#' });
  });

  it('hold stops the media and unhold restores it', async () => {
    await act(a, 'hold');
    await waitForEvent(a.page, 'oz-call-state', { callId: first.fromId, state: 'HOLD' });
    await waitForEvent(b.page, 'oz-call-state', { callId: first.toId, state: 'HOLD' });
    await sleep(500); // packets in flight
    const [a0, b0] = await Promise.all([readStats(a.page), readStats(b.page)]);
    await sleep(1000);
    const [a1, b1] = await Promise.all([readStats(a.page), readStats(b.page)]);
    // The holder receives nothing; the held side hears silence (no energy added).
    expect((a1?.bytesReceived ?? 0) - (a0?.bytesReceived ?? 0)).toBe(0);
    expect((b1?.totalAudioEnergy ?? 0) - (b0?.totalAudioEnergy ?? 0)).toBeLessThan(1e-4);

    await act(a, 'unhold');
    await waitForEvent(a.page, 'oz-call-state', { callId: first.fromId, state: 'IN_CALL' });
    await resetEvents(b);
    await statsUntil(a, (s) => s.bytesReceived > (a1?.bytesReceived ?? 0) + 1000);
    await statsUntil(b, (s) => s.totalAudioEnergy > (b1?.totalAudioEnergy ?? 0) + 0.01);
  });

  it('hang up (the widget’s button) ends both sides', async () => {
    await b.page.locator('#w').getByRole('button', { name: 'Hang up' }).click();
    await bothEnded(a, b, first);
  });

  it('the call is in both histories, and still there after a reload (IndexedDB)', async () => {
    const row = (p: Phone, other: string) =>
      p.page.locator('#w .oz-call-history').getByText(other, { exact: false }).first();
    await expect.poll(() => row(a, '1002').count()).toBeGreaterThan(0);
    await expect.poll(() => row(b, '1001').count()).toBeGreaterThan(0);
    await Promise.all([a.page.reload(), b.page.reload()]);
    await Promise.all([register(a), register(b)]);
    await expect.poll(() => row(a, '1002').count()).toBeGreaterThan(0);
    await expect.poll(() => row(b, '1001').count()).toBeGreaterThan(0);
  });

  it('the other way round: accept() and hangUp() through the methods', async () => {
    const ids = await ring(b, a);
    await act(a, 'accept');
    await bothInCall(b, a, ids);
    await statsUntil(a, (s) => s.bytesReceived > 0 && s.totalAudioEnergy > 0);
    await act(a, 'hangUp', ids.toId);
    await bothEnded(b, a, ids);
  });

  it('a video call shows the remote video track', async () => {
    const ids = await ring(a, b, 'video');
    await act(b, 'accept');
    await bothInCall(a, b, ids);
    for (const p of [a, b]) {
      await p.page.waitForFunction(
        () => {
          const video = document
            .getElementById('w')
            ?.shadowRoot?.querySelector<HTMLVideoElement>('video.oz-video__remote');
          const stream = video?.srcObject;
          return (
            stream instanceof MediaStream &&
            stream.getVideoTracks().some((t) => t.readyState === 'live') &&
            (video?.videoWidth ?? 0) > 0
          );
        },
        null,
        { timeout: 10_000 },
      );
    }
    expect(
      (await statsUntil(b, (s) => s.videoFramesDecoded > 0)).videoFramesDecoded,
    ).toBeGreaterThan(0);
    await act(a, 'hangUp');
    await bothEnded(a, b, ids);
  });

  it('removing the element ends the call, unregisters and releases the microphone', async () => {
    const ids = await ring(a, b);
    await act(b, 'accept');
    await bothInCall(a, b, ids);
    const live = await a.page.evaluate(
      () => window.__ozProbe.tracks.filter((t) => t.readyState === 'live').length,
    );
    expect(live).toBeGreaterThan(0);
    await a.page.evaluate(() => document.getElementById('w')?.remove());
    await waitForEvent(b.page, 'oz-call-state', { callId: ids.toId, state: 'COMPLETED' });
    await a.page.waitForFunction(() =>
      window.__ozProbe.tracks.every((t) => t.readyState === 'ended'),
    );
    await expect
      .poll(async () => JSON.stringify(await pbx.rpc('ul.dump')).includes('"1001'), {
        timeout: 5000,
      })
      .toBe(false);
  });
});

describe('bad input and hostile pages', () => {
  // No double quote: SIP.js would not escape it inside the From header's quoted string.
  const hostileName = '<img src=x onerror=window.__xss=1>Mallory';
  const hostileText = '<script>window.__xss=2</script><b>bold?</b>';

  it('a display name and a message with markup render as text', async () => {
    const c = await openPhone('/c.html', '1005');
    await register(c);
    const mallory = await nodePhone(pbx, '1006', hostileName);
    try {
      mallory.call('1005');
      const incoming = await waitForEvent(c.page, 'oz-incoming-call', { from: '1006' });
      expect(incoming.detail.displayName).toBe(hostileName);
      await mallory.message('1005', hostileText);
      await waitForEvent(c.page, 'oz-message', { text: hostileText });
      const w = c.page.locator('#w');
      await expect.poll(() => w.getByText(hostileName).count()).toBeGreaterThan(0);
      await expect.poll(() => w.getByText(hostileText).count()).toBeGreaterThan(0);
      const injected = await c.page.evaluate(() => ({
        xss: (window as Window & { __xss?: number }).__xss ?? null,
        markup: document.getElementById('w')?.shadowRoot?.querySelectorAll('img, script, b').length,
      }));
      expect(injected).toEqual({ xss: null, markup: 0 });
    } finally {
      await mallory.cancel();
      await mallory.stop();
    }
  });

  it('logs in through the credentials callback, asked once per connect', async () => {
    const d = await openPhone('/d.html', '1004');
    await d.page.evaluate((pw) => {
      const w = window as Window & { asked?: number };
      w.asked = 0;
      (document.getElementById('w') as HTMLElementTagNameMap['oz-dialer']).credentials =
        async () => {
          w.asked = (w.asked ?? 0) + 1;
          return { user: '1004', password: pw };
        };
    }, pbx.password('1004'));
    await waitForEvent(d.page, 'oz-connection', { state: 'ACCESS_GRANTED' });
    await act(d, 'disconnect');
    await waitForEvent(d.page, 'oz-connection', { state: 'CONNECTION_CLOSED' });
    await act(d, 'connect');
    expect(await d.page.evaluate(() => (window as Window & { asked?: number }).asked)).toBe(2);
  });

  it('a wrong password is an oz-error and a message in the widget, never a blank box', async () => {
    const d = phones.find((p) => p.path === '/d.html') as Phone;
    await resetEvents(d);
    const code = await d.page.evaluate(async () => {
      const el = document.getElementById('w') as HTMLElementTagNameMap['oz-dialer'];
      el.credentials = async () => ({ user: '1004', password: 'wrong' });
      await el.disconnect();
      return el.connect().then(
        () => 'connected',
        (e: { code: string }) => e.code,
      );
    });
    expect(code).toBe('ACCESS_DENIED');
    const errors = await probeEvents(d.page, 'oz-error');
    expect(errors.map((e) => e.detail.code)).toContain('ACCESS_DENIED');
    await expect
      .poll(() => d.page.locator('#w').getByRole('status').textContent())
      .toMatch(/failed/i);
  });

  it('credentials never appear in attributes, localStorage or console output', async () => {
    const secrets = ['1001', '1002', '1004', '1005'].map((e) => pbx.password(e));
    for (const p of phones) {
      const dom = await p.page.evaluate(() => {
        const el = document.getElementById('w');
        const storage = (s: Storage) =>
          Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`);
        return {
          html: document.documentElement.outerHTML,
          attributes: el ? Array.from(el.attributes, (x) => `${x.name}=${x.value}`) : [],
          storage: [...storage(localStorage), ...storage(sessionStorage)],
          password: el ? (el as HTMLElementTagNameMap['oz-dialer']).password : undefined,
        };
      });
      const seen = [dom.html, ...dom.attributes, ...dom.storage, ...p.console].join('\n');
      for (const s of secrets) expect(seen).not.toContain(s);
      expect(dom.password).toBeUndefined();
    }
  });
});

describe('the demo softphone watching both extensions', () => {
  let soft: Page;
  const softProblems: string[] = [];
  /** The ExtensionList row of `ext` (its call button is named after the directory entry). */
  const row = (ext: string) =>
    soft.locator('.oz-extension-list__item').filter({
      has: soft.locator('.oz-extension-list__number', { hasText: new RegExp(`^${ext}$`) }),
    });
  /** `lamp:label`, e.g. 'ringing:Ringing': the row's lamp class and the state text it shows. */
  const lamp = async (ext: string) => {
    const r = row(ext);
    const cls = (await r.getAttribute('class', { timeout: 2000 })) ?? '';
    const text = await r.locator('.oz-extension-list__state').textContent();
    return `${/oz-extension-list__item--(\w+)/.exec(cls)?.[1] ?? '?'}:${text ?? ''}`;
  };
  const lamps = async () => `${await lamp('1001')} ${await lamp('1002')}`;
  const pickUp = () =>
    soft.getByRole('button', { name: 'Pick up the call ringing at Bob Builder' });

  it('the demo softphone as 1003 (watch=1001,1002) shows both lamps idle', async () => {
    // The earlier test removed A's widget: a reload brings it back.
    await a.page.reload();
    await register(a);
    soft = await browser.context.newPage();
    soft.on('console', (m) => m.type() === 'error' && softProblems.push(m.text()));
    soft.on('pageerror', (e) => softProblems.push(e.message));
    const q = new URLSearchParams({
      server: pbx.wsUrl,
      user: '1003',
      password: pbx.password('1003'),
      domain: pbx.domain,
      directory: `${demo.url}/directory.json`,
      watch: '1001,1002',
    });
    await soft.goto(`${demo.url}/index.html?${q}`);
    await soft.getByText('Connected as Carol Operator (1003)').waitFor({ timeout: 10_000 });
    await expect.poll(lamps, { timeout: 5000 }).toBe('idle:Available idle:Available');
    // Only the two watched extensions have lamps; the rest of the directory stays unknown.
    expect(await lamp('1004')).toBe('unknown:Unknown');
  });

  it('A calls B: 1002 rings with a session to pick up, then both are busy, then idle', async () => {
    const ids = await ring(a, b);
    await expect.poll(() => lamp('1002'), { timeout: 5000 }).toBe('ringing:Ringing');
    // The caller's side of an early dialog (direction initiator) lights busy, not ringing.
    await expect.poll(() => lamp('1001'), { timeout: 5000 }).toBe('busy:Busy');
    // The observed session of the call: "Pick up" shows only for a ringing session at 1002.
    await pickUp().waitFor({ timeout: 5000 });
    expect(await pickUp().count()).toBe(1);

    await b.page.locator('#w').getByRole('button', { name: 'Accept' }).click();
    await bothInCall(a, b, ids);
    await expect.poll(lamps, { timeout: 5000 }).toBe('busy:Busy busy:Busy');
    await pickUp().waitFor({ state: 'detached', timeout: 5000 });

    await act(a, 'hangUp');
    await bothEnded(a, b, ids);
    await expect.poll(lamps, { timeout: 5000 }).toBe('idle:Available idle:Available');
    // The softphone only watched: it never had a call of its own.
    expect(
      await soft.locator('.oz-softphone').getByRole('button', { name: 'Accept' }).count(),
    ).toBe(0);
    expect(softProblems).toEqual([]);
  });
});

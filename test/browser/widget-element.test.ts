// <oz-dialer> in real Chromium on the simulated PBX, every page under a strict CSP: attribute
// validation, events, methods, style isolation, several independent widgets, removal.
import { dirname, join } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { buildWidget, REPO, type BuiltWidget } from './fixtures/widget-build';
import { dialerTag, pageDir, STRICT_CSP, type PageDir } from './fixtures/pages';
import { addProbe, probeEvents, waitForEvent } from './fixtures/probe';
import { serveStatic, type StaticServer } from './static-server';

let widget: BuiltWidget;
let pages: PageDir;
let server: StaticServer;
let browser: LaunchedBrowser;

const HOSTILE_CSS = `
  html { font-size: 10px; }
  body { color: rgb(255, 0, 0); font-size: 40px; text-transform: uppercase; letter-spacing: 9px; }
  * { display: inline !important; }
  button, input, p, li, div { background: rgb(0, 255, 0) !important; visibility: hidden !important; }
`;

beforeAll(async () => {
  widget = await buildWidget();
  pages = pageDir();
  pages.add('simulated.html', dialerTag('w', { simulated: true }));
  pages.add(
    'two.html',
    `${dialerTag('a', { simulated: true })}\n${dialerTag('b', { simulated: true, user: '1001' })}`,
  );
  pages.add(
    'themes.html',
    ['dark', 'none', 'light']
      .map((t) => dialerTag(t, t === 'none' ? { simulated: true } : { simulated: true, theme: t }))
      .join('\n'),
  );
  // A page as a site would have it (a main landmark, a heading), three themes of the widget.
  pages.add(
    'a11y.html',
    `<main><h1>Contact us</h1>${['dark', 'none', 'light']
      .map((t) => dialerTag(t, t === 'none' ? { simulated: true } : { simulated: true, theme: t }))
      .join('\n')}</main>`,
  );
  pages.add('bad.html', dialerTag('w', { server: 'http://pbx.example.com', theme: 'neon' }));
  pages.add('missing.html', dialerTag('w', {}));
  pages.add(
    'hostile-css.html',
    `${dialerTag('w', { simulated: true })}<p class="oz-widget-problems" id="outside">page text</p>`,
    { css: HOSTILE_CSS },
  );
  // axe-core from its own folder, so the strict CSP ('self' scripts only) lets it load.
  const axeDir = dirname(join(REPO, 'node_modules/axe-core/axe.min.js'));
  server = await serveStatic([widget.root, pages.dir, axeDir], {
    'Content-Security-Policy': STRICT_CSP,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  pages?.remove();
  widget?.remove();
});

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await addProbe(page);
  await page.goto(server.url + path);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

const pageErrors = (page: Page) => (page as Page & { errors: string[] }).errors;

/** axe over the page, into the widget's (open) shadow root. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ url: '/axe.min.js' });
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run(c: Document): Promise<AxeResults> } };
    return (await axe.run(document)).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}

/** Tab (only the keyboard) until `target`, inside the shadow root, has the focus. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await target.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el))
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the target never got the focus');
}

describe('<oz-dialer simulated>', () => {
  it('renders in a shadow root with constructable stylesheets and logs in as the first demo extension', async () => {
    const page = await open('/simulated.html');
    await waitForEvent(page, 'oz-connection', { state: 'ACCESS_GRANTED' });
    const info = await page.evaluate(() => {
      const el = document.getElementById('w') as HTMLElement & {
        client: { store: { getState(): { connection: { user: string } } } };
      };
      return {
        user: el.client.store.getState().connection.user,
        sheets: el.shadowRoot?.adoptedStyleSheets.length ?? 0,
        styleElements: el.shadowRoot?.querySelectorAll('style').length ?? -1,
        text: el.shadowRoot?.textContent ?? '',
        light: el.children.length,
      };
    });
    expect(info.user).toBe('1000');
    expect(info.sheets).toBeGreaterThanOrEqual(2);
    expect(info.styleElements).toBe(0);
    expect(info.text.length).toBeGreaterThan(0);
    expect(info.light).toBe(0);
    const violations = await page.evaluate(() => window.__ozProbe.violations);
    expect(violations).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('calls, reports typed events and hangs up through its methods', async () => {
    const page = await open('/simulated.html');
    await waitForEvent(page, 'oz-connection', { state: 'ACCESS_GRANTED' });
    const callId = await page.evaluate(() =>
      (document.getElementById('w') as HTMLElementTagNameMap['oz-dialer']).call('1001'),
    );
    await waitForEvent(page, 'oz-call-state', { callId, state: 'IN_CALL', otherParty: '1001' });
    await page.evaluate(() =>
      (document.getElementById('w') as HTMLElementTagNameMap['oz-dialer']).hangUp(),
    );
    await waitForEvent(page, 'oz-call-state', { callId, state: 'COMPLETED' });
    const events = await probeEvents(page, 'oz-call-state');
    expect(events.every((e) => e.from === 'w')).toBe(true);
    await page.close();
  });

  it('is usable by keyboard alone, with no axe violation idle or in a call (light and dark)', async () => {
    const page = await open('/a11y.html');
    const seen = (type: string, state: string, from: string) => async () =>
      (await probeEvents(page, type)).some((e) => e.from === from && e.detail.state === state);
    for (const id of ['dark', 'none', 'light'])
      await expect.poll(seen('oz-connection', 'ACCESS_GRANTED', id)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    const w = page.locator('#light');
    await tabTo(page, w.getByRole('textbox', { name: 'Number' }));
    await page.keyboard.type('1001');
    await page.keyboard.press('Enter');
    await expect.poll(seen('oz-call-state', 'IN_CALL', 'light'), { timeout: 10_000 }).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, w.getByRole('button', { name: 'Hang up' }));
    await page.keyboard.press('Enter');
    await expect.poll(seen('oz-call-state', 'COMPLETED', 'light')).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('replaces its strings through the labels property', async () => {
    const page = await open('/simulated.html');
    await waitForEvent(page, 'oz-connection', { state: 'ACCESS_GRANTED' });
    await page.evaluate(() => {
      const el = document.getElementById('w') as HTMLElementTagNameMap['oz-dialer'];
      el.labels = { call: 'Anrufen', offline: 'Getrennt', connect: 'Verbinden' };
      return el.disconnect();
    });
    const w = page.locator('#w');
    await expect.poll(() => w.getByRole('button', { name: 'Anrufen' }).count()).toBe(1);
    await expect.poll(() => w.getByRole('status').first().textContent()).toBe('Getrennt');
    await w.getByRole('button', { name: 'Verbinden' }).click();
    await expect
      .poll(() => page.evaluate(() => window.__ozProbe.events.map((e) => e.detail.state)))
      .toEqual(['ACCESS_GRANTED', 'CONNECTION_CLOSED', 'ACCESS_GRANTED']);
    await page.close();
  });

  it('rejects a bad number with oz-error, and a method call without a call', async () => {
    const page = await open('/simulated.html');
    await waitForEvent(page, 'oz-connection', { state: 'ACCESS_GRANTED' });
    const result = await page.evaluate(async () => {
      const el = document.getElementById('w') as HTMLElementTagNameMap['oz-dialer'];
      const codes: string[] = [];
      for (const run of [() => el.call('<b>x</b>'), () => el.accept(), () => el.hangUp()]) {
        try {
          await run();
        } catch (e) {
          codes.push((e as { code: string }).code);
        }
      }
      return codes;
    });
    expect(result).toEqual(['INVALID_NUMBER', 'INVALID_STATE', 'INVALID_STATE']);
    const errors = await probeEvents(page, 'oz-error');
    expect(errors.map((e) => e.detail.code)).toEqual(result);
    await page.close();
  });
});

describe('attribute validation', () => {
  it('shows every bad value inside the widget and fires oz-error, then recovers', async () => {
    const page = await open('/bad.html');
    const alert = page.locator('#w').getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('server="http://pbx.example.com"');
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('WebSocket URL');
    expect(text).toContain('theme="neon"');
    const errors = await probeEvents(page, 'oz-error');
    expect(errors.map((e) => e.detail.code)).toEqual(['INVALID_ARGUMENT', 'INVALID_ARGUMENT']);
    expect(errors.map((e) => e.detail.message).join('\n')).toContain('theme');
    // Fixing the attributes brings the dialer up.
    await page.evaluate(() => {
      const el = document.getElementById('w') as HTMLElement;
      el.removeAttribute('server');
      el.setAttribute('simulated', '');
      el.setAttribute('theme', 'dark');
    });
    await waitForEvent(page, 'oz-connection', { state: 'ACCESS_GRANTED' });
    expect(await alert.count()).toBe(0);
    await page.close();
  });

  it('explains a missing server instead of showing a blank box', async () => {
    const page = await open('/missing.html');
    const alert = page.locator('#w').getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('server is missing');
    const box = await page.locator('#w').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(20);
    await waitForEvent(page, 'oz-error', { code: 'INVALID_ARGUMENT' });
    await page.close();
  });
});

describe('isolation', () => {
  it("keeps the page's CSS out and its own CSS in", async () => {
    const page = await open('/hostile-css.html');
    await waitForEvent(page, 'oz-connection', { state: 'ACCESS_GRANTED' });
    const styles = await page.evaluate(() => {
      const el = document.getElementById('w') as HTMLElement;
      const button = el.shadowRoot?.querySelector('button');
      if (!button) throw new Error('no button in the widget');
      const b = getComputedStyle(button);
      const host = getComputedStyle(el);
      const key = el.shadowRoot?.querySelector('.oz-keypad__key');
      const outside = getComputedStyle(document.getElementById('outside') as HTMLElement);
      return {
        buttonVisibility: b.visibility,
        buttonBackground: b.backgroundColor,
        hostColor: host.color,
        hostFontSize: host.fontSize,
        hostTransform: host.textTransform,
        outsideBorder: outside.borderTopStyle,
        outsideBackground: outside.backgroundColor,
        keyWidth: key ? key.getBoundingClientRect().width : -1,
      };
    });
    expect(styles.buttonVisibility).toBe('visible');
    expect(styles.buttonBackground).not.toBe('rgb(0, 255, 0)');
    expect(styles.hostColor).not.toBe('rgb(255, 0, 0)');
    expect(styles.hostFontSize).toBe('15px');
    expect(styles.hostTransform).toBe('none');
    // rem-based sizes do not follow the page's root font size (html { font-size: 10px }).
    expect(styles.keyWidth).toBe(52);
    // The widget's .oz-widget-problems rule does not style the page's element of that class.
    expect(styles.outsideBorder).toBe('none');
    await page.close();
  });

  it('follows theme, else the page colour scheme', async () => {
    const page = await open('/themes.html');
    const backgrounds = () =>
      page.evaluate(() =>
        ['dark', 'none', 'light'].map((id) => {
          const box = document.getElementById(id)?.shadowRoot?.querySelector('.oz-widget');
          return box ? getComputedStyle(box).backgroundColor : null;
        }),
      );
    const dark = 'rgb(22, 25, 29)';
    const light = 'rgb(255, 255, 255)';
    await expect.poll(backgrounds).toEqual([dark, light, light]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(backgrounds).toEqual([dark, dark, light]);
    await page.close();
  });

  it('runs several widgets independently and ignores events it did not make', async () => {
    const page = await open('/two.html');
    await waitForEvent(page, 'oz-connection', { state: 'ACCESS_GRANTED' });
    await page.waitForFunction(
      () => window.__ozProbe.events.filter((e) => e.type === 'oz-connection').length >= 2,
    );
    const users = await page.evaluate(() =>
      ['a', 'b'].map(
        (id) =>
          (
            document.getElementById(id) as HTMLElement & {
              client: { store: { getState(): { connection: { user: string } } } };
            }
          ).client.store.getState().connection.user,
      ),
    );
    expect(users).toEqual(['1000', '1001']);
    // A forged event on b (as another widget or a hostile script could send) changes nothing.
    await page.evaluate(() => {
      const b = document.getElementById('b') as HTMLElement;
      b.dispatchEvent(
        new CustomEvent('oz-incoming-call', {
          detail: { callId: 'forged', from: '666', displayName: 'Forged' },
          bubbles: true,
          composed: true,
        }),
      );
    });
    const callId = await page.evaluate(() =>
      (document.getElementById('a') as HTMLElementTagNameMap['oz-dialer']).call('1002'),
    );
    await waitForEvent(page, 'oz-call-state', { callId, state: 'RINGING' });
    const state = await page.evaluate(() => {
      const b = document.getElementById('b') as HTMLElement & {
        client: { store: { getState(): { calls: Record<string, unknown> } } };
      };
      return {
        bCalls: Object.keys(b.client.store.getState().calls).length,
        bText: b.shadowRoot?.textContent ?? '',
      };
    });
    expect(state.bCalls).toBe(0);
    expect(state.bText).not.toContain('Forged');
    const fromB = (await probeEvents(page)).filter((e) => e.from === 'b');
    expect(fromB.map((e) => e.type)).toEqual(['oz-connection', 'oz-incoming-call']); // the forged one
    await page.close();
  });

  it('disconnects when removed from the page', async () => {
    const page = await open('/simulated.html');
    await waitForEvent(page, 'oz-connection', { state: 'ACCESS_GRANTED' });
    await page.evaluate(() => {
      const el = document.getElementById('w') as HTMLElement;
      // Once removed, its events no longer reach the document: listen on the element.
      el.addEventListener('oz-connection', (e) =>
        window.__ozProbe.events.push({ type: 'oz-connection', from: 'w', detail: { ...e.detail } }),
      );
      el.remove();
    });
    await waitForEvent(page, 'oz-connection', { state: 'CONNECTION_CLOSED' });
    // Moving an element (remove + insert in one task) keeps it connected.
    await page.evaluate(() => {
      const el = document.createElement('oz-dialer');
      el.id = 'moved';
      el.setAttribute('simulated', '');
      document.body.append(el);
    });
    await page.waitForFunction(
      () =>
        window.__ozProbe.events.filter(
          (e) => e.type === 'oz-connection' && e.detail.state === 'ACCESS_GRANTED',
        ).length === 2,
    );
    await page.evaluate(() => {
      const el = document.getElementById('moved') as HTMLElement;
      const div = document.createElement('div');
      document.body.append(div);
      div.append(el);
    });
    await new Promise((r) => setTimeout(r, 200));
    const closed = await probeEvents(page, 'oz-connection');
    expect(closed.filter((e) => e.detail.state === 'CONNECTION_CLOSED')).toHaveLength(1);
    await page.close();
  });
});

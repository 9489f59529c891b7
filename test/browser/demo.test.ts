// The demo softphone, used as a person would: with the mouse, then with the keyboard only, in
// headless Chromium. Screenshots go to test/artifacts/ (and docs/softphone.png for the README).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { serveStatic, type StaticServer } from './static-server';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, 'dist-demo');
const ARTIFACTS = resolve(ROOT, 'test/artifacts');
const DOC_SHOT = resolve(ROOT, 'docs/softphone.png');
const AXE = resolve(ROOT, 'node_modules/axe-core/axe.min.js');

/** Newest modification time under `dir` (the sources the demo is built from). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

let server: StaticServer;
let browser: LaunchedBrowser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  const built = resolve(OUT, 'index.html');
  const stale =
    !existsSync(built) ||
    Math.max(newest(resolve(ROOT, 'src')), newest(resolve(ROOT, 'demo'))) > statSync(built).mtimeMs;
  if (stale)
    execFileSync(
      'npx',
      ['vite', 'build', '--config', 'demo/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serveStatic([OUT]);
  browser = await launchChromium({ media: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  problems = [];
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 860 });
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}/index.html`);
  await expect.poll(() => page.getByText('Connected as Alex Morgan (web) (1012)').count()).toBe(1);
});

afterEach(async () => {
  await page.close();
  expect(problems).toEqual([]);
});

const state = () => page.locator('.oz-call-status__state');
const until = async (text: string) =>
  expect.poll(() => state().textContent(), { timeout: 8000 }).toBe(text);
const shot = (name: string) => page.screenshot({ path: resolve(ARTIFACTS, name), fullPage: true });

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would. */
async function tabTo(target: Locator, back = false) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error('the target never got the focus');
}

async function axeViolations(): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // axe.min.js defines a global `axe`.
    const { axe } = window as unknown as { axe: { run(c: Document): Promise<AxeResults> } };
    return (await axe.run(document)).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}

describe('demo softphone in Chromium', () => {
  it('makes a call with the mouse on the keypad, then hangs up', async () => {
    await until('No call');
    const keypad = page.getByRole('group', { name: 'Keypad' });
    for (const key of ['1', '0', '0', '2']) await keypad.getByRole('button', { name: key }).click();
    await expect.poll(() => page.getByLabel('Number').inputValue()).toBe('1002');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await expect.poll(() => state().textContent()).toMatch(/Calling…|Ringing/);
    await shot('demo-mouse-ringing.png');
    await until('In call');
    await expect
      .poll(() => page.locator('.oz-call-status__name').textContent())
      .toBe('Bence Kovács');
    await shot('demo-mouse-in-call.png');
    await page.getByRole('button', { name: 'Hang up' }).click();
    await until('Call ended');
    await shot('demo-mouse-ended.png');
  });

  it('calls an extension from the directory with the mouse; busy is shown', async () => {
    await page.getByRole('button', { name: 'Call Isabel García 1009' }).click();
    await until('Busy');
    await page.getByRole('button', { name: 'Call Chloé Martin 1003' }).click();
    await until('In call');
    await page.getByRole('button', { name: 'Hold' }).click();
    await until('On hold');
    await shot('demo-directory-on-hold.png');
    await page.getByRole('button', { name: 'Hang up' }).click();
    await until('Call ended');
  });

  it('makes and ends a call with the keyboard only', async () => {
    const field = page.getByLabel('Number');
    await tabTo(field);
    await page.keyboard.type('8000');
    await page.keyboard.press('Enter');
    await until('In call');
    // DTMF from the keypad, reached with Tab and pressed with Enter: the IVR answers.
    await tabTo(page.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '3' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('You pressed 3').count(), { timeout: 5000 }).toBe(1);
    await shot('demo-keyboard-in-call.png');
    await tabTo(page.getByRole('button', { name: 'Hang up' }), true);
    await page.keyboard.press('Enter');
    await until('Call ended');
    await shot('demo-keyboard-ended.png');
  });

  it('answers a simulated incoming call with the keyboard, then hangs up', async () => {
    await page.getByRole('button', { name: 'Simulate an incoming call' }).click();
    const accept = page.getByRole('button', { name: 'Accept' });
    await accept.waitFor();
    await expect.poll(() => page.getByText('Incoming call from Anna Fischer').count()).toBe(1);
    await shot('demo-incoming.png');
    await tabTo(accept, true);
    await page.keyboard.press('Enter');
    await until('In call');
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Hello Anna');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Echo: Hello Anna').count(), { timeout: 5000 }).toBe(1);
    // The README's picture: a call some seconds old, nothing focused or hovered.
    await expect
      .poll(() => page.locator('.oz-call-status__timer time').textContent(), { timeout: 5000 })
      .toBe('0:02');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.mouse.move(0, 0);
    await shot('demo-answered.png');
    if (!existsSync(DOC_SHOT) || process.env.OZ_UPDATE_DOCS === '1') {
      mkdirSync(resolve(ROOT, 'docs'), { recursive: true });
      await page.locator('.demo').screenshot({ path: DOC_SHOT });
    }
    await page.getByRole('button', { name: 'Hang up' }).click();
    await until('Call ended');
  });

  it('has no axe violations, idle and during a call', async () => {
    expect(await axeViolations()).toEqual([]);
    await page.getByRole('button', { name: 'Call Bence Kovács 1002' }).click();
    await until('In call');
    expect(await axeViolations()).toEqual([]);
  });

  it('keeps the Ozeki getUserById example reachable', async () => {
    await page.goto(`${server.url}/index.html?example=getUserById`);
    await expect
      .poll(() => page.locator('#call-state').textContent(), { timeout: 8000 })
      .toBe('IN_CALL');
    await expect
      .poll(() => page.getByText(/Echo: Hello World!/).count(), { timeout: 5000 })
      .toBe(1);
  });
});

// The demo in its real-PBX mode: two softphones (1001 and 1002) register with the project's
// test Kamailio over the SIP backend and make a real WebRTC call (fake media) to each other.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPbx, type TestPbx } from '../pbx/pbx';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { serveStatic, type StaticServer } from './static-server';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, 'dist-demo');
const KAMAILIO = existsSync('/usr/sbin/kamailio');

let pbx: TestPbx;
let server: StaticServer;
let browser: LaunchedBrowser;
const problems: string[] = [];

beforeAll(async () => {
  if (!KAMAILIO) return;
  // demo.test.ts rebuilds a stale demo; here any build of the current sources will do.
  if (!existsSync(resolve(OUT, 'index.html')))
    execFileSync(
      'npx',
      ['vite', 'build', '--config', 'demo/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  mkdirSync(resolve(ROOT, 'test/artifacts'), { recursive: true });
  pbx = await startPbx({ name: 'components-demo' });
  server = await serveStatic([OUT]);
  browser = await launchChromium({ media: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await pbx?.stop();
});

async function softphone(user: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`${user}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`${user}: ${e.message}`));
  const q = new URLSearchParams({
    server: pbx.wsUrl,
    user,
    password: pbx.password(user),
    domain: pbx.domain,
  });
  await page.goto(`${server.url}/index.html?${q}`);
  await expect
    .poll(() => page.getByText(`Connected as ${user}`).count(), { timeout: 10_000 })
    .toBe(1);
  return page;
}

const state = (page: Page) => page.locator('.oz-call-status__state').textContent();

describe.skipIf(!KAMAILIO)('demo softphone on the test Kamailio', () => {
  it('calls from one softphone to the other, answers, hangs up', async () => {
    const alice = await softphone('1001');
    const bob = await softphone('1002');
    await alice.getByLabel('Number').fill('1002');
    await alice.keyboard.press('Enter');
    const accept = bob.getByRole('button', { name: 'Accept' });
    await accept.waitFor({ timeout: 10_000 });
    await expect.poll(() => state(alice)).toBe('Ringing');
    await accept.click();
    await expect.poll(() => state(alice), { timeout: 10_000 }).toBe('In call');
    await expect.poll(() => state(bob), { timeout: 10_000 }).toBe('In call');
    await alice.screenshot({ path: resolve(ROOT, 'test/artifacts/demo-real-pbx-in-call.png') });
    await alice.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => state(alice), { timeout: 10_000 }).toBe('Call ended');
    await expect.poll(() => state(bob), { timeout: 10_000 }).toBe('Call ended');
    await alice.close();
    await bob.close();
    expect(problems).toEqual([]);
  });
});

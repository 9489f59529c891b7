// The example pages exactly as shipped in examples/ (plain HTML, no build step), with a freshly
// built dist/ozkit-dialer.js: the dialer comes up on the simulated PBX and calls from its UI.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { addProbe, waitForEvent } from './fixtures/probe';
import { buildWidget, REPO, type BuiltWidget } from './fixtures/widget-build';
import { serveStatic, type StaticServer } from './static-server';

let widget: BuiltWidget;
let server: StaticServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  widget = await buildWidget();
  // The built bundle first, so /dist/ozkit-dialer.js is this build, whatever dist/ holds.
  server = await serveStatic([widget.root, REPO]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  widget?.remove();
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await addProbe(page);
  await page.goto(server.url + path);
  return { page, errors };
}

describe('examples/', () => {
  for (const path of ['/examples/embed.html', '/examples/embed-strict-csp.html']) {
    it(`${path} shows a working dialer`, async () => {
      const { page, errors } = await open(path);
      await waitForEvent(page, 'oz-connection', { state: 'ACCESS_GRANTED' });
      const dialer = page.locator('#dialer');
      await expect.poll(() => dialer.getByRole('status').first().textContent()).toContain('1000');
      await dialer.getByRole('textbox', { name: 'Number' }).fill('1001');
      await dialer.getByRole('button', { name: 'Call', exact: true }).click();
      await waitForEvent(page, 'oz-call-state', { state: 'RINGING', otherParty: '1001' });
      // The page's own script logs the events (as text).
      await expect.poll(() => page.locator('#event-log li').count()).toBeGreaterThan(1);
      await dialer.getByRole('button', { name: 'Hang up' }).click();
      await waitForEvent(page, 'oz-call-state', { state: 'COMPLETED' });
      const violations = await page.evaluate(() => window.__ozProbe.violations);
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

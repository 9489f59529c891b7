// Every story of the built Storybook in headless Chromium: its play function must pass, nothing
// may log an error, and axe must find no violation.
import type { AxeResults, RunOptions } from 'axe-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { serveStatic, type StaticServer } from './static-server';

const ROOT = resolve(import.meta.dirname, '../..');
const STATIC = resolve(ROOT, 'storybook-static');
const AXE = resolve(ROOT, 'node_modules/axe-core/axe.min.js');
const ARTIFACTS = resolve(ROOT, 'test/artifacts');

// The preview's channel events (names as in storybook/internal/core-events).
const FAILURES = [
  'playFunctionThrewException',
  'unhandledErrorsWhilePlaying',
  'storyErrored',
  'storyThrewException',
  'storyMissing',
] as const;
const FINISHED = 'storyFinished';

interface StoryEvent {
  name: string;
  detail: string;
}

declare global {
  interface Window {
    __ozStoryEvents: StoryEvent[];
  }
}

interface IndexEntry {
  id: string;
  type: 'story' | 'docs';
  title: string;
  name: string;
}

let server: StaticServer;
let browser: LaunchedBrowser;
let stories: IndexEntry[] = [];

// Installed before any page script: records the preview's channel events as they are emitted.
function recordChannel(events: { finished: string; failures: readonly string[] }) {
  window.__ozStoryEvents = [];
  let channel: unknown;
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(value: { on(name: string, fn: (...args: unknown[]) => void): void }) {
      channel = value;
      for (const name of [events.finished, ...events.failures])
        value.on(name, (...args: unknown[]) => {
          let detail: string;
          try {
            detail = JSON.stringify(args);
          } catch {
            detail = String(args);
          }
          window.__ozStoryEvents.push({ name, detail });
        });
    },
  });
}

beforeAll(async () => {
  if (!existsSync(resolve(STATIC, 'index.json')))
    execFileSync('npm', ['run', 'build-storybook'], { cwd: ROOT, stdio: 'inherit' });
  const index = JSON.parse(readFileSync(resolve(STATIC, 'index.json'), 'utf8')) as {
    entries: Record<string, IndexEntry>;
  };
  stories = Object.values(index.entries).filter((e) => e.type === 'story');
  server = await serveStatic([STATIC]);
  // Fake media devices: VideoView opens a (fake) camera instead of waiting for a prompt.
  browser = await launchChromium({ media: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Finished {
  status: string;
  reporters: { type: string; status: string; result?: { violations?: { id: string }[] } }[];
}

/** storyFinished says "error" when an afterEach reporter failed (the a11y addon's axe run). */
function finishedProblems(detail: string): string[] {
  const [f] = JSON.parse(detail) as [Finished];
  if (f.status === 'success') return [];
  const failed = f.reporters.filter((r) => r.status === 'failed');
  return [
    `story finished with an error${failed.length ? ':' : ''} ${failed
      .map((r) => `${r.type} ${(r.result?.violations ?? []).map((v) => v.id).join(', ')}`)
      .join('; ')}`,
  ];
}

async function runStory(page: Page, id: string): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    // The browser asks for /favicon.ico by itself; the static server has none.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
      problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${server.url}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`);
  await page.waitForFunction(
    ({ finished, failures }) =>
      window.__ozStoryEvents?.some((e) => e.name === finished || failures.includes(e.name)),
    { finished: FINISHED, failures: FAILURES as readonly string[] },
    { timeout: 20_000 },
  );
  // A failure event may come just before storyFinished; give it the moment to arrive.
  await page
    .waitForFunction(
      (finished) => window.__ozStoryEvents.some((e) => e.name === finished),
      FINISHED,
      {
        timeout: 5_000,
      },
    )
    .catch(() => {});
  const events = await page.evaluate(() => window.__ozStoryEvents);
  for (const e of events) {
    if (e.name === FINISHED) problems.push(...finishedProblems(e.detail));
    else problems.push(`${e.name}: ${e.detail.slice(0, 600)}`);
  }
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // axe.min.js defines a global `axe`.
    const { axe } = window as unknown as {
      axe: { run(context: string, options: RunOptions): Promise<AxeResults> };
    };
    const r = await axe.run('#storybook-root', { resultTypes: ['violations'] });
    return r.violations.map(
      (v) =>
        `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
  problems.push(...violations.map((v) => `axe: ${v}`));
  return problems;
}

describe('Storybook in headless Chromium', () => {
  it('has a story for every component', () => {
    const titles = new Set(stories.map((s) => s.title));
    for (const c of [
      'Dialer',
      'CallStatus',
      'CallControls',
      'IncomingCall',
      'ExtensionList',
      'CallHistory',
      'VideoView',
      'DevicePicker',
      'CallLines',
      'CallMessages',
      'Keypad',
    ])
      expect(titles).toContain(`Components/${c}`);
    expect(titles).toContain('Prefabs/Softphone');
  });

  it('runs every story: play functions pass, no console error, no axe violation', async () => {
    const started = Date.now();
    const failures: Record<string, string[]> = {};
    // Two pages at a time: the machine has two cores, and most of a story's time is waiting.
    const queue = [...stories];
    const worker = async () => {
      const page = await browser.context.newPage();
      await page.addInitScript(recordChannel, { finished: FINISHED, failures: FAILURES });
      for (let s = queue.shift(); s; s = queue.shift()) {
        page.removeAllListeners('console');
        page.removeAllListeners('pageerror');
        const problems = await runStory(page, s.id).catch((err: Error) => [err.message]);
        if (problems.length) failures[s.id] = problems;
      }
      await page.close();
    };
    await Promise.all([worker(), worker()]);
    console.log(`${stories.length} stories in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(resolve(ARTIFACTS, 'storybook-failures.json'), JSON.stringify(failures, null, 2));
    expect(failures).toEqual({});
  }, 240_000);
});

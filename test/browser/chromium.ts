// Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags the
// testbed verified: no background networking, no DNS lookups except loopback, fake media.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-client-side-phishing-detection',
  '--no-pings',
  '--dns-prefetch-disable',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--metrics-recording-only',
  '--no-default-browser-check',
  '--password-store=basic',
  '--use-mock-keychain',
];

const MEDIA_FLAGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  // In a loopback-only namespace ICE has no other candidates.
  '--allow-loopback-in-peer-connection',
];

export interface LaunchOptions {
  media?: boolean;
  /** A WAV file for deterministic audio levels (--use-file-for-fake-audio-capture). */
  audioFile?: string;
  ignoreHTTPSErrors?: boolean;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context on a fresh profile directory, removed on close. */
export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'ozkit-chromium-'));
  const args = [...BASE_FLAGS];
  if (options.media) args.push(...MEDIA_FLAGS);
  if (options.audioFile) args.push(`--use-file-for-fake-audio-capture=${options.audioFile}`);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    ignoreDefaultArgs: ['--mute-audio'],
    ignoreHTTPSErrors: options.ignoreHTTPSErrors ?? false,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

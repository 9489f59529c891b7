import { afterEach, describe, expect, it, vi } from 'vitest';

const GLOBALS = [
  'window',
  'document',
  'navigator',
  'sessionStorage',
  'localStorage',
  'WebSocket',
  'RTCPeerConnection',
];
const saved = new Map<string, PropertyDescriptor | undefined>();

afterEach(() => {
  for (const [k, d] of saved) {
    if (d) Object.defineProperty(globalThis, k, d);
    else delete (globalThis as Record<string, unknown>)[k];
  }
  saved.clear();
});

describe('sip backend: no browser global at import or construction', () => {
  it('importing src/sip and creating a backend touch none of window, document, navigator, storage', async () => {
    const touched: string[] = [];
    for (const k of GLOBALS) {
      const d = Object.getOwnPropertyDescriptor(globalThis, k);
      saved.set(k, d);
      Object.defineProperty(globalThis, k, {
        configurable: true,
        get() {
          touched.push(k);
          return undefined;
        },
      });
    }
    vi.resetModules();
    const mod = await import('../../src/sip/index');
    const backend = mod.createSipBackend({ sip: { servers: ['wss://pbx.example.com/ws'] } });
    expect(backend.kind).toBe('sip');
    expect(backend.debugCounts()).toMatchObject({ calls: 0, sessions: 0, callTimers: 0 });
    expect(touched).toEqual([]);
  });
});

// @vitest-environment node
// Server rendering: importing ozkit/react touches no browser global, and the markup is the
// disconnected state (effects never run on the server, so no client is created or connected).
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BROWSER_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'self',
  'HTMLElement',
  'HTMLMediaElement',
  'MediaStream',
  'RTCPeerConnection',
  'WebSocket',
  'matchMedia',
  'requestAnimationFrame',
];
const touched = new Set<string>();
const saved = new Map<string, PropertyDescriptor | undefined>();

beforeAll(() => {
  // A getter on each name records every read, `typeof x` included.
  for (const name of BROWSER_GLOBALS) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.add(name);
        return undefined;
      },
    });
  }
});
afterAll(() => {
  for (const [name, d] of saved) {
    if (d) Object.defineProperty(globalThis, name, d);
    else Reflect.deleteProperty(globalThis, name);
  }
});

describe('ozkit/react on the server', () => {
  it('imports without touching a browser global', async () => {
    // The trap works: even a typeof check is seen.
    expect(typeof (globalThis as { navigator?: unknown }).navigator).toBe('undefined');
    expect([...touched]).toEqual(['navigator']);
    touched.clear();
    await import('../../src/react');
    expect([...touched]).toEqual([]);
  });

  it('renders the disconnected state with an options provider', async () => {
    const { OzProvider, useConnectionState, useOzClient, useUsers, useCall, useMediaDevices } =
      await import('../../src/react');
    const { createSimulatedPbx } = await import('../../src/simulator');
    function Status() {
      const c = useConnectionState();
      const client = useOzClient();
      const call = useCall('1002');
      const media = useMediaDevices();
      return createElement(
        'p',
        null,
        `${c.phase}|${String(c.state)}|${useUsers().length}|${client === null}|${String(call.state)}|${media.supported}`,
      );
    }
    const html = renderToString(
      createElement(
        OzProvider,
        {
          options: { backend: createSimulatedPbx({ background: false }), history: 'memory' },
          autoConnect: true,
          credentials: { server: 'sim', user: '1001', password: 'demo' },
        },
        createElement(Status),
      ),
    );
    expect(html).toBe('<p>idle|null|0|true|null|false</p>');
    expect([...touched]).toEqual([]);
  });

  it('renders the disconnected state even for a client that is connected', async () => {
    const { OzProvider, useConnectionState, useExtensionState } = await import('../../src/react');
    const { createOzWebClient } = await import('../../src/index');
    const { createSimulatedPbx } = await import('../../src/simulator');
    const client = createOzWebClient({
      backend: createSimulatedPbx({ background: false }),
      history: 'memory',
    });
    await client.connectAsync('sim', '1001', { Password: 'demo' });
    expect(client.store.getState().connection.registered).toBe(true);
    function Status() {
      return createElement('p', null, `${useConnectionState().phase}|${useExtensionState('1002')}`);
    }
    const html = renderToString(createElement(OzProvider, { client }, createElement(Status)));
    // The server snapshot is the store's initial state: what the browser hydrates against.
    expect(html).toBe('<p>idle|unknown</p>');
    await client.disconnectAsync();
  });
});

// @vitest-environment jsdom
// <OzProvider options autoConnect> under React.StrictMode against the real test Kamailio:
// StrictMode's mount–unmount–mount must leave exactly one client, one WebSocket and one
// registration. Counted twice: at the PBX (ul.dump contacts) and on the wire (every socket the
// global WebSocket opened, every REGISTER frame sent). The file is .ts (the integration project
// takes *.test.ts only), so it builds elements with createElement.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, createElement, Fragment, type ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OzClientOptions } from '../../src/core/options';
import { OzProvider, useConnectionState } from '../../src/react';
import { installNodeWebSocket } from '../pbx/node-websocket';
import { startPbx, type TestPbx } from '../pbx/pbx';
import { signalingOnlySdhFactory } from '../pbx/signaling-sdh';
import { contactsOf } from './sip-helpers';

interface Wire {
  sockets: number;
  /** REGISTER requests sent, with their Expires (0 = un-register). */
  registers: { socket: number; expires: number }[];
}
const wire: Wire = { sockets: 0, registers: [] };

/** SIP.js needs the global WebSocket even under jsdom: the ws one, counted. */
function installCountingWebSocket(): void {
  installNodeWebSocket();
  const Base = (globalThis as unknown as { WebSocket: typeof WebSocket }).WebSocket;
  class CountingWebSocket extends Base {
    private readonly n = ++wire.sockets;
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === 'string' && data.startsWith('REGISTER ')) {
        const m = /^Expires:\s*(\d+)/im.exec(data) ?? /;expires=(\d+)/i.exec(data);
        wire.registers.push({ socket: this.n, expires: m ? Number(m[1]) : -1 });
      }
      super.send(data);
    }
  }
  (globalThis as unknown as { WebSocket: unknown }).WebSocket = CountingWebSocket;
}

let pbx: TestPbx;

beforeAll(async () => {
  pbx = await startPbx({ name: 'react-strictmode' });
  installCountingWebSocket();
});
afterEach(cleanup);
afterAll(async () => {
  await pbx?.stop();
});

function Phase(): ReactNode {
  const c = useConnectionState();
  return createElement('p', { 'data-testid': 'phase' }, `${c.phase}:${c.user ?? '-'}`);
}

function app(user: string, strict: boolean): ReactNode {
  const options: OzClientOptions = {
    sip: {
      domain: pbx.domain,
      probeIntervalMs: 0,
      userAgentOptions: { sessionDescriptionHandlerFactory: signalingOnlySdhFactory },
    },
    history: 'memory',
  };
  const provider = createElement(
    OzProvider,
    {
      options,
      autoConnect: true,
      credentials: { server: pbx.wsUrl, user, password: pbx.password(user) },
    },
    createElement(Phase),
  );
  return createElement(strict ? StrictMode : Fragment, null, provider);
}

async function mountAndCount(user: string, strict: boolean) {
  wire.sockets = 0;
  wire.registers = [];
  const view = render(app(user, strict));
  await waitFor(() => expect(screen.getByTestId('phase').textContent).toBe(`registered:${user}`), {
    timeout: 10_000,
  });
  // Anything a second (leaked) user agent would send arrives within this.
  await new Promise((r) => setTimeout(r, 1000));
  const mounted = {
    sockets: wire.sockets,
    registers: wire.registers.filter((r) => r.expires !== 0).length,
    unregisters: wire.registers.filter((r) => r.expires === 0).length,
    socketsUsed: new Set(wire.registers.map((r) => r.socket)).size,
    contacts: (await contactsOf(pbx, user)).length,
  };
  view.unmount();
  await waitFor(async () => expect(await contactsOf(pbx, user)).toEqual([]), { timeout: 10_000 });
  return mounted;
}

describe('OzProvider under StrictMode against Kamailio', () => {
  it('one WebSocket, one registration (REGISTER and its authenticated retry), one contact', async () => {
    const strict = await mountAndCount('1001', true);
    expect(strict).toEqual({
      sockets: 1,
      registers: 2, // unauthenticated + the answer to the 401 challenge: one registration
      unregisters: 0,
      socketsUsed: 1,
      contacts: 1,
    });
    // The same as without StrictMode: the double mount costs nothing on the wire.
    const plain = await mountAndCount('1002', false);
    expect(plain).toEqual(strict);
  });
});

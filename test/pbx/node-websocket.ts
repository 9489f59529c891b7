// SIP.js's web Transport does `new WebSocket(server, "sip")` on the *global* WebSocket and
// uses addEventListener + binaryType="arraybuffer". Node 20 has no global WebSocket (only
// behind --experimental-websocket), so tests install the `ws` package's class before they
// start a UserAgent. ws 8's EventTarget API delivers text frames as strings, which is what
// SIP.js expects.
import WebSocket from 'ws';

// Every CA ever passed in: several PBXs with their own throw-away certs may run in one process.
const trustedCas = new Set<string>();

/**
 * Install a `ws`-based global WebSocket. `ca` (PEM text) is trusted for wss:// in addition
 * to the system store; SIP.js passes no constructor options, so it is baked into a subclass.
 * Safe to call repeatedly.
 */
export function installNodeWebSocket(options: { ca?: string | undefined } = {}): void {
  if (options.ca !== undefined) trustedCas.add(options.ca);
  const ca = trustedCas.size > 0 ? [...trustedCas] : undefined;

  class NodeWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, ca ? { ca } : {});
    }
  }
  // Typed loosely on purpose: with lib "dom" globalThis.WebSocket is the DOM class,
  // without it the property does not exist at all.
  (globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
}

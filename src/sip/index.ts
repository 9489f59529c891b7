import type { OzClientOptions } from '../core/options';
import { SipBackend } from './backend';
import { createExtensionWatcher } from './watch';

export { SipBackend, type SipAddOn, type SipDebugCounts, type SipRegistration } from './backend';

/**
 * The SIP.js backend (kind 'sip'): registration over SIP-over-WebSocket with digest auth,
 * reconnection and failover, and every call operation. Creating it touches no browser global;
 * it reads `sip.*` from `options` at connect time.
 */
export function createSipBackend(options: OzClientOptions): SipBackend {
  const list = options.sip?.resourceList;
  return new SipBackend(options, createExtensionWatcher(list ? { resourceList: list } : {}));
}

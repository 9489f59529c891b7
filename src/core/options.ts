import type { UserAgentOptions } from 'sip.js';
import type { LogSink } from './log';
import type { DirectorySource, HistoryStore, PbxBackend, SessionControl } from './ports';
import type { DirectoryDocument } from './types';

export interface SipOptions {
  /** ws:// or wss:// URLs tried in order (failover); when given they win over connect()'s address. */
  servers?: string[];
  /** SIP domain when it differs from the server host. */
  domain?: string;
  /** Default [] — never a public STUN server by surprise. */
  iceServers?: RTCIceServer[];
  /** Stable +sip.instance; default one per browser tab kept across reloads (sessionStorage). */
  instanceId?: string;
  /** Extensions whose dialog/presence state is followed. Default 'directory'. */
  watch?: string[] | 'directory' | 'none';
  /** RFC 4662 list URI: one subscription instead of one per extension. */
  resourceList?: string;
  /** OPTIONS liveness probe interval; 0 = off. Default 25 000. */
  probeIntervalMs?: number;
  /** Reconnect backoff; default unlimited attempts. */
  reconnect?: { minDelayMs?: number; maxDelayMs?: number; maxAttempts?: number };
  /** Passed to SIP.js (tests inject a signaling-only sessionDescriptionHandlerFactory). */
  userAgentOptions?: Partial<UserAgentOptions>;
  /** Registration expiry in seconds. Default 300. */
  registerExpires?: number;
}

export interface OzClientOptions {
  /** Default: the SIP.js backend. */
  backend?: PbxBackend;
  sip?: SipOptions;
  /** URL, inline document, or a custom source. */
  directory?: string | DirectoryDocument | DirectorySource;
  /** Default 'indexeddb' in a browser, 'memory' elsewhere. */
  history?: 'indexeddb' | 'memory' | HistoryStore;
  /** Most history records kept per account; the oldest are pruned. Default 1000. */
  historyLimit?: number;
  /** Third-party control of observed sessions, e.g. Kamailio JSON-RPC hang-up. Default none. */
  sessionControl?: SessionControl;
  /** Where redacted log lines go. Default: nowhere. */
  logger?: LogSink;
  /** Injectable clock (tests, the simulator). */
  now?: () => number;
}

/** How a client builds the parts it was not handed; src/index.ts wires the real ones. */
export interface ClientFactories {
  backend(options: OzClientOptions): PbxBackend;
  directorySource(spec: string | DirectoryDocument | DirectorySource): DirectorySource;
  historyStore(options: OzClientOptions): HistoryStore;
}

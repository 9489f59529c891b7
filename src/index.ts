// The one place that wires the defaults together: the SIP.js backend over the data sources of
// src/defaults.ts (URL/inline directory, IndexedDB history, memory outside a browser).
import { OzClientImpl, type OzClient } from './core/client';
import type { OzClientOptions } from './core/options';
import { defaultSources } from './defaults';
import { createSipBackend } from './sip';

export { OzClientImpl } from './core/client';
export type { OzClient, ConnectProperties, WebPhoneState } from './core/client';
export { Call } from './core/call';
export { Session } from './core/session';
export { Helper } from './core/helper';
export * as selectors from './core/helper';
export { OzCamera } from './core/camera';
export { OzError, isOzError } from './core/errors';
export type { OzErrorCode, OzErrorDetails } from './core/errors';
export {
  CallState,
  CallType,
  ClientStatus,
  ConnectionState,
  DTMF_KEYS,
  ExtensionState,
  ExtensionType,
  OutsideLineType,
  PBX_TO_SESSION_STATE,
  PbxSessionState,
  SessionState,
  isTerminalCallState,
  toSessionState,
} from './core/enums';
export type { DtmfKey } from './core/enums';
export { checkDialable, requireDialable } from './core/dialable';
export type { DialableOptions, DialableResult } from './core/dialable';
export { parseDirectoryDocument } from './core/directoryDocument';
export { filterHistory, pageHistory } from './core/historyFilter';
export { redact } from './core/log';
export type { LogLevel, LogSink } from './core/log';
export type { OzClientOptions, SipOptions } from './core/options';
export type * from './core/ports';
export type * from './core/types';
export type { OzState, OzStore } from './core/store';
export { urlDirectorySource, inlineDirectorySource } from './directory/sources';
export type { UrlDirectoryOptions } from './directory/sources';
export { createIndexedDbHistoryStore, createMemoryHistoryStore } from './history';
export { createSipBackend } from './sip';
export { createKamailioSessionControl } from './sip/kamailio';

/** A new, independent client: its own store, backend and subscriptions. */
export function createOzWebClient(options: OzClientOptions = {}): OzClient {
  return new OzClientImpl(options, { ...defaultSources, backend: (o) => createSipBackend(o) });
}

let defaultClient: OzClient | null = null;
const instance = (): OzClient => (defaultClient ??= createOzWebClient());

/**
 * The Ozeki-style default instance. It is created on first use, so importing ozkit has no side
 * effect; this is the only module-level state of the kit.
 */
export const OzWebClient: OzClient = new Proxy({} as OzClient, {
  get(_target, prop) {
    const c = instance();
    const value: unknown = Reflect.get(c, prop, c);
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(c) : value;
  },
  has: (_t, prop) => prop in instance(),
});

import type { UserAgent } from 'sip.js';
import type { BackendEvents } from '../../core/ports';
import type { WatchLog } from './engine';

export interface WatchContext {
  /** The registered SIP.js UA; a new one after reconnect/failover (pass it to attach() again). */
  ua: UserAgent;
  /** SIP domain of bare extension ids (`1001` → `sip:1001@domain`). */
  domain: string;
  events: BackendEvents;
  now(): number;
  log?: WatchLog;
}

export interface ExtensionWatcher {
  /** (Re)subscribes everything on this UA: after the first REGISTER and after every reconnect. */
  attach(ctx: WatchContext): void;
  /** Replaces the watched set (from PbxBackend.watch): subscribes new, unsubscribes removed. */
  setTargets(extensionIds: readonly string[]): void;
  /**
   * The registration was lost (transport down, failover): drops the subscriptions (no
   * un-SUBSCRIBE through a dead transport) but keeps lamps and sessions, so the next attach()
   * reconciles them instead of leaving sessions that ended meanwhile in the store.
   */
  suspend(): void;
  /** Unsubscribes everything and drops all timers and state (disconnect). */
  detach(): Promise<void>;
  /** Subscriptions whose dialog is up (debugging, tests). */
  readonly subscriptionCount: number;
}

export interface ExtensionWatcherOptions {
  /** RFC 4662 list URI: one `Event: dialog` subscription for its members instead of one each. */
  resourceList?: string | undefined;
  /** Requested subscription expiry in seconds. Default 600. */
  expires?: number | undefined;
  /** Also SUBSCRIBE `Event: presence` per extension. Default true. */
  presence?: boolean | undefined;
  /** Initial SUBSCRIBEs awaiting their first answer at once; the rest queue. Default 16. */
  maxPendingSubscribes?: number | undefined;
}

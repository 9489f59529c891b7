/**
 * Glue for the SIP backend's add-on hook (`SipBackend.use`): attach on every registration,
 * suspend when it is lost. Typed structurally so this module does not depend on the backend.
 */
import type { UserAgent } from 'sip.js';
import type { BackendEvents } from '../../core/ports';
import type { ExtensionWatcher } from './types';

export interface WatchRegistration {
  readonly ua: UserAgent;
  readonly domain: string;
  readonly events: BackendEvents;
  readonly log?: { debug(message: string): void; warn(message: string): void };
}

export function watcherAddOn(watcher: ExtensionWatcher): (r: WatchRegistration) => () => void {
  return (r) => {
    watcher.attach({
      ua: r.ua,
      domain: r.domain,
      events: r.events,
      now: () => r.events.now(),
      log: (level, msg) => (level === 'debug' ? r.log?.debug(msg) : r.log?.warn(msg)),
    });
    return () => watcher.suspend();
  };
}

/**
 * PBX-wide view over SIP: BLF lamps (RFC 4235 dialog event package, optionally through one
 * RFC 4662 resource list), presence (RFC 3856) and the observed sessions merged from them.
 * The SIP backend creates one watcher, attach()es it after every (re)registration on the
 * current UA, forwards PbxBackend.watch() to setTargets() and detach()es it on disconnect.
 */
export { createExtensionWatcher, type WatcherDeps } from './watcher';
export { watcherAddOn, type WatchRegistration } from './addOn';
export type { ExtensionWatcher, ExtensionWatcherOptions, WatchContext } from './types';
export {
  WatchEngine,
  type DialogNotifyResult,
  type SubscriptionFailureInfo,
  type WatchEngineOptions,
  type WatchLog,
} from './engine';
export {
  createCallBook,
  dropExtension,
  mergeDialogs,
  type CallBook,
  type ObservedCall,
  type SessionChanges,
} from './callBook';
export { endState, liveState, sessionFields, type Leg } from './sessionFields';
export { deriveLamp, type LampInputs } from './lamp';
export { ChangeBatch, nextTurn, type Scheduler } from './batch';
export {
  createSipSubscription,
  parseSubscriptionState,
  type EventSubscription,
  type SubscriptionFactory,
  type SubscriptionFailure,
  type SubscriptionListener,
  type SubscriptionSpec,
} from './subscription';
export { targetUri, userKey } from './uri';

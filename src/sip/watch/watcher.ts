/**
 * The SIP side of watching: which subscriptions exist for the watched set, on which UA, and
 * what their NOTIFYs and failures mean for the engine.
 */
import { OzError } from '../../core/errors';
import { WatchEngine, type SubscriptionFailureInfo, type WatchLog } from './engine';
import type { Scheduler } from './batch';
import { SlotGate } from './gate';
import {
  createSipSubscription,
  type EventSubscription,
  type SubscriptionFactory,
  type SubscriptionFailure,
  type SubscriptionListener,
  type SubscriptionSpec,
} from './subscription';
import type { ExtensionWatcher, ExtensionWatcherOptions, WatchContext } from './types';
import { targetUri, userKey } from './uri';

export interface WatcherDeps {
  /** Tests replace SIP with fakes. */
  createSubscription?: SubscriptionFactory;
  schedule?: Scheduler;
}

const DEFAULT_EXPIRES = 600;
const DEFAULT_MAX_PENDING = 16;
const LIST_ACCEPT = 'multipart/related, application/rlmi+xml, application/dialog-info+xml';
const LIST_SOURCE = 'list';
/** Transient failures (timeouts, 5xx) in a row before the lamp shows `unknown`. */
const TRANSIENT_FAILURES_REPORTED = 3;
/** At most one re-SUBSCRIBE per source for a version gap in this time. */
const GAP_RESTART_MS = 10_000;
/** Presence answers that mean "this server does not do presence at all". */
const NO_PRESENCE_CODES = new Set([489, 501]);

const extSource = (ext: string): string => `ext:${ext}`;

class Watcher implements ExtensionWatcher {
  #ctx: WatchContext | null = null;
  #engine: WatchEngine | null = null;
  #targets: string[] = [];
  readonly #dialogSubs = new Map<string, EventSubscription>();
  readonly #presenceSubs = new Map<string, EventSubscription>();
  #list: EventSubscription | null = null;
  /** User parts of the list's members once a full-state RLMI named them; null before. */
  #listMembers: ReadonlySet<string> | null = null;
  #listRefused = false;
  #presenceOffered = true;
  readonly #lastGapRestart = new Map<string, number>();
  /** Paces the initial SUBSCRIBEs on the current UA; a new one per attach (per UA). */
  #gate: SlotGate | null = null;
  readonly #createSubscription: SubscriptionFactory;
  readonly #options: ExtensionWatcherOptions;
  readonly #deps: WatcherDeps;

  constructor(options: ExtensionWatcherOptions, deps: WatcherDeps) {
    this.#options = options;
    this.#deps = deps;
    this.#createSubscription = deps.createSubscription ?? createSipSubscription;
  }

  get subscriptionCount(): number {
    let n = this.#list?.established ? 1 : 0;
    for (const s of this.#dialogSubs.values()) if (s.established) n++;
    for (const s of this.#presenceSubs.values()) if (s.established) n++;
    return n;
  }

  attach(ctx: WatchContext): void {
    // Whatever the old subscriptions were, the server may have forgotten them (restart) or
    // they live on a dead UA: start over, keeping lamps and sessions until fresh NOTIFYs say.
    void this.#stopAll();
    this.#ctx = ctx;
    this.#gate = new SlotGate(this.#options.maxPendingSubscribes ?? DEFAULT_MAX_PENDING);
    if (!this.#engine || this.#engine.events !== ctx.events) {
      this.#engine?.clear();
      this.#engine = new WatchEngine({
        events: ctx.events,
        now: () => (this.#ctx ?? ctx).now(),
        log: (level, msg) => this.#ctx?.log?.(level, msg),
        ...(this.#deps.schedule ? { schedule: this.#deps.schedule } : {}),
      });
      this.#engine.setTargets(this.#targets);
    }
    this.#listMembers = null;
    this.#listRefused = false;
    this.#presenceOffered = true;
    this.#subscribeAll();
  }

  setTargets(extensionIds: readonly string[]): void {
    this.#targets = [...new Set(extensionIds.map((id) => id.trim()).filter((id) => id !== ''))];
    if (!this.#engine) return; // not attached yet: attach() subscribes them
    const { added, removed } = this.#engine.setTargets(this.#targets);
    for (const ext of removed) this.#unwatch(ext);
    if (this.#targets.length === 0 && this.#list) {
      void this.#list.stop();
      this.#list = null;
      this.#engine.forgetSource(LIST_SOURCE);
    }
    if (!this.#ctx) return;
    if (this.#wantsList() && !this.#list) this.#startList();
    for (const ext of added) this.#watch(ext);
  }

  suspend(): void {
    void this.#stopAll();
    this.#ctx = null;
  }

  async detach(): Promise<void> {
    const stopping = this.#stopAll();
    this.#ctx = null;
    this.#engine?.clear();
    this.#engine = null;
    await stopping;
  }

  #log(level: 'debug' | 'warn' | 'error', msg: string): void {
    this.#ctx?.log?.(level, msg);
  }

  #stopAll(): Promise<void> {
    const subs = [...this.#dialogSubs.values(), ...this.#presenceSubs.values()];
    if (this.#list) subs.push(this.#list);
    this.#dialogSubs.clear();
    this.#presenceSubs.clear();
    this.#list = null;
    this.#lastGapRestart.clear();
    return Promise.all(subs.map((s) => s.stop())).then(() => undefined);
  }

  #subscribeAll(): void {
    if (this.#wantsList()) this.#startList();
    for (const ext of this.#targets) this.#watch(ext);
  }

  #wantsList(): boolean {
    return (
      this.#options.resourceList !== undefined && !this.#listRefused && this.#targets.length > 0
    );
  }

  /** Covered by the list, or (until its first full state names the members) maybe covered. */
  #ownDialogSubscription(ext: string): boolean {
    if (this.#options.resourceList === undefined || this.#listRefused) return true;
    return this.#listMembers !== null && !this.#listMembers.has(userKey(ext));
  }

  #watch(ext: string): void {
    const ctx = this.#ctx;
    if (!ctx) return;
    if (this.#ownDialogSubscription(ext) && !this.#dialogSubs.has(ext)) {
      const sub = this.#subscribe(
        ctx,
        { uri: targetUri(ext, ctx.domain), event: 'dialog', accept: 'application/dialog-info+xml' },
        this.#dialogListener(ext),
      );
      this.#dialogSubs.set(ext, sub);
    }
    if (this.#options.presence !== false && this.#presenceOffered && !this.#presenceSubs.has(ext)) {
      const sub = this.#subscribe(
        ctx,
        { uri: targetUri(ext, ctx.domain), event: 'presence', accept: 'application/pidf+xml' },
        this.#presenceListener(ext),
      );
      this.#presenceSubs.set(ext, sub);
    }
  }

  #unwatch(ext: string): void {
    void this.#dialogSubs.get(ext)?.stop();
    void this.#presenceSubs.get(ext)?.stop();
    this.#dialogSubs.delete(ext);
    this.#presenceSubs.delete(ext);
    this.#engine?.forgetSource(extSource(ext));
  }

  #subscribe(
    ctx: WatchContext,
    spec: Omit<SubscriptionSpec, 'expires'>,
    listener: SubscriptionListener,
  ): EventSubscription {
    const sub = this.#createSubscription(
      ctx.ua,
      { ...spec, expires: this.#options.expires ?? DEFAULT_EXPIRES },
      listener,
      (level, msg) => this.#log(level, msg),
      this.#gate ?? undefined,
    );
    sub.start();
    return sub;
  }

  #dialogListener(ext: string): SubscriptionListener {
    const source = extSource(ext);
    return {
      onStart: () => this.#engine?.sourceStarted(source),
      onNotify: (contentType, body) =>
        this.#guard(() => {
          const res = this.#engine?.dialogNotify(source, ext, contentType, body);
          if (res?.versionGap) this.#restartForGap(source, this.#dialogSubs.get(ext));
        }),
      onFailure: (f) => {
        this.#log('warn', `dialog subscription for ${ext}: ${f.reason}`);
        if (f.permanent || f.attempt >= TRANSIENT_FAILURES_REPORTED)
          this.#engine?.dialogFailed(ext, info(f));
      },
    };
  }

  #presenceListener(ext: string): SubscriptionListener {
    return {
      onStart: () => {},
      onNotify: (contentType, body) =>
        this.#guard(() => this.#engine?.presenceNotify(ext, contentType, body)),
      onFailure: (f) => {
        // No presence is not an error for the lamp: it just goes by dialogs only.
        this.#log('debug', `presence subscription for ${ext}: ${f.reason}`);
        if (f.statusCode !== undefined && NO_PRESENCE_CODES.has(f.statusCode)) this.#noPresence();
        else if (f.permanent) this.#engine?.presenceUnavailable(ext);
      },
    };
  }

  #noPresence(): void {
    if (!this.#presenceOffered) return;
    this.#presenceOffered = false;
    for (const [ext, sub] of this.#presenceSubs) {
      void sub.stop();
      this.#engine?.presenceUnavailable(ext);
    }
    this.#presenceSubs.clear();
  }

  #startList(): void {
    const ctx = this.#ctx;
    const uri = this.#options.resourceList;
    if (!ctx || uri === undefined) return;
    this.#list = this.#subscribe(
      ctx,
      { uri: targetUri(uri, ctx.domain), event: 'dialog', accept: LIST_ACCEPT, eventlist: true },
      {
        onStart: () => this.#engine?.sourceStarted(LIST_SOURCE),
        onNotify: (contentType, body) =>
          this.#guard(() => {
            const res = this.#engine?.dialogNotify(LIST_SOURCE, null, contentType, body);
            if (res?.listMembers) this.#membersKnown(res.listMembers);
            if (res?.versionGap) this.#restartForGap(LIST_SOURCE, this.#list ?? undefined);
          }),
        onFailure: (f) => this.#listFailure(uri, f),
      },
    );
  }

  #listFailure(uri: string, f: SubscriptionFailure): void {
    this.#log('warn', `resource list ${uri}: ${f.reason}`);
    if (f.permanent) {
      // Refused: watch every extension on its own instead.
      this.#engine?.listFailed(uri, info(f));
      this.#listRefused = true;
      void this.#list?.stop();
      this.#list = null;
      this.#engine?.forgetSource(LIST_SOURCE);
      for (const ext of this.#targets) this.#watch(ext);
    } else if (f.attempt === TRANSIENT_FAILURES_REPORTED) this.#engine?.listFailed(uri, info(f));
  }

  /** Targets the list does not cover get their own subscription; covered ones drop theirs. */
  #membersKnown(members: ReadonlySet<string>): void {
    this.#listMembers = members;
    for (const ext of this.#targets) {
      if (this.#ownDialogSubscription(ext)) this.#watch(ext);
      else if (this.#dialogSubs.has(ext)) {
        void this.#dialogSubs.get(ext)?.stop();
        this.#dialogSubs.delete(ext);
        this.#engine?.forgetSource(extSource(ext));
      }
    }
  }

  #restartForGap(source: string, sub: EventSubscription | undefined): void {
    const now = this.#ctx?.now() ?? Date.now();
    const last = this.#lastGapRestart.get(source);
    if (!sub || (last !== undefined && now - last < GAP_RESTART_MS)) return;
    this.#lastGapRestart.set(source, now);
    this.#log('debug', `${source}: dialog-info version gap; re-subscribing for full state`);
    sub.restart();
  }

  /** A bug while applying a NOTIFY must not escape into SIP.js's transaction handling. */
  #guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.#ctx?.events.error(OzError.from(e, 'INTERNAL', 'Applying a NOTIFY failed'));
    }
  }
}

function info(f: SubscriptionFailure): SubscriptionFailureInfo {
  return { statusCode: f.statusCode, reason: f.reason, permanent: f.permanent };
}

export function createExtensionWatcher(
  options: ExtensionWatcherOptions = {},
  deps: WatcherDeps = {},
): ExtensionWatcher {
  return new Watcher(options, deps);
}

export type { WatchLog };

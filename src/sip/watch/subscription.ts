/**
 * One RFC 6665 subscription on SIP.js's user-agent core. SIP.js's `Subscriber` hides the final
 * status code of a refused SUBSCRIBE and refreshes without our headers (Kamailio's RLS answers
 * a re-SUBSCRIBE without `Supported: eventlist` with 481), so this drives the core directly:
 * status codes reach the watcher, refreshes carry Accept/Supported, and a subscription the
 * server dropped is re-established with back-off.
 */
import { Core, UserAgent } from 'sip.js';
import type { WatchLog } from './engine';
import { SlotGate } from './gate';

export interface SubscriptionSpec {
  uri: string;
  event: string;
  accept: string;
  /** Requested expiry (s); refreshed at 90 % of what the server grants. */
  expires: number;
  /** RFC 4662: ask for a resource list (`Supported: eventlist`). */
  eventlist?: boolean;
}

export interface SubscriptionFailure {
  statusCode?: number | undefined;
  reason: string;
  /** Refused (4xx/6xx, noresource/rejected): not retried until restarted. */
  permanent: boolean;
  /** Consecutive failures so far. */
  attempt: number;
}

export interface SubscriptionListener {
  /** A new subscription dialog: its first NOTIFY follows, and version numbers start over. */
  onStart(): void;
  onNotify(contentType: string | undefined, body: string): void;
  onFailure(failure: SubscriptionFailure): void;
}

export interface EventSubscription {
  readonly spec: SubscriptionSpec;
  /** A subscription dialog is up (pending or active). */
  readonly established: boolean;
  start(): void;
  /** Drops the current dialog and subscribes anew (e.g. to get a full document after a gap). */
  restart(): void;
  /** Unsubscribes (Expires: 0) when it can and releases every timer. */
  stop(): Promise<void>;
}

/** `gate`: shared by the subscriptions of one UA, it paces their initial SUBSCRIBEs. */
export type SubscriptionFactory = (
  ua: UserAgent,
  spec: SubscriptionSpec,
  listener: SubscriptionListener,
  log: WatchLog,
  gate?: SlotGate,
) => EventSubscription;

/** Re-SUBSCRIBE delays after consecutive transient failures (ms). */
const BACKOFF = [1_000, 2_000, 5_000, 15_000, 30_000, 60_000];
/** How long stop() waits for the answer to its un-SUBSCRIBE. */
const UNSUBSCRIBE_WAIT_MS = 2_000;

const backoff = (attempt: number): number =>
  BACKOFF[Math.min(attempt, BACKOFF.length) - 1] ?? BACKOFF[0] ?? 1_000;

const isTransient = (code: number): boolean =>
  code === 408 || code === 480 || (code >= 500 && code < 600);

interface SubscriptionStateHeader {
  state: string;
  reason?: string | undefined;
  expires?: number | undefined;
  retryAfter?: number | undefined;
}

/** `terminated;reason=timeout;retry-after=5` → parts (SIP.js's parser yields untyped values). */
export function parseSubscriptionState(value: string | undefined): SubscriptionStateHeader {
  const [state = '', ...params] = (value ?? '').split(';').map((p) => p.trim());
  const out: SubscriptionStateHeader = { state: state.toLowerCase() };
  for (const p of params) {
    const [k = '', v = ''] = p.split('=').map((s) => s.trim());
    const key = k.toLowerCase();
    const n = Number(v);
    if (key === 'reason') out.reason = v.toLowerCase();
    else if (key === 'expires' && v !== '' && Number.isFinite(n)) out.expires = n;
    else if (key === 'retry-after' && v !== '' && Number.isFinite(n)) out.retryAfter = n;
  }
  return out;
}

const isUp = (d: Core.Subscription): boolean =>
  d.subscriptionState === Core.SubscriptionState.Active ||
  d.subscriptionState === Core.SubscriptionState.Pending;

class SipEventSubscription implements EventSubscription {
  /** Bumped whenever an attempt is superseded: late callbacks of older ones are ignored. */
  #gen = 0;
  #stopped = true;
  #dialog: Core.Subscription | undefined;
  #uac: Core.OutgoingSubscribeRequest | undefined;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #expires: number;
  /** Gives back the gate slot the current attempt holds until its first answer. */
  #slot: (() => void) | undefined;
  readonly #ua: UserAgent;
  readonly #listener: SubscriptionListener;
  readonly #log: WatchLog;
  readonly #gate: SlotGate;

  constructor(
    ua: UserAgent,
    readonly spec: SubscriptionSpec,
    listener: SubscriptionListener,
    log: WatchLog,
    gate: SlotGate,
  ) {
    this.#ua = ua;
    this.#listener = listener;
    this.#log = log;
    this.#gate = gate;
    this.#expires = spec.expires;
  }

  get established(): boolean {
    return this.#dialog !== undefined && isUp(this.#dialog);
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#send();
  }

  restart(): void {
    if (this.#stopped) return;
    void this.#release(true);
    this.#send();
  }

  stop(): Promise<void> {
    this.#stopped = true;
    return this.#release(true);
  }

  #send(): void {
    const gen = ++this.#gen;
    this.#clearTimers();
    this.#freeSlot();
    this.#gate.run((release) => {
      // Stopped or superseded while it waited for a slot.
      if (gen !== this.#gen || this.#stopped) return release();
      this.#slot = release;
      this.#subscribe(gen);
    });
  }

  #freeSlot(): void {
    const release = this.#slot;
    this.#slot = undefined;
    release?.();
  }

  #subscribe(gen: number): void {
    const uri = UserAgent.makeURI(this.spec.uri);
    if (!uri) {
      this.#fail({ reason: `invalid URI ${this.spec.uri}`, permanent: true });
      return;
    }
    const core = this.#ua.userAgentCore;
    const tags = core.configuration.supportedOptionTags;
    const options = this.#needsEventlist() ? { optionTags: [...tags, 'eventlist'] } : {};
    const message = core.makeOutgoingRequestMessage(
      'SUBSCRIBE',
      uri,
      this.#ua.configuration.uri,
      uri,
      options,
      this.#headers(),
    );
    this.#uac = core.subscribe(message, {
      onNotify: ({ request, subscription }) => this.#firstNotify(gen, request, subscription),
      onNotifyTimeout: () => {
        if (gen === this.#gen) this.#transient('no NOTIFY after the SUBSCRIBE');
      },
      onReject: (r) => this.#rejected(gen, r.message),
      onRedirect: (r) => this.#rejected(gen, r.message),
    });
  }

  #headers(): string[] {
    return [
      `Event: ${this.spec.event}`,
      `Expires: ${this.#expires}`,
      `Accept: ${this.spec.accept}`,
      `Contact: ${this.#ua.contact.toString()}`,
    ];
  }

  #needsEventlist(): boolean {
    return (
      this.spec.eventlist === true &&
      !this.#ua.userAgentCore.configuration.supportedOptionTags.includes('eventlist')
    );
  }

  #firstNotify(
    gen: number,
    request: Core.IncomingNotifyRequest,
    subscription: Core.Subscription | undefined,
  ): void {
    if (gen !== this.#gen || this.#stopped) {
      request.accept();
      if (subscription) void this.#unsubscribe(subscription);
      return;
    }
    this.#uac = undefined;
    this.#failures = 0;
    this.#freeSlot();
    this.#dialog = subscription;
    if (subscription) {
      subscription.delegate = {
        onNotify: (r) => this.#notify(gen, r),
        onTerminated: () => {
          if (gen === this.#gen) this.#lost('the subscription ended');
        },
      };
    }
    this.#listener.onStart();
    this.#notify(gen, request);
  }

  #notify(gen: number, request: Core.IncomingNotifyRequest): void {
    const m = request.message;
    request.accept();
    if (gen !== this.#gen || this.#stopped) return;
    const ss = parseSubscriptionState(m.getHeader('Subscription-State'));
    this.#listener.onNotify(m.getHeader('Content-Type'), m.body);
    if (gen !== this.#gen || this.#stopped) return; // the listener stopped or restarted us
    if (ss.state === 'terminated') {
      this.#dialog = undefined; // SIP.js has disposed it
      this.#serverTerminated(ss);
    } else this.#armRefresh(gen);
  }

  /** RFC 6665 §4.1.3: noresource/rejected are final; anything else may be retried. */
  #serverTerminated(ss: SubscriptionStateHeader): void {
    if (ss.reason === 'noresource' || ss.reason === 'rejected') {
      this.#fail({ reason: `subscription ${ss.reason}`, permanent: true });
      return;
    }
    this.#log(
      'debug',
      `${this.spec.uri} ${this.spec.event}: terminated (${ss.reason ?? 'no reason'})`,
    );
    const delay =
      ss.retryAfter !== undefined
        ? ss.retryAfter * 1000
        : ss.reason === 'deactivated' || ss.reason === 'timeout'
          ? 0
          : backoff(++this.#failures);
    this.#schedule(delay);
  }

  #armRefresh(gen: number): void {
    if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
    const dialog = this.#dialog;
    if (!dialog) return;
    const delay = Math.max(1_000, dialog.subscriptionExpires * 900);
    this.#refreshTimer = setTimeout(() => this.#refresh(gen), delay);
  }

  #refresh(gen: number): void {
    this.#refreshTimer = undefined;
    const dialog = this.#dialog;
    if (gen !== this.#gen || this.#stopped || !dialog) return;
    if (!isUp(dialog)) {
      this.#lost('the subscription expired');
      return;
    }
    const extraHeaders = this.#headers();
    if (this.#needsEventlist()) extraHeaders.push('Supported: eventlist');
    const req = dialog.subscribe(undefined, { extraHeaders });
    // 404/481/... terminate the dialog inside SIP.js (onTerminated above); others land here.
    req.delegate = {
      onReject: (r) => {
        if (gen === this.#gen) this.#lost(`refresh rejected with ${r.message.statusCode ?? '?'}`);
      },
    };
  }

  /** The server dropped us (restart, refresh refused, Timer N): subscribe anew. */
  #lost(reason: string): void {
    this.#log('debug', `${this.spec.uri} ${this.spec.event}: ${reason}; re-subscribing`);
    this.#gen++;
    this.#dialog?.dispose();
    this.#dialog = undefined;
    this.#schedule(this.#failures === 0 ? 0 : backoff(this.#failures));
  }

  #rejected(gen: number, message: Core.IncomingResponseMessage): void {
    if (gen !== this.#gen || this.#stopped) return;
    this.#uac = undefined;
    const code = message.statusCode ?? 0;
    const phrase = message.reasonPhrase ?? '';
    const minExpires = Number(message.getHeader('Min-Expires'));
    if (code === 423 && Number.isFinite(minExpires) && minExpires > this.#expires) {
      this.#expires = minExpires;
      this.#send();
      return;
    }
    const reason = `SUBSCRIBE answered ${code} ${phrase}`.trim();
    if (isTransient(code)) this.#transient(reason, code);
    else this.#fail({ statusCode: code, reason, permanent: true });
  }

  #transient(reason: string, statusCode?: number): void {
    this.#freeSlot();
    this.#failures++;
    this.#listener.onFailure({ statusCode, reason, permanent: false, attempt: this.#failures });
    this.#schedule(backoff(this.#failures));
  }

  #fail(f: Omit<SubscriptionFailure, 'attempt'>): void {
    this.#freeSlot();
    this.#failures++;
    this.#listener.onFailure({ ...f, attempt: this.#failures });
  }

  #schedule(delay: number): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (!this.#stopped) this.#send();
    }, delay);
  }

  #clearTimers(): void {
    if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#refreshTimer = this.#retryTimer = undefined;
  }

  #release(polite: boolean): Promise<void> {
    this.#gen++;
    this.#clearTimers();
    this.#freeSlot();
    const dialog = this.#dialog;
    const uac = this.#uac;
    this.#dialog = this.#uac = undefined;
    uac?.waitNotifyStop(); // a NOTIFY still on its way gets 481
    if (!dialog) return Promise.resolve();
    if (!polite) {
      dialog.dispose();
      return Promise.resolve();
    }
    return this.#unsubscribe(dialog);
  }

  /** Expires: 0 when the transport is up, then drop the dialog (its Timer N included). */
  #unsubscribe(dialog: Core.Subscription): Promise<void> {
    if (!this.#ua.isConnected() || !isUp(dialog)) {
      dialog.dispose();
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        dialog.dispose();
        resolve();
      };
      const timer = setTimeout(done, UNSUBSCRIBE_WAIT_MS);
      dialog.delegate = {}; // its final NOTIFY needs no handling
      dialog.unsubscribe().delegate = { onAccept: done, onReject: done };
    });
  }
}

export const createSipSubscription: SubscriptionFactory = (ua, spec, listener, log, gate) =>
  new SipEventSubscription(ua, spec, listener, log, gate ?? new SlotGate(Infinity));

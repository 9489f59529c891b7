import {
  Registerer,
  RegistererState,
  UserAgent,
  type UserAgentDelegate,
  type UserAgentOptions,
} from 'sip.js';
import { OzError } from '../core/errors';
import type { BackendEvents } from '../core/ports';
import type { SipLogger } from './logger';
import { startProbe } from './probe';
import { backoffDelay, type BackoffOptions } from './reconnect';
import { describeStatus, statusOf } from './status';
import type { Timers } from './timers';
import { attachBrowserTriggers } from './triggers';
import { buildUserAgentOptions } from './ua-options';

export interface ConnectionConfig {
  servers: string[];
  domain: string;
  user: string;
  password: string | undefined;
  instanceId: string;
  probeIntervalMs: number;
  backoff: BackoffOptions;
  registerExpires: number;
  iceServers: RTCIceServer[];
  userAgentOptions: Partial<UserAgentOptions>;
}

export interface ConnectionHooks {
  /** Incoming INVITE/MESSAGE/NOTIFY handlers; already guarded against throwing. */
  delegate: UserAgentDelegate;
  /** Registered (first time or again) on `ua`; `previous` is the UA before a reconnect. */
  registered(ua: UserAgent, server: string, previous: UserAgent | null): void;
  /** The transport of `ua` is down; its calls cannot be controlled until it is back. */
  transportLost(ua: UserAgent): void;
  /** `ua` is given up (failover, silent server, give-up, disconnect): end its calls. */
  retired(ua: UserAgent): void;
}

type Phase = 'idle' | 'connecting' | 'registered' | 'reconnecting' | 'failed' | 'closed';

const REGISTER_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 2_000;

/**
 * Registration and its upkeep: one UserAgent per server attempt (SIP.js's transport takes one
 * URL), reused only to reconnect to the same server after its socket closed (its calls may
 * survive), OPTIONS liveness probe, exponential backoff with jitter, failover across
 * `sip.servers`.
 */
export class Connection {
  ua: UserAgent | null = null;
  server: string | null = null;
  #registerer: Registerer | null = null;
  #phase: Phase = 'idle';
  #serverIndex = 0;
  #attempt = 0;
  #generation = 0;
  #roundRunning = false;
  #cancelRound: (() => void) | null = null;
  #probe: { stop(): void; now(): void } | null = null;
  #detachTriggers: (() => void) | null = null;
  readonly #silent = new WeakSet<UserAgent>();
  readonly #cfg: ConnectionConfig;
  readonly #events: BackendEvents;
  readonly #hooks: ConnectionHooks;
  readonly #timers: Timers;
  readonly #log: SipLogger;

  constructor(
    cfg: ConnectionConfig,
    events: BackendEvents,
    hooks: ConnectionHooks,
    timers: Timers,
    log: SipLogger,
  ) {
    this.#cfg = cfg;
    this.#events = events;
    this.#hooks = hooks;
    this.#timers = timers;
    this.#log = log;
  }

  get isRegistered(): boolean {
    return this.#phase === 'registered';
  }

  /** First registration: every server once, in order. No retry in the background after it. */
  async connect(): Promise<void> {
    const gen = this.#generation;
    this.#phase = 'connecting';
    const failures: string[] = [];
    for (let i = 0; i < this.#cfg.servers.length; i++) {
      const server = this.#cfg.servers[i] as string;
      this.#events.connection({ phase: 'connecting', server });
      try {
        await this.#attemptServer(i);
      } catch (err) {
        if (gen !== this.#generation) throw closedError();
        const e = OzError.from(err, 'CONNECTION_FAILED', `Could not reach ${server}`);
        if (e.code === 'ACCESS_DENIED') {
          this.#phase = 'failed';
          throw e;
        }
        failures.push(e.message);
        this.#log.warn(e.message);
        continue;
      }
      if (gen !== this.#generation) throw closedError();
      this.#becomeRegistered(null);
      return;
    }
    this.#phase = 'failed';
    const many = this.#cfg.servers.length > 1;
    throw new OzError(
      'CONNECTION_FAILED',
      many
        ? `Could not connect to any PBX server: ${failures.join('; ')}`
        : (failures[0] ?? 'Could not connect to the PBX'),
    );
  }

  async disconnect(): Promise<void> {
    this.#generation++;
    const wasRegistered = this.#phase === 'registered';
    this.#phase = 'closed';
    this.#stopUpkeep();
    this.#detachTriggers?.();
    this.#detachTriggers = null;
    const ua = this.ua;
    const registerer = this.#registerer;
    this.ua = null;
    this.#registerer = null;
    if (!ua) return;
    this.#hooks.retired(ua);
    if (registerer && wasRegistered) await withTimeout(unregister(registerer), STOP_TIMEOUT_MS);
    await withTimeout(ua.stop(), STOP_TIMEOUT_MS);
  }

  /** The browser's `online`/visibility signal, or the app: re-register now. */
  refresh(): void {
    if (this.#phase === 'reconnecting' && !this.#roundRunning) {
      this.#cancelRound?.();
      this.#cancelRound = null;
      void this.#runRound();
      return;
    }
    if (this.#phase !== 'registered' || !this.ua || !this.#registerer) return;
    const ua = this.ua;
    this.#probe?.now();
    this.#register(this.#registerer, this.server ?? '').catch((err: unknown) => {
      if (ua !== this.ua || this.#phase !== 'registered') return;
      const e = OzError.from(err, 'CONNECTION_LOST', 'Re-registration failed');
      if (e.code === 'ACCESS_DENIED') this.#deny(e);
      else this.#safeDrop(ua, 'socket');
    });
  }

  // ---- one server ------------------------------------------------------------------------

  /** Registers on server `index`; resolves with the UA it replaced (retired already), if any. */
  async #attemptServer(index: number): Promise<UserAgent | null> {
    const server = this.#cfg.servers[index] as string;
    const gen = this.#generation;
    const current = this.ua;
    const reuse = current !== null && this.server === server && !this.#silent.has(current);
    const ua = reuse ? current : this.#makeUserAgent(server);
    try {
      if (reuse) await ua.reconnect();
      else await ua.start();
    } catch (err) {
      if (!reuse) stopQuietly(ua);
      throw new OzError('CONNECTION_FAILED', `Could not open a WebSocket to ${server}`, {
        cause: err,
      });
    }
    if (gen !== this.#generation) {
      if (!reuse) stopQuietly(ua);
      throw closedError();
    }
    let registerer = reuse && this.#registerer ? this.#registerer : this.#makeRegisterer(ua);
    try {
      try {
        await this.#register(registerer, server);
      } catch (err) {
        // A REGISTER that was in flight when the old socket died blocks SIP.js's Registerer
        // until its transaction times out (32 s): start over with a fresh one.
        if (!(err instanceof OzError) || err.code !== 'INTERNAL' || !reuse) throw err;
        void registerer.dispose().catch(() => {});
        registerer = this.#makeRegisterer(ua);
        await this.#register(registerer, server);
      }
    } catch (err) {
      if (!reuse) stopQuietly(ua);
      throw err;
    }
    if (gen !== this.#generation) {
      if (!reuse) stopQuietly(ua);
      throw closedError();
    }
    const previous = this.ua;
    if (previous && previous !== ua) this.#retire(previous);
    this.ua = ua;
    this.#registerer = registerer;
    this.server = server;
    this.#serverIndex = index;
    return previous;
  }

  #makeUserAgent(server: string): UserAgent {
    let ua: UserAgent | null = null;
    const delegate: UserAgentDelegate = {
      ...this.#hooks.delegate,
      onDisconnect: (error?: Error) => {
        // Only an unexpected close carries an error; ours (stop, dispose) does not.
        if (error && ua) this.#safeDrop(ua, 'socket');
      },
    };
    ua = new UserAgent(buildUserAgentOptions(this.#cfg, server, delegate, this.#log));
    return ua;
  }

  #makeRegisterer(ua: UserAgent): Registerer {
    const registerer = new Registerer(ua, {
      expires: this.#cfg.registerExpires,
      // A stable +sip.instance with reg-id: a re-registration (reconnect, failover, reload)
      // replaces the old binding instead of forking calls to a dead one.
      regId: 1,
      instanceId: this.#cfg.instanceId,
    });
    registerer.stateChange.addListener((state) => {
      // SIP.js's own refresh failed (e.g. the server lost our binding): treat it as a drop.
      if (
        (state === RegistererState.Unregistered || state === RegistererState.Terminated) &&
        registerer === this.#registerer &&
        ua === this.ua &&
        this.#phase === 'registered'
      ) {
        this.#safeDrop(ua, 'socket');
      }
    });
    return registerer;
  }

  #register(registerer: Registerer, server: string): Promise<void> {
    const { user, domain } = this.#cfg;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err?: OzError) => {
        if (settled) return;
        settled = true;
        cancel();
        if (err) reject(err);
        else resolve();
      };
      const cancel = this.#timers.set(
        () => settle(new OzError('CONNECTION_FAILED', `No answer to REGISTER from ${server}`)),
        REGISTER_TIMEOUT_MS,
      );
      registerer
        .register({
          requestDelegate: {
            onAccept: () => settle(),
            onReject: (r) => {
              const { code, phrase } = statusOf(r);
              settle(registerFailure(code, phrase));
            },
          },
        })
        .catch((err: unknown) =>
          settle(
            err instanceof Error && err.name === 'RequestPendingError'
              ? new OzError('INTERNAL', 'A REGISTER is still pending', { cause: err })
              : OzError.from(err, 'CONNECTION_FAILED', `REGISTER could not be sent to ${server}`),
          ),
        );
    });

    function registerFailure(code: number, phrase: string): OzError {
      if (code === 401 || code === 407) {
        return new OzError('ACCESS_DENIED', `Wrong password for extension ${user} at ${domain}`, {
          statusCode: code,
        });
      }
      if (code === 403) {
        return new OzError(
          'ACCESS_DENIED',
          `Extension ${user} is not allowed to register at ${domain} (SIP 403)`,
          { statusCode: code },
        );
      }
      return new OzError(
        'CONNECTION_FAILED',
        `${server} refused the registration of ${user}: ${describeStatus(code, phrase)}`,
        { statusCode: code },
      );
    }
  }

  // ---- registered, dropped, reconnecting -------------------------------------------------

  #becomeRegistered(previous: UserAgent | null): void {
    const ua = this.ua;
    const server = this.server;
    if (!ua || !server) return;
    this.#phase = 'registered';
    this.#attempt = 0;
    this.#events.connection({
      phase: 'registered',
      state: 'ACCESS_GRANTED',
      server,
      attempt: 0,
      nextAttemptAt: null,
    });
    if (this.#cfg.probeIntervalMs > 0) {
      this.#probe = startProbe(ua, this.#cfg.domain, this.#cfg.probeIntervalMs, this.#timers, () =>
        this.#safeDrop(ua, 'silent'),
      );
    }
    this.#detachTriggers ??= attachBrowserTriggers((why) => {
      this.#log.debug(`re-registering: ${why}`);
      this.refresh();
    });
    this.#hooks.registered(ua, server, previous);
  }

  /** Called from SIP.js callbacks and timers: nothing may be thrown back into them. */
  #safeDrop(ua: UserAgent, kind: 'socket' | 'silent'): void {
    try {
      this.#drop(ua, kind);
    } catch (err) {
      this.#events.error(
        OzError.from(err, 'INTERNAL', 'Handling the loss of the connection failed'),
      );
    }
  }

  #drop(ua: UserAgent, kind: 'socket' | 'silent'): void {
    if (this.#phase !== 'registered' || ua !== this.ua) return;
    this.#phase = 'reconnecting';
    this.#stopUpkeep();
    const server = this.server ?? 'the PBX';
    this.#log.warn(
      `lost ${server} (${kind === 'silent' ? 'no answer to OPTIONS' : 'socket closed'})`,
    );
    if (kind === 'silent') {
      // A frozen server never closes the socket: give this UA up, its dialogs with it.
      this.#silent.add(ua);
      this.#retire(ua);
      this.ua = null;
      this.#registerer = null;
    } else {
      this.#hooks.transportLost(ua);
    }
    const error = new OzError('CONNECTION_LOST', `Lost the connection to ${server}; reconnecting`);
    this.#scheduleRound({ state: 'CONNECTION_CLOSED', error });
  }

  #scheduleRound(first?: { state: 'CONNECTION_CLOSED'; error: OzError }): void {
    const gen = this.#generation;
    this.#attempt++;
    if (this.#attempt > this.#cfg.backoff.maxAttempts) {
      this.#giveUp();
      return;
    }
    const delay = backoffDelay(this.#attempt, this.#cfg.backoff);
    this.#events.connection({
      phase: 'reconnecting',
      ...first,
      attempt: this.#attempt,
      nextAttemptAt: this.#events.now() + delay,
    });
    this.#cancelRound = this.#timers.set(() => {
      this.#cancelRound = null;
      if (gen === this.#generation) void this.#runRound();
    }, delay);
  }

  /** One round: the next server first (failover), the current one last. */
  async #runRound(): Promise<void> {
    if (this.#roundRunning || this.#phase !== 'reconnecting') return;
    this.#roundRunning = true;
    const gen = this.#generation;
    const n = this.#cfg.servers.length;
    try {
      for (let k = 1; k <= n; k++) {
        const i = (this.#serverIndex + k) % n;
        let previous: UserAgent | null;
        try {
          previous = await this.#attemptServer(i);
        } catch (err) {
          if (gen !== this.#generation) return;
          const e = OzError.from(err, 'CONNECTION_FAILED', 'Reconnect attempt failed');
          if (e.code === 'ACCESS_DENIED') {
            this.#deny(e);
            return;
          }
          this.#log.debug(
            `reconnect attempt ${this.#attempt} to ${this.#cfg.servers[i]}: ${e.message}`,
          );
          continue;
        }
        if (gen !== this.#generation) return;
        this.#becomeRegistered(previous);
        return;
      }
      if (gen === this.#generation) this.#scheduleRound();
    } finally {
      this.#roundRunning = false;
    }
  }

  #giveUp(): void {
    const tries = this.#attempt - 1;
    const error = new OzError(
      'CONNECTION_FAILED',
      `Gave up reconnecting to ${this.#cfg.servers.join(', ')} after ${tries} attempt${tries === 1 ? '' : 's'}`,
    );
    this.#fail('CONNECTION_FAILED', error);
  }

  #deny(error: OzError): void {
    this.#fail('ACCESS_DENIED', error);
  }

  #fail(state: 'CONNECTION_FAILED' | 'ACCESS_DENIED', error: OzError): void {
    this.#phase = 'failed';
    this.#stopUpkeep();
    this.#detachTriggers?.();
    this.#detachTriggers = null;
    const ua = this.ua;
    this.ua = null;
    this.#registerer = null;
    if (ua) this.#retire(ua);
    this.#events.connection({ phase: 'failed', state, error, nextAttemptAt: null });
    // The core does not report a backend's "failed" update as an error by itself.
    this.#events.error(error);
  }

  #retire(ua: UserAgent): void {
    this.#hooks.retired(ua);
    stopQuietly(ua);
  }

  #stopUpkeep(): void {
    this.#probe?.stop();
    this.#probe = null;
    this.#cancelRound?.();
    this.#cancelRound = null;
  }
}

function closedError(): OzError {
  return new OzError('CONNECTION_FAILED', 'The connection was closed while connecting');
}

/** A dead or abandoned UA: no un-REGISTER or BYE can get through, so skip them; never await. */
function stopQuietly(ua: UserAgent): void {
  try {
    ua.configuration.gracefulShutdown = false;
    void ua.stop().catch(() => {});
  } catch {
    // already stopped
  }
}

function unregister(registerer: Registerer): Promise<void> {
  return new Promise<void>((resolve) => {
    registerer
      .unregister({ requestDelegate: { onAccept: () => resolve(), onReject: () => resolve() } })
      .catch(() => resolve());
  });
}

function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    p.then(
      () => {
        clearTimeout(t);
        resolve();
      },
      () => {
        clearTimeout(t);
        resolve();
      },
    );
  });
}

// <oz-dialer>: a dialer in a shadow root, configured by attributes (never secrets), driven by
// methods, reporting through DOM events. Each element owns one client.
import type { Call } from '../core/call';
import type { OzClient } from '../core/client';
import { CallType } from '../core/enums';
import { OzError, type OzErrorCode } from '../core/errors';
import {
  OBSERVED_ATTRIBUTES,
  connectionKey,
  readConfig,
  type AttributeProblem,
  type WidgetConfig,
  type WidgetTheme,
} from './attributes';
import { bridgeClientEvents } from './bridge';
import { createWidgetClient, type WidgetClient } from './client';
import { emitWidgetEvent, type OzDialerEventDetail, type OzDialerEventName } from './events';
import type { OzDialerLabels } from './labels';
import { hasSecret, resolveLogin, type WidgetCredentials } from './secrets';
import { applyWidgetStyles } from './styles';
import { mountWidgetView, type WidgetNotice, type WidgetView } from './view';

// Importing in Node (server rendering, tests) must not fail: the class then has a stub base.
const Base: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

interface Live {
  readonly key: string;
  readonly wc: WidgetClient;
  readonly unbridge: () => void;
  /** Auto-connect is tried once per client and secret; a failed login is not retried in a loop. */
  autoTried: boolean;
}

export type OzDialerCallType = 'audio' | 'video';

export class OzDialerElement extends Base {
  static readonly observedAttributes: readonly string[] = OBSERVED_ATTRIBUTES;

  readonly #shadow: ShadowRoot;
  readonly #mount: HTMLElement;
  #view: WidgetView | null = null;
  #live: Live | null = null;
  #problems: readonly AttributeProblem[] = [];
  #theme: WidgetTheme | null = null;
  #problemsKey = '';
  #password: string | undefined;
  #credentials: WidgetCredentials | undefined;
  #labels: OzDialerLabels = {};
  /** disconnect() was called: stay offline until connect(). */
  #manualOff = false;
  #scheduled = false;
  /** The last client's disconnect; the next client logs in only after it (same binding). */
  #stopping: Promise<void> = Promise.resolve();
  readonly #reported = new WeakSet<OzError>();

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    applyWidgetStyles(this.#shadow);
    this.#mount = this.ownerDocument.createElement('div');
    this.#mount.className = 'oz-widget-root';
    this.#shadow.append(this.#mount);
  }

  // ---- secrets: properties only ------------------------------------------------------------

  /** Write-only: the password of `user`. Reading it returns undefined. */
  get password(): undefined {
    return undefined;
  }
  set password(value: string | null | undefined) {
    this.#password = typeof value === 'string' && value !== '' ? value : undefined;
    this.#secretChanged();
  }

  /** An async function returning { user, password }, called each time the widget connects. */
  get credentials(): WidgetCredentials | undefined {
    return this.#credentials;
  }
  set credentials(value: WidgetCredentials | null | undefined) {
    this.#credentials = typeof value === 'function' ? value : undefined;
    this.#secretChanged();
  }

  /** Replaces any visible string: the components' OzLabels and the widget's own. */
  get labels(): OzDialerLabels {
    return this.#labels;
  }
  set labels(value: OzDialerLabels | null | undefined) {
    this.#labels = typeof value === 'object' && value !== null ? { ...value } : {};
    this.#render();
  }

  /** This widget's own client (the full ozkit API); null while unconfigured or detached. */
  get client(): OzClient | null {
    return this.#live?.wc.client ?? null;
  }

  #secretChanged(): void {
    if (this.#live) this.#live.autoTried = false;
    this.#schedule();
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  connectedCallback(): void {
    // A property set before the element was upgraded sits on the instance and hides the
    // accessor: move it through the accessor.
    for (const name of ['password', 'credentials', 'labels'] as const) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value: unknown = Reflect.get(this, name);
        Reflect.deleteProperty(this, name);
        Reflect.set(this, name, value);
      }
    }
    this.#view ??= mountWidgetView(this.#mount);
    this.#schedule();
  }

  disconnectedCallback(): void {
    // A move (remove + insert in one task) keeps the call; a removal ends everything.
    queueMicrotask(() => {
      if (!this.isConnected) this.#teardown();
    });
  }

  attributeChangedCallback(): void {
    this.#schedule();
  }

  /** Several attribute changes in one task make one update. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.#update();
    });
  }

  #update(): void {
    const { config, problems } = readConfig(
      (n) => this.getAttribute(n),
      this.ownerDocument.baseURI,
    );
    this.#problems = problems;
    this.#theme = config.theme;
    const problemsKey = problems.map((p) => p.message).join('\n');
    if (problemsKey !== this.#problemsKey) {
      this.#problemsKey = problemsKey;
      for (const p of problems)
        this.#emit('oz-error', { code: 'INVALID_ARGUMENT', message: p.message });
    }
    if (problems.length > 0) {
      this.#dropClient();
      this.#render();
      return;
    }
    const key = connectionKey(config);
    if (this.#live?.key !== key) {
      this.#dropClient();
      this.#live = this.#createLive(key, config);
    }
    this.#render();
    const live = this.#live;
    if (live && !this.#manualOff && !live.autoTried && this.#canLogIn(live) && idle(live)) {
      live.autoTried = true;
      void this.#connect(live).catch(() => {
        /* reported as oz-error and shown */
      });
    }
  }

  #createLive(key: string, config: WidgetConfig): Live {
    const wc = createWidgetClient(config);
    const unbridge = bridgeClientEvents(
      wc.client,
      (name, detail) => this.#emit(name, detail),
      (error) => {
        if (this.#reported.has(error)) return;
        this.#reported.add(error);
        this.#emit('oz-error', { code: error.code, message: error.message });
      },
    );
    return { key, wc, unbridge, autoTried: false };
  }

  #canLogIn(live: Live): boolean {
    return hasSecret(this.#secrets(live));
  }

  #secrets(live: Live) {
    return {
      password: this.#password,
      credentials: this.#credentials,
      fallbackPassword: live.wc.defaultPassword,
    };
  }

  #notice(): WidgetNotice | null {
    const live = this.#live;
    if (!live || this.#manualOff) return this.#manualOff ? 'offline' : null;
    return this.#canLogIn(live) ? null : 'waiting-for-login';
  }

  #render(): void {
    this.#view?.render({
      client: this.#live?.wc.client ?? null,
      theme: this.#theme,
      problems: this.#problems,
      notice: this.#notice(),
      onConnect: () => void this.connect().catch(() => {}),
      labels: this.#labels,
    });
  }

  /** Disconnects the current client (in the background) and forgets it. */
  #dropClient(): void {
    const live = this.#live;
    if (!live) return;
    this.#live = null;
    const client = live.wc.client;
    const stopped = this.#stopping.then(() => client.disconnectAsync()).catch(() => {});
    // The page still hears CONNECTION_CLOSED; then the client is unhooked.
    this.#stopping = stopped.then(() => live.unbridge());
  }

  #teardown(): void {
    this.#dropClient();
    this.#view?.unmount();
    this.#view = null;
    this.#problemsKey = '';
  }

  async #connect(live: Live): Promise<void> {
    let login: { user: string; password: string };
    try {
      login = await resolveLogin(this.#secrets(live), live.wc.target.user);
    } catch (err) {
      throw this.#fail(err, 'INVALID_STATE', 'Cannot connect');
    }
    await this.#stopping;
    if (this.#live !== live) throw new OzError('INVALID_STATE', 'The widget was reconfigured');
    const client = live.wc.client;
    try {
      await client.connectAsync(live.wc.target.server, login.user, { Password: login.password });
    } catch (err) {
      throw this.#fail(err, 'CONNECTION_FAILED', 'Could not connect');
    }
    const c = client.store.getState().connection;
    if (!c.registered) {
      // Already reported by the client (ACCESS_DENIED, CONNECTION_FAILED).
      throw this.#fail(
        c.lastError ?? new OzError('CONNECTION_FAILED', 'Not connected'),
        'CONNECTION_FAILED',
        'Not connected',
      );
    }
  }

  // ---- events ------------------------------------------------------------------------------

  #emit<K extends OzDialerEventName>(name: K, detail: OzDialerEventDetail<K>): void {
    emitWidgetEvent(this, name, detail);
  }

  /** An error of the widget's own making: one oz-error per error object. */
  #fail(err: unknown, code: OzErrorCode, message: string): OzError {
    const e = OzError.from(err, code, message);
    if (!this.#reported.has(e)) {
      this.#reported.add(e);
      this.#emit('oz-error', { code: e.code, message: e.message });
    }
    return e;
  }

  // ---- methods -----------------------------------------------------------------------------

  /** Applies pending attribute changes now, so a method called right after them sees them. */
  #flush(): Live {
    if (this.#scheduled && this.isConnected) {
      this.#scheduled = false;
      this.#update();
    }
    const problem = this.#problems[0];
    if (problem)
      throw this.#fail(
        new OzError('INVALID_ARGUMENT', problem.message),
        'INVALID_ARGUMENT',
        problem.message,
      );
    if (!this.#live)
      throw this.#fail(
        new OzError('INVALID_STATE', '<oz-dialer> is not in the document'),
        'INVALID_STATE',
        'Not in the document',
      );
    return this.#live;
  }

  /** Logs in (asking `credentials` if set). Resolves once registered; rejects with an OzError. */
  async connect(): Promise<void> {
    this.#manualOff = false;
    const live = this.#flush();
    live.autoTried = true;
    this.#render();
    if (live.wc.client.store.getState().connection.registered) return;
    await this.#connect(live);
  }

  /** Logs out and stays offline until connect(). */
  async disconnect(): Promise<void> {
    this.#manualOff = true;
    this.#render();
    const live = this.#live;
    if (live) await live.wc.client.disconnectAsync();
  }

  /** Calls `number`; resolves with the call id once the call is on its way. */
  async call(number: string, type: OzDialerCallType = 'audio'): Promise<string> {
    const client = this.#flush().wc.client;
    let call: Call;
    try {
      call = client.createCall(number, type === 'video' ? CallType.VIDEO : CallType.AUDIO);
    } catch (err) {
      throw this.#fail(err, 'INVALID_NUMBER', `Cannot call ${String(number)}`);
    }
    await this.#run(call.actions.start());
    return call.id;
  }

  /** Answers `callId`, or the oldest ringing incoming call. */
  accept(callId?: string): Promise<void> {
    return this.#withCall(callId, 'ringing', 'accept', (c) => c.actions.accept());
  }

  /** Declines `callId`, or the oldest ringing incoming call. */
  reject(callId?: string): Promise<void> {
    return this.#withCall(callId, 'ringing', 'reject', (c) => c.actions.reject());
  }

  /** Ends `callId`, or the current call. */
  hangUp(callId?: string): Promise<void> {
    return this.#withCall(callId, 'current', 'hangUp', (c) => c.actions.hangUp());
  }

  hold(callId?: string): Promise<void> {
    return this.#withCall(callId, 'current', 'hold', (c) => c.actions.hold());
  }

  unhold(callId?: string): Promise<void> {
    return this.#withCall(callId, 'current', 'unhold', (c) => c.actions.unHold());
  }

  /** Sends DTMF keys (0-9, *, #) one after another on `callId` or the current call. */
  sendDtmf(keys: string, callId?: string): Promise<void> {
    return this.#withCall(callId, 'current', 'sendDtmf', async (c) => {
      for (const key of String(keys)) await c.actions.sendDtmf(key);
    });
  }

  async #withCall(
    callId: string | undefined,
    fallback: 'current' | 'ringing',
    what: string,
    act: (call: Call) => Promise<void>,
  ): Promise<void> {
    const client = this.#flush().wc.client;
    const call = callId !== undefined ? client.getCall(callId) : defaultCall(client, fallback);
    if (!call) {
      const message =
        callId !== undefined
          ? `${what}: no call ${JSON.stringify(String(callId))}`
          : fallback === 'ringing'
            ? `${what}: there is no ringing incoming call`
            : `${what}: there is no call`;
      throw this.#fail(new OzError('INVALID_STATE', message), 'INVALID_STATE', message);
    }
    await this.#run(act(call));
  }

  /** Call actions are reported by the client already; this keeps one oz-error per failure. */
  async #run(p: Promise<void>): Promise<void> {
    try {
      await p;
    } catch (err) {
      throw this.#fail(err, 'CALL_FAILED', 'The call action failed');
    }
  }
}

/** Not logged in and not on the way: a new secret may start a login. */
function idle(live: Live): boolean {
  const phase = live.wc.client.store.getState().connection.phase;
  return phase === 'idle' || phase === 'closed' || phase === 'failed';
}

function defaultCall(client: OzClient, which: 'current' | 'ringing'): Call | null {
  const s = client.store.getState();
  if (which === 'current') return s.currentCallId ? client.getCall(s.currentCallId) : null;
  const ringing = Object.values(s.calls)
    .filter((c) => c.direction === 'inbound' && c.answeredAt === null && c.endedAt === null)
    .sort((a, b) => a.createdAt - b.createdAt)[0];
  return ringing ? client.getCall(ringing.id) : null;
}

/**
 * The state side of watching: NOTIFY bodies in, lamps / sessions / presence out through
 * BackendEvents, batched. Knows nothing of SIP transactions, so it runs in unit tests and
 * benchmarks exactly as it runs behind real subscriptions.
 */
import type { ExtensionState } from '../../core/enums';
import { OzError } from '../../core/errors';
import type { BackendEvents } from '../../core/ports';
import {
  BodyParseError,
  DialogInfoTracker,
  parseContentType,
  parseDialogInfo,
  parseMultipart,
  parsePresenceBody,
  parseResourceListNotify,
  reduceDialogs,
  type DialogInfoDoc,
  type DialogLamp,
  type ResourceListNotify,
} from '../parse';
import { ChangeBatch, type Scheduler } from './batch';
import { createCallBook, dropExtension, mergeDialogs, type CallBook } from './callBook';
import { deriveLamp } from './lamp';
import { userKey } from './uri';

export type WatchLog = (level: 'debug' | 'warn' | 'error', msg: string) => void;

export interface WatchEngineOptions {
  events: BackendEvents;
  now(): number;
  log?: WatchLog | undefined;
  /** How a flush is deferred; default a 0-ms timer. */
  schedule?: Scheduler;
}

export interface DialogNotifyResult {
  /** A partial document did not follow the last version: re-subscribe for a full one. */
  versionGap: boolean;
  /** Resource lists with full state: the user parts of every list member. */
  listMembers?: ReadonlySet<string>;
}

export interface SubscriptionFailureInfo {
  statusCode?: number | undefined;
  reason: string;
  /** Refused for good (4xx/6xx, noresource, rejected), not a transient error being retried. */
  permanent: boolean;
}

interface WatchedExtension {
  dialog: DialogLamp | undefined;
  dialogFailed: boolean;
  online: boolean | undefined;
  /** Lamp last handed to the core. */
  emitted: ExtensionState | undefined;
  /** One SUBSCRIPTION_FAILED per failure streak, not one per retry. */
  failureReported: boolean;
  client: string | undefined;
}

const NO_GAP: DialogNotifyResult = { versionGap: false };

export class WatchEngine {
  readonly events: BackendEvents;
  readonly #now: () => number;
  readonly #log: WatchLog;
  readonly #batch: ChangeBatch;
  #book: CallBook = createCallBook();
  readonly #trackers = new Map<string, DialogInfoTracker>();
  readonly #exts = new Map<string, WatchedExtension>();
  readonly #byUser = new Map<string, string>();

  constructor(options: WatchEngineOptions) {
    this.events = options.events;
    this.#now = options.now;
    this.#log = options.log ?? (() => {});
    this.#batch = new ChangeBatch(options.events, options.schedule);
  }

  get targets(): string[] {
    return [...this.#exts.keys()];
  }

  /** The lamp last handed to the core (tests, debugging). */
  lamp(ext: string): ExtensionState | undefined {
    return this.#exts.get(ext)?.emitted;
  }

  /** Replaces the watched set. Removed extensions show `unknown`; calls only they saw close. */
  setTargets(ids: readonly string[]): { added: string[]; removed: string[] } {
    const next = new Set(ids.map((id) => id.trim()).filter((id) => id !== ''));
    const added: string[] = [];
    const removed: string[] = [];
    for (const ext of this.#exts.keys()) if (!next.has(ext)) removed.push(ext);
    for (const ext of removed) {
      const rec = this.#exts.get(ext);
      this.#batch.sessions(dropExtension(this.#book, ext, this.#now()));
      if (rec?.emitted !== undefined && rec.emitted !== 'unknown') this.#batch.lamp(ext, 'unknown');
      this.#exts.delete(ext);
      this.#byUser.delete(userKey(ext));
    }
    for (const ext of next) {
      if (this.#exts.has(ext)) continue;
      added.push(ext);
      this.#exts.set(ext, {
        dialog: undefined,
        dialogFailed: false,
        online: undefined,
        emitted: undefined,
        failureReported: false,
        client: undefined,
      });
      this.#byUser.set(userKey(ext), ext);
    }
    return { added, removed };
  }

  /** A (re)subscription is about to deliver its first NOTIFY: its versions start over. */
  sourceStarted(source: string): void {
    this.#trackers.set(source, new DialogInfoTracker());
  }

  forgetSource(source: string): void {
    this.#trackers.delete(source);
  }

  /**
   * An `Event: dialog` NOTIFY body: dialog-info of `ext`, or (ext null) a resource-list
   * multipart. A malformed body reports one PARSE_ERROR and changes nothing.
   */
  dialogNotify(
    source: string,
    ext: string | null,
    contentType: string | undefined,
    body: string,
  ): DialogNotifyResult {
    if (body.trim() === '') return NO_GAP; // no state to report (allowed by RFC 6665)
    const type = contentType === undefined ? '' : parseContentType(contentType).mediaType;
    if (type.startsWith('multipart/')) return this.#resourceList(source, contentType ?? '', body);
    let doc: DialogInfoDoc;
    try {
      if (type !== '' && type !== 'application/dialog-info+xml')
        throw new BodyParseError('dialog', `unsupported content type "${type}"`);
      doc = parseDialogInfo(body);
    } catch (e) {
      this.#parseError(e, `dialog-info NOTIFY${ext ? ` for ${ext}` : ''}`, ext);
      return NO_GAP;
    }
    const target = ext ?? this.#byUser.get(doc.entityUser.toLowerCase()) ?? null;
    if (target === null) return NO_GAP;
    return { versionGap: this.#applyDialogInfo(source, target, doc) };
  }

  /** An `Event: presence` NOTIFY body (PIDF; empty = no presentity, i.e. not registered). */
  presenceNotify(ext: string, contentType: string | undefined, body: string): void {
    let online: boolean;
    const extra: Record<string, unknown> = {};
    try {
      const doc = parsePresenceBody(contentType, body);
      online = doc?.online ?? false;
      // A tuple's <note> (what most phones PUBLISH) when there is no presence-level one.
      const note = doc?.note ?? doc?.tuples.find((t) => t.note !== undefined)?.note;
      if (note !== undefined) extra['note'] = note;
      if (doc?.activities !== undefined) extra['activities'] = doc.activities;
    } catch (e) {
      this.#parseError(e, `presence NOTIFY for ${ext}`, ext);
      return;
    }
    const rec = this.#exts.get(ext);
    if (!rec) return;
    rec.online = online;
    this.#updateLamp(ext, rec);
    const status = online ? 'ONLINE' : 'OFFLINE';
    const key = JSON.stringify([status, extra]);
    if (key === rec.client) return;
    rec.client = key;
    this.#batch.client({ ...extra, phoneNumber: ext, status });
  }

  /** The dialog subscription of `ext` failed: its lamp becomes `unknown`, one error is reported. */
  dialogFailed(ext: string, f: SubscriptionFailureInfo): void {
    const rec = this.#exts.get(ext);
    if (!rec) return;
    rec.dialogFailed = true;
    rec.dialog = undefined;
    this.#updateLamp(ext, rec);
    // Refused for good: whatever was observed through it can no longer be followed.
    if (f.permanent) this.#batch.sessions(dropExtension(this.#book, ext, this.#now()));
    if (rec.failureReported) return;
    rec.failureReported = true;
    const code = f.statusCode !== undefined ? ` (SIP ${f.statusCode})` : '';
    this.events.error(
      new OzError('SUBSCRIPTION_FAILED', `Cannot watch extension ${ext}: ${f.reason}${code}`, {
        extensionId: ext,
        ...(f.statusCode !== undefined ? { statusCode: f.statusCode } : {}),
      }),
    );
  }

  /** No presence for `ext` (refused, or the server has none): the lamp goes by dialogs only. */
  presenceUnavailable(ext: string): void {
    const rec = this.#exts.get(ext);
    if (!rec || rec.online === undefined) return;
    rec.online = undefined;
    this.#updateLamp(ext, rec);
  }

  /** The resource-list subscription itself failed (the watcher falls back to one per extension). */
  listFailed(uri: string, f: SubscriptionFailureInfo): void {
    const code = f.statusCode !== undefined ? ` (SIP ${f.statusCode})` : '';
    this.events.error(
      new OzError(
        'SUBSCRIPTION_FAILED',
        `Cannot subscribe to resource list ${uri}: ${f.reason}${code}`,
        {
          ...(f.statusCode !== undefined ? { statusCode: f.statusCode } : {}),
        },
      ),
    );
  }

  /** Hands pending changes to the core now instead of at the end of this turn. */
  flush(): void {
    this.#batch.flush();
  }

  /** Forgets everything (detach); pending changes are dropped. */
  clear(): void {
    this.#batch.clear();
    this.#book = createCallBook();
    this.#trackers.clear();
    this.#exts.clear();
    this.#byUser.clear();
  }

  /**
   * `fullAlwaysNew`: resource-list parts. Kamailio's RLS re-creates its back-end subscriptions
   * when the list subscription is refreshed, so a member's versions start over inside the same
   * list dialog (with the same RLMI instance id); a full document there is always current.
   */
  #applyDialogInfo(
    source: string,
    ext: string,
    doc: DialogInfoDoc,
    fullAlwaysNew = false,
  ): boolean {
    const rec = this.#exts.get(ext);
    if (!rec) return false;
    let tracker = this.#trackers.get(source);
    if (!tracker) {
      tracker = new DialogInfoTracker();
      this.#trackers.set(source, tracker);
    }
    if (fullAlwaysNew && doc.state === 'full') tracker.reset(doc.entity);
    const res = tracker.apply(doc);
    if (!res.accepted) return false; // stale or duplicate version
    this.#batch.sessions(mergeDialogs(this.#book, ext, res.dialogs, this.#now()));
    rec.dialog = reduceDialogs(res.dialogs);
    rec.dialogFailed = false;
    rec.failureReported = false;
    this.#updateLamp(ext, rec);
    return res.versionGap;
  }

  #resourceList(source: string, contentType: string, body: string): DialogNotifyResult {
    let rl: ResourceListNotify;
    try {
      rl = parseResourceListNotify(contentType, body);
    } catch (e) {
      if (!(e instanceof BodyParseError) || !this.#salvageParts(source, contentType, body, e))
        this.#parseError(e, 'resource-list NOTIFY', null);
      return NO_GAP;
    }
    let versionGap = false;
    const bad: BodyParseError[] = [];
    for (const part of rl.parts) {
      const ext = this.#byUser.get(part.resourceUser.toLowerCase());
      if (part.error) bad.push(part.error);
      else if (ext !== undefined && part.dialogInfo)
        versionGap = this.#applyDialogInfo(source, ext, part.dialogInfo, true) || versionGap;
    }
    for (const res of rl.list.resources) {
      const ext = this.#byUser.get(res.user.toLowerCase());
      const refused = res.instances.find(
        (i) => i.state === 'terminated' && (i.reason === 'rejected' || i.reason === 'noresource'),
      );
      if (ext !== undefined && refused)
        this.dialogFailed(ext, { reason: `list member ${refused.reason}`, permanent: true });
    }
    if (bad.length > 0) {
      const first = bad[0] as BodyParseError;
      const more = bad.length > 1 ? ` (and ${bad.length - 1} more parts)` : '';
      this.#parseError(first, `resource-list NOTIFY part${more}`, null);
    }
    if (!rl.list.fullState) return { versionGap };
    return { versionGap, listMembers: new Set(rl.list.resources.map((r) => r.user.toLowerCase())) };
  }

  /**
   * An RLMI document that fails to parse (the parser already reads a missing instance state,
   * which Kamailio 5.6 sends under load, as pending) would lose every member. When every
   * dialog-info part of that NOTIFY still parses, apply them (matched by entity) rather than
   * lose real state; returns false when the body is unusable after all.
   */
  #salvageParts(source: string, contentType: string, body: string, cause: BodyParseError): boolean {
    let docs: [string, DialogInfoDoc][];
    try {
      docs = parseMultipart(contentType, body)
        .filter((p) => p.contentType === 'application/dialog-info+xml')
        .map((p): [string | undefined, DialogInfoDoc] => {
          const doc = parseDialogInfo(p.body);
          return [this.#byUser.get(doc.entityUser.toLowerCase()), doc];
        })
        .filter((d): d is [string, DialogInfoDoc] => d[0] !== undefined);
    } catch (e) {
      if (e instanceof BodyParseError) return false;
      throw e;
    }
    if (docs.length === 0) return false;
    this.#log('warn', `resource-list NOTIFY: ${cause.message}; applied its dialog-info parts`);
    for (const [ext, doc] of docs) this.#applyDialogInfo(source, ext, doc, true);
    return true;
  }

  #updateLamp(ext: string, rec: WatchedExtension): void {
    const lamp = deriveLamp(rec);
    if (lamp === undefined || lamp === rec.emitted) return;
    rec.emitted = lamp;
    this.#batch.lamp(ext, lamp);
  }

  #parseError(e: unknown, what: string, ext: string | null): void {
    if (!(e instanceof BodyParseError)) throw e; // a bug, not bad input
    this.#log('warn', `malformed ${what}: ${e.message}`);
    this.events.error(
      new OzError('PARSE_ERROR', `Malformed ${what}: ${e.message}`, {
        path: e.path,
        cause: e,
        ...(ext !== null ? { extensionId: ext } : {}),
      }),
    );
  }
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExtensionState } from './enums';
import type { OzError } from './errors';
import type {
  CallRecord,
  ClientInfo,
  ConnectionRecord,
  Extension,
  HistoryRecord,
  MessageRecord,
  SessionRecord,
  User,
} from './types';

/** The whole model: normalized records keyed by id, plus a few scalars. */
export interface OzState {
  readonly connection: ConnectionRecord;
  readonly users: Readonly<Record<string, User>>;
  readonly extensions: Readonly<Record<string, Extension>>;
  readonly outsideLines: Readonly<Record<string, Extension>>;
  /** BLF lamps, a map of their own so a lamp change leaves the extension record untouched. */
  readonly extensionStates: Readonly<Record<string, ExtensionState>>;
  /** Active observed sessions. */
  readonly sessions: Readonly<Record<string, SessionRecord>>;
  /** Own calls that are alive; an ended call leaves this map (see lastEndedCall). */
  readonly calls: Readonly<Record<string, CallRecord>>;
  /** The call the UI follows by default: the newest live one. */
  readonly currentCallId: string | null;
  /** The last call that ended, so a UI can show "Busy" after the record left `calls`. */
  readonly lastEndedCall: CallRecord | null;
  /** Messages by call id; out-of-dialog messages under `party:<number>`. */
  readonly messages: Readonly<Record<string, readonly MessageRecord[]>>;
  readonly history: Readonly<Record<string, HistoryRecord>>;
  /** The onClientStateChanged roster, by phone number. */
  readonly clients: Readonly<Record<string, ClientInfo>>;
  /** The newest errors, oldest first, bounded. */
  readonly errors: readonly OzError[];
  /** Bumped whenever the directory is (re)loaded. */
  readonly directoryVersion: number;
}

export type OzStore = StoreApi<OzState>;

export const MAX_ERRORS = 50;

export const initialConnection: ConnectionRecord = Object.freeze({
  state: null,
  phase: 'idle',
  registered: false,
  server: null,
  user: null,
  attempt: 0,
  nextAttemptAt: null,
  lastError: null,
});

export function initialState(): OzState {
  return {
    connection: initialConnection,
    users: {},
    extensions: {},
    outsideLines: {},
    extensionStates: {},
    sessions: {},
    calls: {},
    currentCallId: null,
    lastEndedCall: null,
    messages: {},
    history: {},
    clients: {},
    errors: [],
    directoryVersion: 0,
  };
}

export function createOzStore(): OzStore {
  return createStore<OzState>()(() => initialState());
}

/**
 * Writes to the store. Inside `batch()` every change goes to one draft that is committed with a
 * single setState, so a NOTIFY burst or a directory load is one store update (one React commit).
 */
export class StoreWriter {
  #draft: Partial<OzState> | null = null;
  #depth = 0;
  /** Maps this batch copied already: later changes in the same batch edit that copy in place. */
  readonly #copied = new Set<MapKey>();

  constructor(readonly store: OzStore) {}

  get state(): OzState {
    const s = this.store.getState();
    return this.#draft ? { ...s, ...this.#draft } : s;
  }

  set(patch: Partial<OzState>): void {
    for (const k of Object.keys(patch)) this.#copied.delete(k as MapKey);
    if (this.#draft) Object.assign(this.#draft, patch);
    else this.store.setState(patch);
  }

  batch<T>(fn: () => T): T {
    if (this.#depth === 0) this.#draft = {};
    this.#depth++;
    try {
      return fn();
    } finally {
      this.#depth--;
      if (this.#depth === 0) {
        const patch = this.#draft;
        this.#draft = null;
        this.#copied.clear();
        if (patch && Object.keys(patch).length > 0) this.store.setState(patch);
      }
    }
  }

  /** Replaces or removes records of one map; unchanged records keep their identity. */
  updateMap<K extends MapKey>(
    key: K,
    changes: Readonly<Record<string, MapValue<K> | undefined>>,
  ): void {
    const current = this.state[key] as Readonly<Record<string, MapValue<K>>>;
    // A copy made earlier in this batch is not visible to anyone yet: no need to copy it again
    // (a burst of n updates would otherwise copy the map n times).
    let next: Record<string, MapValue<K>> | null = this.#copied.has(key)
      ? (current as Record<string, MapValue<K>>)
      : null;
    for (const id of Object.keys(changes)) {
      const value = changes[id];
      if (value === undefined) {
        if (!(id in current) && !(next && id in next)) continue;
        next ??= { ...current };
        delete next[id];
      } else if ((next ?? current)[id] !== value) {
        next ??= { ...current };
        next[id] = value;
      }
    }
    if (next && next !== current) {
      this.set({ [key]: next } as Partial<OzState>);
      if (this.#draft) this.#copied.add(key);
    }
  }

  replaceMap<K extends MapKey>(key: K, value: Record<string, MapValue<K>>): void {
    this.set({ [key]: value } as Partial<OzState>);
  }

  pushError(err: OzError): void {
    const errors = this.state.errors;
    const next =
      errors.length >= MAX_ERRORS ? errors.slice(errors.length - MAX_ERRORS + 1) : errors.slice();
    next.push(err);
    this.set({ errors: next });
  }
}

type MapKey =
  | 'users'
  | 'extensions'
  | 'outsideLines'
  | 'extensionStates'
  | 'sessions'
  | 'calls'
  | 'messages'
  | 'history'
  | 'clients';
type MapValue<K extends MapKey> = OzState[K][string];

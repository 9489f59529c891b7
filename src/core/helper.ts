import { toSessionState } from './enums';
import { OzError } from './errors';
import { filterHistory } from './historyFilter';
import { memoByIdentity, pickBy } from './memo';
import type { OzState, OzStore } from './store';
import type { CallHistoryFilter, Extension, HistoryRecord, SessionRecord, User } from './types';

// Ozeki's 13 look-ups as pure functions of store state. The hooks call these directly; the
// Helper class binds them to one client's store. Collections are id-keyed objects (Ozeki iterates
// them with for…in); a missing record is null.

const requireId = (method: string, value: unknown): string => {
  if (typeof value !== 'string' || value === '') {
    throw new OzError('INVALID_ARGUMENT', `${method} needs a non-empty string argument`);
  }
  return value;
};

export const getExtensionById = (s: OzState, id: string): Extension | null =>
  s.extensions[id] ?? null;
export const getExtensions = (s: OzState): Readonly<Record<string, Extension>> => s.extensions;

const byType = memoByIdentity((map: Readonly<Record<string, Extension>>, type: string) =>
  pickBy(map, (e) => e.type.toLowerCase() === type.toLowerCase()),
);
export const getExtensionsByType = (
  s: OzState,
  type: string,
): Readonly<Record<string, Extension>> => byType(s.extensions, type);

export const getOutsideLineById = (s: OzState, id: string): Extension | null =>
  s.outsideLines[id] ?? null;
export const getOutsideLines = (s: OzState): Readonly<Record<string, Extension>> => s.outsideLines;
export const getOutsideLinesByType = (
  s: OzState,
  type: string,
): Readonly<Record<string, Extension>> => byType(s.outsideLines, type);

const involves = (r: SessionRecord, ext: string): boolean =>
  r.caller === ext || r.callee === ext || r.source === ext || r.destination === ext;

const sessionsOfExtension = memoByIdentity(
  (sessions: Readonly<Record<string, SessionRecord>>, ext: string) =>
    pickBy(sessions, (r) => involves(r, ext)),
);
export const getActiveCallsOfExtension = (
  s: OzState,
  extensionId: string,
): Readonly<Record<string, SessionRecord>> => sessionsOfExtension(s.sessions, extensionId);

export const getActiveCallsOfUser = (
  s: OzState,
  userId: string,
): Readonly<Record<string, SessionRecord>> => {
  const user = s.users[userId];
  if (!user) return EMPTY;
  if (user.devices.length === 1) return getActiveCallsOfExtension(s, user.devices[0] as string);
  return pickBy(s.sessions, (r) => user.devices.some((d) => involves(r, d)));
};

export const getActiveSessionById = (s: OzState, sessionId: string): SessionRecord | null =>
  s.sessions[sessionId] ?? null;

const sessionsByState = memoByIdentity(
  (sessions: Readonly<Record<string, SessionRecord>>, state: string) =>
    pickBy(sessions, (r) => r.sessionState === state),
);
/** Accepts the coarse states, the 19 PBX states and CallState names, in any letter case. */
export const getActiveSessionsBySessionState = (
  s: OzState,
  sessionState: string,
): Readonly<Record<string, SessionRecord>> => {
  const coarse = toSessionState(sessionState);
  return coarse ? sessionsByState(s.sessions, coarse) : EMPTY;
};

export const getCallHistoryOfExtension = (
  s: OzState,
  extensionId: string,
  properties: CallHistoryFilter = {},
): HistoryRecord[] =>
  filterHistory(Object.values(s.history), { ...properties, extension: extensionId });

const userOfExtension = memoByIdentity((users: Readonly<Record<string, User>>, ext: string) => {
  for (const id of Object.keys(users))
    if (users[id]?.devices.includes(ext)) return users[id] ?? null;
  return null;
});
export const getUserByExtension = (s: OzState, extensionId: string): User | null =>
  userOfExtension(s.users, extensionId);
export const getUserById = (s: OzState, userId: string): User | null => s.users[userId] ?? null;

const EMPTY: Readonly<Record<string, never>> = Object.freeze({});

/** Wraps a session record into the live Ozeki Session object of its client. */
export type SessionResolver<S> = (record: SessionRecord) => S;

const wrapAll = <S>(map: Readonly<Record<string, SessionRecord>>, wrap: SessionResolver<S>) => {
  const out: Record<string, S> = {};
  for (const id of Object.keys(map)) out[id] = wrap(map[id] as SessionRecord);
  return out;
};

/** Ozeki's `OzWebClient.helper`: the pure look-ups bound to one client's store. */
export class Helper<S = SessionRecord> {
  readonly #store: OzStore;
  readonly #wrap: SessionResolver<S>;

  constructor(store: OzStore, wrap: SessionResolver<S>) {
    this.#store = store;
    this.#wrap = wrap;
  }

  get #s(): OzState {
    return this.#store.getState();
  }

  getExtensionById(id: string): Extension | null {
    return getExtensionById(this.#s, requireId('getExtensionById', id));
  }
  getExtensions(): Readonly<Record<string, Extension>> {
    return getExtensions(this.#s);
  }
  getExtensionsByType(extensionType: string): Readonly<Record<string, Extension>> {
    return getExtensionsByType(this.#s, requireId('getExtensionsByType', extensionType));
  }
  getOutsideLineById(id: string): Extension | null {
    return getOutsideLineById(this.#s, requireId('getOutsideLineById', id));
  }
  getOutsideLines(): Readonly<Record<string, Extension>> {
    return getOutsideLines(this.#s);
  }
  getOutsideLinesByType(outsideLineType: string): Readonly<Record<string, Extension>> {
    return getOutsideLinesByType(this.#s, requireId('getOutsideLinesByType', outsideLineType));
  }
  getActiveCallsOfExtension(extensionId: string): Record<string, S> {
    const id = requireId('getActiveCallsOfExtension', extensionId);
    return wrapAll(getActiveCallsOfExtension(this.#s, id), this.#wrap);
  }
  getActiveCallsOfUser(userId: string): Record<string, S> {
    return wrapAll(
      getActiveCallsOfUser(this.#s, requireId('getActiveCallsOfUser', userId)),
      this.#wrap,
    );
  }
  getActiveSessionById(sessionId: string): S | null {
    const r = getActiveSessionById(this.#s, requireId('getActiveSessionById', sessionId));
    return r ? this.#wrap(r) : null;
  }
  getActiveSessionsBySessionState(sessionState: string): Record<string, S> {
    const st = requireId('getActiveSessionsBySessionState', sessionState);
    return wrapAll(getActiveSessionsBySessionState(this.#s, st), this.#wrap);
  }
  getCallHistoryOfExtension(extensionId: string, properties?: CallHistoryFilter): HistoryRecord[] {
    const id = requireId('getCallHistoryOfExtension', extensionId);
    return getCallHistoryOfExtension(this.#s, id, properties);
  }
  getUserByExtension(extensionId: string): User | null {
    return getUserByExtension(this.#s, requireId('getUserByExtension', extensionId));
  }
  getUserById(userId: string): User | null {
    return getUserById(this.#s, requireId('getUserById', userId));
  }
}

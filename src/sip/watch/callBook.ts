/**
 * Observed calls across all watched extensions, merged by SIP Call-ID: the caller's initiator
 * dialog and the callee's recipient dialog of one call become one session. No SIP, no timers:
 * `mergeDialogs` turns one extension's current dialogs into session upserts and closes.
 */
import type { PbxSessionState } from '../../core/enums';
import type { SessionUpsert } from '../../core/ports';
import type { DialogInfoDialog } from '../parse';
import { endState, sameUpsert, sessionFields, type Leg } from './sessionFields';

export interface ObservedCall {
  readonly key: string;
  readonly sessionId: string;
  readonly callId: string | undefined;
  readonly startedAt: number;
  /** Confirmed on some leg at some point: decides between hung-up and unanswered outcomes. */
  answered: boolean;
  /** By `ext \n dialog id`. */
  readonly legs: Map<string, Leg>;
  /** The last upsert handed out (Kamailio re-publishes `confirmed` on every in-dialog request). */
  last: SessionUpsert | undefined;
}

export interface CallBook {
  readonly calls: Map<string, ObservedCall>;
  /** Call keys per extension, to find legs that vanished from a full document. */
  readonly byExt: Map<string, Set<string>>;
  /**
   * Closed call keys → when they closed (insertion order = age). Dialogs of these are ignored:
   * Kamailio keeps terminated dialogs in full documents for ~300 s, and the other party's
   * late `confirmed` must not bring a closed session back.
   */
  readonly closed: Map<string, number>;
  readonly tombstoneMs: number;
  readonly maxTombstones: number;
}

export interface SessionChanges {
  upsert: SessionUpsert[];
  close: { sessionId: string; pbxState: PbxSessionState }[];
}

export function createCallBook(
  options: { tombstoneMs?: number; maxTombstones?: number } = {},
): CallBook {
  return {
    calls: new Map(),
    byExt: new Map(),
    closed: new Map(),
    // Longer than Kamailio's override_lifetime (300 s) so lingering dialogs are always covered.
    tombstoneMs: options.tombstoneMs ?? 15 * 60_000,
    maxTombstones: options.maxTombstones ?? 50_000,
  };
}

/** Dialogs without a Call-ID cannot be matched across extensions: they stay per extension. */
const callKey = (ext: string, d: DialogInfoDialog): string => d.callId ?? `${ext}\n${d.id}`;

/**
 * Applies the current dialog set of one extension (as DialogInfoTracker returns it: live
 * dialogs plus the ones that terminated in this document) to the book. Legs of this
 * extension that are missing from the set have ended.
 */
export function mergeDialogs(
  book: CallBook,
  ext: string,
  dialogs: readonly DialogInfoDialog[],
  now: number,
): SessionChanges {
  const out: SessionChanges = { upsert: [], close: [] };
  const touched = new Set<ObservedCall>();
  const seenLegs = new Set<string>();
  for (const d of dialogs) {
    const key = callKey(ext, d);
    if (book.closed.has(key)) continue;
    let call = book.calls.get(key);
    if (!call) {
      if (d.state === 'terminated') continue; // never seen alive: nothing to report
      call = {
        key,
        sessionId: d.callId ?? `${ext}:${d.id}`,
        callId: d.callId,
        startedAt: now,
        answered: false,
        legs: new Map(),
        last: undefined,
      };
      book.calls.set(key, call);
    }
    const legKey = `${ext}\n${d.id}`;
    seenLegs.add(legKey);
    call.legs.set(legKey, { ext, dialog: d, ended: d.state === 'terminated' });
    if (d.state === 'confirmed') call.answered = true;
    index(book, ext).add(key);
    touched.add(call);
  }
  for (const key of book.byExt.get(ext) ?? []) {
    const call = book.calls.get(key);
    if (!call) continue;
    for (const [legKey, leg] of call.legs) {
      if (leg.ext === ext && !leg.ended && !seenLegs.has(legKey)) {
        leg.ended = true;
        touched.add(call);
      }
    }
  }
  for (const call of touched) evaluate(book, call, now, out);
  return out;
}

/**
 * Forgets an extension that is no longer watched. Calls only it was observing can no longer be
 * followed and close as ABORTED; calls still observed through another extension go on.
 */
export function dropExtension(book: CallBook, ext: string, now: number): SessionChanges {
  const out: SessionChanges = { upsert: [], close: [] };
  for (const key of book.byExt.get(ext) ?? []) {
    const call = book.calls.get(key);
    if (!call) continue;
    for (const [legKey, leg] of call.legs) if (leg.ext === ext) call.legs.delete(legKey);
    if (call.legs.size === 0) close(book, call, 'ABORTED', now, out);
    else evaluate(book, call, now, out);
  }
  book.byExt.delete(ext);
  return out;
}

function index(book: CallBook, ext: string): Set<string> {
  let keys = book.byExt.get(ext);
  if (!keys) {
    keys = new Set();
    book.byExt.set(ext, keys);
  }
  return keys;
}

function evaluate(book: CallBook, call: ObservedCall, now: number, out: SessionChanges): void {
  const legs = [...call.legs.values()];
  const anyLive = legs.some((l) => !l.ended);
  // The caller's dialog gone means the whole call is gone; a callee branch ending (forking,
  // a ring group member declining) does not end a call that still rings or talks elsewhere.
  const callerEnded = legs.some((l) => l.ended && l.dialog.direction === 'initiator');
  if (anyLive && !callerEnded) {
    const u = sessionFields(call.sessionId, call.startedAt, legs, call.callId);
    if (sameUpsert(call.last, u)) return;
    call.last = u;
    out.upsert.push(u);
    return;
  }
  close(book, call, endState(legs, call.answered), now, out);
}

function close(
  book: CallBook,
  call: ObservedCall,
  pbxState: PbxSessionState,
  now: number,
  out: SessionChanges,
): void {
  if (!call.last && call.legs.size > 0) {
    // Closing a session the store never saw would be a no-op there: create it first.
    call.last = sessionFields(call.sessionId, call.startedAt, [...call.legs.values()], call.callId);
    out.upsert.push(call.last);
  }
  if (call.last) out.close.push({ sessionId: call.sessionId, pbxState });
  book.calls.delete(call.key);
  for (const leg of call.legs.values()) book.byExt.get(leg.ext)?.delete(call.key);
  book.closed.set(call.key, now);
  pruneTombstones(book, now);
}

function pruneTombstones(book: CallBook, now: number): void {
  for (const [key, at] of book.closed) {
    if (book.closed.size <= book.maxTombstones && now - at < book.tombstoneMs) break;
    book.closed.delete(key);
  }
}

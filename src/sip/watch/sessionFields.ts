/**
 * Session record fields from the observed legs of one call (pure). A leg is one watched
 * extension's dialog: the caller's is `initiator`, the callee's `recipient`.
 */
import type { PbxSessionState } from '../../core/enums';
import type { SessionUpsert } from '../../core/ports';
import type { DialogInfoDialog } from '../parse';

export interface Leg {
  /** The watched extension whose dialog-info this dialog came from. */
  readonly ext: string;
  /** Latest version of the dialog (the tracker keeps tags from earlier documents). */
  dialog: DialogInfoDialog;
  /** Terminated, or vanished from a full document. */
  ended: boolean;
}

/** Direction absent (allowed by RFC 4235): a BLF watcher mostly sees the callee side. */
const isInitiator = (l: Leg): boolean => l.dialog.direction === 'initiator';

function pick(legs: readonly Leg[], initiator: boolean): Leg | undefined {
  let best: Leg | undefined;
  for (const l of legs) {
    if (isInitiator(l) !== initiator) continue;
    // Prefer a live leg, then one that was answered (forked calls: the branch that took it).
    if (!best || rank(l) > rank(best)) best = l;
  }
  return best;
}

const rank = (l: Leg): number => (l.ended ? 0 : 2) + (l.dialog.state === 'confirmed' ? 1 : 0);

/** The PBX state of a call that still has live legs. */
export function liveState(live: readonly Leg[]): PbxSessionState {
  let confirmed = false;
  let callerMuted = false; // +sip.rendering=no on the caller's side: the caller holds
  let calleeMuted = false;
  for (const l of live) {
    const d = l.dialog;
    if (d.state !== 'confirmed') continue;
    confirmed = true;
    const [own, other] = isInitiator(l) ? [d.localHeld, d.remoteHeld] : [d.remoteHeld, d.localHeld];
    if (own === true) callerMuted = true;
    if (other === true) calleeMuted = true;
  }
  if (!confirmed) return 'RINGING';
  if (callerMuted && calleeMuted) return 'ONHOLD';
  if (callerMuted) return 'CALLEEONHOLD';
  if (calleeMuted) return 'CALLERONHOLD';
  return 'INCALL';
}

const BUSY_CODES = new Set([486, 600]);
const NOT_FOUND_CODES = new Set([404, 410, 484, 604]);

function unansweredByCode(code: number | undefined): PbxSessionState | undefined {
  if (code === undefined) return undefined;
  if (BUSY_CODES.has(code)) return 'BUSY';
  if (NOT_FOUND_CODES.has(code)) return 'NOTFOUND';
  if (code === 487) return 'CANCELLED';
  return undefined;
}

/**
 * The final state of a call whose legs ended. RFC 4235's `event`/`code` say why when the server
 * sends them (Kamailio does not); otherwise an answered call ended as CALLERHUNGUP and an
 * unanswered one as NOTANSWERED, since a cancel and a reject look the same.
 */
export function endState(legs: readonly Leg[], answered: boolean): PbxSessionState {
  for (const l of legs) {
    if (!l.ended) continue;
    const ev = l.dialog.event?.toLowerCase();
    const code = l.dialog.code;
    if (answered) {
      if (ev === 'replaced') return 'TRANSFERCOMPLETED';
      if (ev === 'local-bye') return isInitiator(l) ? 'CALLERHUNGUP' : 'CALLEEHUNGUP';
      if (ev === 'remote-bye') return isInitiator(l) ? 'CALLEEHUNGUP' : 'CALLERHUNGUP';
      continue;
    }
    if (ev === 'cancelled') return 'CANCELLED';
    if (ev === 'replaced') return 'REDIRECTED';
    if (ev === 'error') return 'ERROR';
    if (ev === 'timeout') return 'NOTANSWERED';
    const byCode = unansweredByCode(code);
    if (byCode) return byCode;
    if (ev === 'rejected') return 'NOTANSWERED';
  }
  return answered ? 'CALLERHUNGUP' : 'NOTANSWERED';
}

/** The session record fields of a call, from whichever legs are known. */
export function sessionFields(
  sessionId: string,
  startedAt: number,
  legs: readonly Leg[],
  callId: string | undefined,
): SessionUpsert {
  const caller = pick(legs, true);
  const callee = pick(legs, false);
  const cd = caller?.dialog;
  const ed = callee?.dialog;
  const callerNumber = caller?.ext ?? ed?.remoteUser ?? '';
  const calleeNumber = callee?.ext ?? cd?.remoteUser ?? '';
  const live = legs.filter((l) => !l.ended);
  const callerTag = cd?.localTag ?? ed?.remoteTag;
  const calleeTag = ed?.localTag ?? cd?.remoteTag;
  return {
    sessionId,
    pbxState: liveState(live),
    startedAt,
    caller: callerNumber,
    callee: calleeNumber,
    callerDisplayName: cd?.localDisplay ?? ed?.remoteDisplay ?? '',
    calleeDisplayName: ed?.localDisplay ?? cd?.remoteDisplay ?? '',
    source: callerNumber,
    destination: calleeNumber,
    // The caller's remote identity is what it dialed; the callee may differ (pickup, forward).
    dialedNumber: cd?.remoteUser ?? calleeNumber,
    ...(callId !== undefined ? { sipCallId: callId } : {}),
    ...(callerTag !== undefined ? { callerTag } : {}),
    ...(calleeTag !== undefined ? { calleeTag } : {}),
  };
}

/** Same fields, same values: a re-published document that changes nothing is not an update. */
export function sameUpsert(a: SessionUpsert | undefined, b: SessionUpsert): boolean {
  if (!a) return false;
  const ka = Object.keys(a) as (keyof SessionUpsert)[];
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

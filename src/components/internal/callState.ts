import type { CallRecord } from '../../core/types';
import type { OzLabels } from '../labels';

/** The words for a call's state: "Calling…" before the PBX answers, then the CallState. */
export function callStateText(call: CallRecord | null, labels: OzLabels): string {
  if (!call) return labels.noCall;
  if (call.state === null) return labels.callStates.dialing;
  const text = labels.callStates[call.state];
  return call.state === 'HOLD' && call.remoteHold && !call.localHold
    ? `${text} (${labels.heldByOther})`
    : text;
}

/** Seconds talked: running while the call is up, frozen once it ended. */
export const talkSeconds = (call: CallRecord, now: number): number =>
  call.answeredAt === null ? 0 : ((call.endedAt ?? now) - call.answeredAt) / 1000;

/** What the call's state allows; every button is disabled when its action could not work. */
export function allowedActions(call: CallRecord | null) {
  const live = call !== null && call.endedAt === null && call.controllable;
  const up =
    live && (call.state === 'IN_CALL' || call.state === 'ANSWERED' || call.state === 'HOLD');
  const settled = up && call.pending === null;
  return {
    mute: up,
    hold: settled,
    keypad: up && call.state !== 'HOLD',
    transfer: settled,
    hangUp: live,
  };
}

import type { DialogInfoDialog } from './dialogInfo.js';

/** BLF lamp derived from the current dialogs of one monitored entity. */
export type DialogLamp = 'idle' | 'ringing' | 'busy' | 'onhold';

/**
 * Derives the BLF lamp from a dialog set.
 *
 * Priority: ringing > busy > onhold > idle.
 * - ringing: any trying/proceeding/early dialog that is not known to be outgoing
 *   (direction recipient or absent). It wins over a confirmed call because that is
 *   what BLF phones show for call waiting, and it is what a pickup key needs to know.
 * - busy: a confirmed dialog not on hold, or an outgoing (initiator) call being set up.
 * - onhold: only confirmed dialogs whose local side is not rendering media
 *   (`+sip.rendering=no`).
 * - idle: no dialogs, or only terminated ones.
 */
export function reduceDialogs(dialogs: readonly DialogInfoDialog[]): DialogLamp {
  let ringing = false;
  let busy = false;
  let held = false;
  for (const d of dialogs) {
    if (d.state === 'terminated') continue;
    if (d.state === 'confirmed') {
      if (d.localHeld === true) held = true;
      else busy = true;
    } else if (d.direction === 'initiator') busy = true;
    else ringing = true;
  }
  return ringing ? 'ringing' : busy ? 'busy' : held ? 'onhold' : 'idle';
}

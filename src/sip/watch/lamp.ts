import type { ExtensionState } from '../../core/enums';
import type { DialogLamp } from '../parse';

/** What is known about one watched extension; each source fills its own field. */
export interface LampInputs {
  /** From the extension's dialog-info; undefined until its first NOTIFY. */
  dialog?: DialogLamp | undefined;
  /** The dialog subscription was refused (403/404/...): nothing can be said about the lamp. */
  dialogFailed?: boolean;
  /** From presence (RFC 3856); undefined when the server offers none for this extension. */
  online?: boolean | undefined;
}

/**
 * The store lamp, or undefined while nothing is known yet (the store then has no entry).
 * A closed presence only shows as offline when the dialogs are idle: a phone that rings or talks
 * is not offline, whatever a stale PIDF says.
 */
export function deriveLamp(i: LampInputs): ExtensionState | undefined {
  if (i.dialogFailed) return 'unknown';
  if (i.dialog === undefined) return i.online === false ? 'offline' : undefined;
  if (i.dialog === 'idle' && i.online === false) return 'offline';
  return i.dialog;
}

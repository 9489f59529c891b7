/**
 * RFC 4235 dialog-info parser, tolerant of what real servers send
 * (Kamailio's `Trying`, whitespace inside `<state>`, missing tags/call-id).
 */
import { BodyParseError } from './errors.js';
import { childrenNamed, childText, firstChild, parseXml, type XmlElement } from './xml.js';
import { addrSpec, displayName, parseUint, uriUser } from './values.js';

export { reduceDialogs, type DialogLamp } from './dialogLamp.js';
export { DialogInfoTracker, type DialogInfoApplyResult } from './dialogInfoTracker.js';

export const DIALOG_STATES = ['trying', 'proceeding', 'early', 'confirmed', 'terminated'] as const;
export type DialogState = (typeof DIALOG_STATES)[number];

export interface DialogInfoDoc {
  /** AOR as given in the `entity` attribute. */
  entity: string;
  /** User part of the entity URI, e.g. `1002`. */
  entityUser: string;
  version: number;
  state: 'full' | 'partial';
  dialogs: DialogInfoDialog[];
}

export interface DialogInfoDialog {
  id: string;
  callId?: string;
  localTag?: string;
  remoteTag?: string;
  direction?: 'initiator' | 'recipient';
  state: DialogState;
  /** `event` attribute of `<state>` (why a dialog terminated: rejected, replaced, ...). */
  event?: string;
  /** `code` attribute of `<state>` (SIP response code). */
  code?: number;
  duration?: number;
  localIdentity?: string;
  localDisplay?: string;
  localTarget?: string;
  remoteIdentity?: string;
  remoteDisplay?: string;
  remoteTarget?: string;
  /** User part of the local identity (falls back to the local target when no identity is given). */
  localUser?: string;
  /** User part of the remote identity (falls back to the remote target when no identity is given). */
  remoteUser?: string;
  /** Local party not rendering media (`+sip.rendering=no`): it holds or is held. */
  localHeld?: boolean;
  remoteHeld?: boolean;
}

/** Parses an `application/dialog-info+xml` body. Throws {@link BodyParseError}. */
export function parseDialogInfo(body: string): DialogInfoDoc {
  const root = parseXml(body);
  const path = '/dialog-info';
  if (root.name !== 'dialog-info')
    throw new BodyParseError('/', `expected <dialog-info>, got <${root.name}>`);
  const entity = root.attrs['entity']?.trim();
  if (!entity) throw new BodyParseError(path, 'missing entity attribute');
  const version = parseUint(root.attrs['version']);
  if (version === undefined)
    throw new BodyParseError(path, `invalid version "${root.attrs['version'] ?? ''}"`);
  const state = root.attrs['state']?.trim().toLowerCase();
  if (state !== 'full' && state !== 'partial')
    throw new BodyParseError(path, `invalid state "${root.attrs['state'] ?? ''}"`);
  const dialogs = childrenNamed(root, 'dialog').map((d, k) =>
    parseDialog(d, `${path}/dialog[${k + 1}]`),
  );
  return { entity, entityUser: uriUser(entity), version, state, dialogs };
}

function parseDialog(el: XmlElement, path: string): DialogInfoDialog {
  const id = el.attrs['id']?.trim();
  if (!id) throw new BodyParseError(path, 'missing id attribute');
  const stateEl = firstChild(el, 'state');
  if (!stateEl) throw new BodyParseError(path, 'missing <state>');
  const stateText = stateEl.text.trim().toLowerCase();
  const state = DIALOG_STATES.find((s) => s === stateText);
  if (!state)
    throw new BodyParseError(`${path}/state`, `unknown dialog state "${stateEl.text.trim()}"`);

  const d: DialogInfoDialog = { id, state };
  const callId = el.attrs['call-id']?.trim();
  if (callId) d.callId = callId;
  const localTag = el.attrs['local-tag']?.trim();
  if (localTag) d.localTag = localTag;
  const remoteTag = el.attrs['remote-tag']?.trim();
  if (remoteTag) d.remoteTag = remoteTag;
  const direction = el.attrs['direction']?.trim().toLowerCase();
  if (direction === 'initiator' || direction === 'recipient') d.direction = direction; // unknown: omitted

  const event = stateEl.attrs['event']?.trim();
  if (event) d.event = event;
  const code = parseUint(stateEl.attrs['code']);
  if (code !== undefined) d.code = code;
  const duration = parseUint(childText(el, 'duration'));
  if (duration !== undefined) d.duration = duration;

  const local = participant(firstChild(el, 'local'));
  if (local.identity) d.localIdentity = local.identity;
  if (local.display) d.localDisplay = local.display;
  if (local.target) d.localTarget = local.target;
  if (local.user) d.localUser = local.user;
  if (local.held !== undefined) d.localHeld = local.held;
  const remote = participant(firstChild(el, 'remote'));
  if (remote.identity) d.remoteIdentity = remote.identity;
  if (remote.display) d.remoteDisplay = remote.display;
  if (remote.target) d.remoteTarget = remote.target;
  if (remote.user) d.remoteUser = remote.user;
  if (remote.held !== undefined) d.remoteHeld = remote.held;
  return d;
}

interface Participant {
  identity?: string | undefined;
  display?: string | undefined;
  target?: string | undefined;
  user?: string | undefined;
  held?: boolean | undefined;
}

const RENDERING_PARAM = /;\s*\+sip\.rendering\s*=\s*"?\s*(yes|no|unknown)/i;

/** `<local>` / `<remote>`: identity (+display), target URI and the +sip.rendering hold hint. */
function participant(el: XmlElement | undefined): Participant {
  if (!el) return {};
  const identityEl = firstChild(el, 'identity');
  const identity = identityEl?.text.trim() || undefined;
  const display =
    identityEl?.attrs['display']?.trim() || (identity ? displayName(identity) : undefined);
  const targetEl = firstChild(el, 'target');
  const target = targetEl?.attrs['uri']?.trim() || undefined;

  // Hold: RFC 4235 puts it as <target><param pname="+sip.rendering" pvalue="no"/>; some
  // servers append it to the target URI / contact instead.
  let rendering: string | undefined;
  for (const p of targetEl ? childrenNamed(targetEl, 'param') : []) {
    if (p.attrs['pname']?.trim().toLowerCase() === '+sip.rendering')
      rendering = p.attrs['pvalue']?.trim().replace(/^"|"$/g, '').toLowerCase();
  }
  if (rendering === undefined && target)
    rendering = RENDERING_PARAM.exec(target)?.[1]?.toLowerCase();
  const held = rendering === 'no' ? true : rendering === 'yes' ? false : undefined;

  // Identity is the AOR; the target is a contact (random for WebSocket UAs), so it is only a fallback.
  const user =
    (identity ? uriUser(addrSpec(identity)) : '') || (target ? uriUser(target) : '') || undefined;
  return { identity, display, target, user, held };
}

/**
 * RFC 4662 resource lists: the RLMI document and the multipart/related
 * NOTIFY body that carries it together with one part per list member.
 */
import { BodyParseError } from './errors.js';
import { parseDialogInfo, type DialogInfoDoc } from './dialogInfo.js';
import { parseMultipart, type MimePart } from './multipart.js';
import { childrenNamed, childText, parseXml, type XmlElement } from './xml.js';
import { parseUint, parseXsBoolean, unangle, uriUser } from './values.js';
import { parseContentType } from './contentType.js';

export type RlmiInstanceState = 'active' | 'pending' | 'terminated';

export interface RlmiInstance {
  id: string;
  state: RlmiInstanceState;
  /** Why a pending/terminated subscription is in that state (e.g. `rejected`, `noresource`). */
  reason?: string;
  /** Content-ID of the body part holding this instance's state, without `<>`. */
  cid?: string;
}

export interface RlmiResource {
  uri: string;
  /** User part of the resource URI, e.g. `1001`. */
  user: string;
  /** First `<name>` of the resource. */
  name?: string;
  instances: RlmiInstance[];
}

export interface Rlmi {
  uri: string;
  version: number;
  fullState: boolean;
  resources: RlmiResource[];
}

export interface ResourceListPart {
  resourceUser: string;
  resourceUri: string;
  instanceId: string;
  /** The member's parsed dialog-info, when its part is one and parsed. */
  dialogInfo?: DialogInfoDoc;
  /** Why this member's part could not be used; the other members are unaffected. */
  error?: BodyParseError;
}

export interface ResourceListNotify {
  list: Rlmi;
  parts: ResourceListPart[];
}

const INSTANCE_STATES: readonly RlmiInstanceState[] = ['active', 'pending', 'terminated'];

/** Parses an `application/rlmi+xml` document. Throws {@link BodyParseError}. */
export function parseRlmi(xml: string): Rlmi {
  const root = parseXml(xml);
  if (root.name !== 'list') throw new BodyParseError('/', `expected <list>, got <${root.name}>`);
  const path = '/list';
  const uri = root.attrs['uri']?.trim();
  if (!uri) throw new BodyParseError(path, 'missing uri attribute');
  const version = parseUint(root.attrs['version']);
  if (version === undefined)
    throw new BodyParseError(path, `invalid version "${root.attrs['version'] ?? ''}"`);
  const fullState = parseXsBoolean(root.attrs['fullState']);
  if (fullState === undefined)
    throw new BodyParseError(path, `invalid fullState "${root.attrs['fullState'] ?? ''}"`);
  const resources = childrenNamed(root, 'resource').map((r, k) =>
    parseResource(r, `${path}/resource[${k + 1}]`),
  );
  return { uri, version, fullState, resources };
}

function parseResource(el: XmlElement, path: string): RlmiResource {
  const uri = el.attrs['uri']?.trim();
  if (!uri) throw new BodyParseError(path, 'missing uri attribute');
  const res: RlmiResource = { uri, user: uriUser(uri), instances: [] };
  const name = childText(el, 'name');
  if (name !== undefined) res.name = name;
  childrenNamed(el, 'instance').forEach((inst, k) => {
    const ipath = `${path}/instance[${k + 1}]`;
    const id = inst.attrs['id']?.trim();
    if (!id) throw new BodyParseError(ipath, 'missing id attribute');
    const stateText = inst.attrs['state']?.trim().toLowerCase();
    // Kamailio 5.6 under load sometimes omits the state: read it as pending (RFC 4662 §5.2's
    // safe default) rather than refusing the whole list.
    const state = stateText ? INSTANCE_STATES.find((s) => s === stateText) : 'pending';
    if (!state)
      throw new BodyParseError(ipath, `unknown instance state "${inst.attrs['state'] ?? ''}"`);
    const i: RlmiInstance = { id, state };
    const reason = inst.attrs['reason']?.trim();
    if (reason) i.reason = reason;
    const cid = inst.attrs['cid'] !== undefined ? unangle(inst.attrs['cid']) : '';
    if (cid) i.cid = cid;
    res.instances.push(i);
  });
  return res;
}

/**
 * Parses a whole RLS NOTIFY body (`multipart/related; type="application/rlmi+xml"; start=...`).
 * The RLMI root (the `start` part, else the first) must parse or this throws; each member's
 * part is then joined by Content-ID and parsed on its own, so one bad part only sets its `error`.
 * Instances without a cid (pending/terminated) produce no part entry. Nested lists are not parsed.
 */
export function parseResourceListNotify(contentType: string, body: string): ResourceListNotify {
  const parts = parseMultipart(contentType, body);
  const start = parseContentType(contentType).params['start'];
  const startCid = start !== undefined ? unangle(start).toLowerCase() : '';
  const rootPart =
    (startCid && parts.find((p) => p.contentId?.toLowerCase() === startCid)) || parts[0];
  if (!rootPart || rootPart.contentType !== 'application/rlmi+xml')
    throw new BodyParseError(
      'multipart',
      `root part is "${rootPart?.contentType ?? ''}", not application/rlmi+xml`,
    );
  const list = parseRlmi(rootPart.body);

  // Content-IDs compared case-insensitively: servers are not consistent about case.
  const byCid = new Map<string, MimePart>();
  for (const p of parts) if (p !== rootPart && p.contentId) byCid.set(p.contentId.toLowerCase(), p);

  const out: ResourceListPart[] = [];
  for (const res of list.resources) {
    for (const inst of res.instances) {
      if (!inst.cid) continue;
      const entry: ResourceListPart = {
        resourceUser: res.user,
        resourceUri: res.uri,
        instanceId: inst.id,
      };
      const part = byCid.get(inst.cid.toLowerCase());
      const path = `cid:${inst.cid}`;
      if (!part) entry.error = new BodyParseError(path, 'no body part with this Content-ID');
      else if (part.contentType !== 'application/dialog-info+xml')
        entry.error = new BodyParseError(path, `unsupported part type "${part.contentType}"`);
      else {
        try {
          entry.dialogInfo = parseDialogInfo(part.body);
        } catch (e) {
          if (!(e instanceof BodyParseError)) throw e; // a bug, not bad input: let it surface
          entry.error = new BodyParseError(`${path}${e.path}`, e.reason);
        }
      }
      out.push(entry);
    }
  }
  return { list, parts: out };
}

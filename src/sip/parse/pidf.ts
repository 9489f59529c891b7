/**
 * RFC 3863 PIDF presence documents with the basics of RPID (RFC 4480):
 * person-level activities and notes.
 */
import { BodyParseError } from './errors.js';
import { mediaTypeOf } from './contentType.js';
import { childrenNamed, childText, firstChild, parseXml, type XmlElement } from './xml.js';
import { uriUser } from './values.js';

export interface PidfTuple {
  id: string;
  /** Unknown `<basic>` values are omitted rather than rejected. */
  basic?: 'open' | 'closed';
  contact?: string;
  note?: string;
}

export interface PidfDoc {
  entity: string;
  entityUser: string;
  tuples: PidfTuple[];
  /** Presence-level `<note>`, else the first RPID person note. */
  note?: string;
  /** RPID activity names (`away`, `on-the-phone`, ...); `<other>` yields its text. */
  activities?: string[];
  /** Any tuple with basic=open. */
  online: boolean;
}

/** Parses an `application/pidf+xml` body. Throws {@link BodyParseError}. */
export function parsePidf(xml: string): PidfDoc {
  const root = parseXml(xml);
  if (root.name !== 'presence')
    throw new BodyParseError('/', `expected <presence>, got <${root.name}>`);
  const entity = root.attrs['entity']?.trim();
  if (!entity) throw new BodyParseError('/presence', 'missing entity attribute');

  const tuples = childrenNamed(root, 'tuple').map((t): PidfTuple => {
    // A missing id (required by RFC 3863) is tolerated: presence is advisory.
    const tuple: PidfTuple = { id: t.attrs['id']?.trim() ?? '' };
    const status = firstChild(t, 'status');
    const basic = childText(status, 'basic')?.toLowerCase();
    if (basic === 'open' || basic === 'closed') tuple.basic = basic;
    const contact = childText(t, 'contact');
    if (contact !== undefined) tuple.contact = contact;
    const note = childText(t, 'note');
    if (note !== undefined) tuple.note = note;
    return tuple;
  });

  const persons = childrenNamed(root, 'person');
  const doc: PidfDoc = {
    entity,
    entityUser: uriUser(entity),
    tuples,
    online: tuples.some((t) => t.basic === 'open'),
  };
  const note =
    childText(root, 'note') ??
    persons.map((p) => childText(p, 'note')).find((n) => n !== undefined);
  if (note !== undefined) doc.note = note;

  // Activities normally sit under <person>; some older clients put them in the tuple's <status>.
  const holders: XmlElement[] = [...persons];
  for (const t of childrenNamed(root, 'tuple')) {
    const status = firstChild(t, 'status');
    if (status) holders.push(status);
  }
  const activities: string[] = [];
  for (const h of holders) {
    for (const act of childrenNamed(h, 'activities')) {
      for (const a of act.children) {
        if (a.name === 'note') continue;
        const name = a.name === 'other' ? a.text.trim() || 'other' : a.name;
        if (!activities.includes(name)) activities.push(name);
      }
    }
  }
  if (activities.length > 0) doc.activities = activities;
  return doc;
}

/**
 * Parses a presence NOTIFY body. Returns null for an empty body (Kamailio sends one
 * for a presentity that has no PUBLISHed state). Throws {@link BodyParseError} for a
 * non-PIDF content type or a malformed document.
 */
export function parsePresenceBody(contentType: string | undefined, body: string): PidfDoc | null {
  if (body.trim() === '') return null;
  const type = mediaTypeOf(contentType);
  if (type !== '' && type !== 'application/pidf+xml')
    throw new BodyParseError('presence', `unsupported content type "${type}"`);
  return parsePidf(body);
}

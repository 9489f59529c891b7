/**
 * Seeded fuzzing of every parser: each must return a value of its declared shape
 * or throw BodyParseError — never another error type, never hang.
 */
import { describe, expect, it } from 'vitest';
import { BodyParseError } from './errors.js';
import { parseXml, type XmlElement } from './xml.js';
import {
  DIALOG_STATES,
  DialogInfoTracker,
  parseDialogInfo,
  reduceDialogs,
  type DialogInfoDoc,
} from './dialogInfo.js';
import { parseMultipart } from './multipart.js';
import { parseResourceListNotify, parseRlmi, type Rlmi } from './rlmi.js';
import { parsePidf, parsePresenceBody, type PidfDoc } from './pidf.js';
import {
  KAM_V1_TERMINATED,
  KAM_V2_TRYING,
  KAM_V3_EARLY,
  KAM_V4_CONFIRMED,
  KAM_V5_TERMINATED,
  PIDF_OPEN,
  rlsNotify,
} from './fixtures/kamailio.js';
import { createRandom } from '../../simulator/random';

const SEED = 0x0c5eed;
const BODIES = 10_000;

const rnd = createRandom(SEED).next;
const int = (n: number): number => Math.floor(rnd() * n);
function pick<T>(a: readonly T[]): T {
  const v = a[int(a.length)];
  if (v === undefined) throw new Error('empty pick');
  return v;
}

const NASTY = [
  '<',
  '>',
  '/',
  '&',
  ';',
  '"',
  "'",
  '=',
  '!',
  '[',
  ']',
  '-',
  '?',
  '#',
  'x',
  '0',
  ' ',
  '\t',
  '\n',
  '\r',
  ':',
  '\u0000',
  '\uD800',
  '\uFFFF',
  '--',
];
const BOUNDARY_CHARS = 'abcXYZ0189\'()+_,-./:=? "\\;';

function randomBoundary(): string {
  let b = '';
  const n = 1 + int(rnd() < 0.05 ? 250 : 40);
  for (let i = 0; i < n; i++) b += pick([...BOUNDARY_CHARS]);
  return b;
}

function randomContentType(boundary: string): string {
  const q = rnd() < 0.5 ? `"${boundary}"` : boundary;
  return pick([
    `multipart/related;type="application/rlmi+xml";start="<rlmi.k2vd7@proto.test>";boundary=${q}`,
    `multipart/related; boundary=${q}`,
    `MULTIPART/MIXED;boundary=${q};start=<x>`,
    'multipart/related',
    `application/dialog-info+xml;boundary=${q}`,
    'application/pidf+xml',
    '',
  ]);
}

interface Sample {
  contentType: string;
  body: string;
}

const rls = rlsNotify();
const SEEDS: Sample[] = [
  ...[KAM_V1_TERMINATED, KAM_V2_TRYING, KAM_V3_EARLY, KAM_V4_CONFIRMED, KAM_V5_TERMINATED].map(
    (body) => ({
      contentType: 'application/dialog-info+xml',
      body,
    }),
  ),
  { contentType: 'application/pidf+xml', body: PIDF_OPEN },
  rls,
  rlsNotify({ eol: '\n', boundary: 'x' }),
  { contentType: rls.contentType, body: rls.body.split('\r\n--')[1] ?? '' },
];

type Mutation = (s: string) => string;

const mutations: Mutation[] = [
  // random truncation
  (s) => s.slice(0, int(s.length + 1)),
  // byte flips
  (s) => {
    const a = [...s];
    for (let k = 1 + int(8); k > 0 && a.length > 0; k--)
      a[int(a.length)] = rnd() < 0.7 ? pick(NASTY) : String.fromCharCode(int(0x10000));
    return a.join('');
  },
  // delete a slice
  (s) => {
    const i = int(s.length);
    return s.slice(0, i) + s.slice(i + int(40));
  },
  // tag duplication
  (s) => {
    const i = s.indexOf('<', int(s.length));
    if (i < 0) return s;
    const j = s.indexOf('>', i);
    if (j < 0) return s;
    const tag = s.slice(i, j + 1);
    return s.slice(0, i) + tag.repeat(1 + int(rnd() < 0.1 ? 2000 : 5)) + s.slice(i);
  },
  // duplicate a random substring somewhere else
  (s) => {
    const a = int(s.length);
    const piece = s.slice(a, a + int(200));
    const at = int(s.length + 1);
    return s.slice(0, at) + piece + s.slice(at);
  },
  // deep nesting, inside the document or around it
  (s) => {
    const depth = pick([10, 63, 64, 65, 200, 5000]);
    const name = pick(['a', 'dialog', 'x:y', 'state']);
    const nest = `<${name}>`.repeat(depth) + (rnd() < 0.7 ? `</${name}>`.repeat(depth) : '');
    const at = s.indexOf('>', s.indexOf('<dialog') + 1) + 1 || int(s.length + 1);
    return s.slice(0, at) + nest + s.slice(at);
  },
  // huge attribute
  (s) => {
    const at = s.indexOf(' ', s.indexOf('<', int(Math.max(1, s.length / 2))));
    if (at < 0) return s;
    const value = rnd() < 0.9 ? 'v'.repeat(int(200_000)) : 'v&amp;'.repeat(int(5_000));
    return s.slice(0, at) + ` huge="${value}"` + s.slice(at);
  },
  // entity storm / odd references
  (s) => {
    const at = int(s.length + 1);
    const ent = pick([
      '&#x110000;',
      '&#99999999999;',
      '&#xD800;',
      '&unknown;',
      '&',
      '&#;',
      '&#x;',
      '&amp;amp;',
    ]);
    return s.slice(0, at) + ent.repeat(1 + int(50)) + s.slice(at);
  },
  // letter case flips
  (s) => s.replace(/[a-z]/g, (c) => (rnd() < 0.2 ? c.toUpperCase() : c)),
  // state / attribute value swaps
  (s) =>
    s
      .replace(
        /<state>[^<]*<\/state>/,
        `<state>${pick([...DIALOG_STATES, 'Ringing', ' EARLY\t', ''])}</state>`,
      )
      .replace(/version="\d+"/, `version="${pick(['0', '-1', '1e9', '', '4294967296', 'x'])}"`),
  // CDATA / comment / PI injection
  (s) => {
    const at = int(s.length + 1);
    return (
      s.slice(0, at) +
      pick(['<![CDATA[', ']]>', '<!--', '-->', '<?x', '?>', '<!DOCTYPE a [', '<![CDATA[<x>]]>']) +
      s.slice(at)
    );
  },
  // boundary games: change line endings or inject delimiters
  (s) => (rnd() < 0.5 ? s.replace(/\r\n/g, '\n') : s.replace(/\n/g, pick(['\r\n', '\r', '\n\n']))),
  (s) => {
    const at = int(s.length + 1);
    return (
      s.slice(0, at) + `\r\n--${randomBoundary()}${pick(['', '--', '\r\n', ' \r\n'])}` + s.slice(at)
    );
  },
];

function mutate(sample: Sample): Sample {
  let { body, contentType } = sample;
  for (let k = 1 + int(3); k > 0; k--) body = pick(mutations)(body);
  if (rnd() < 0.2) contentType = randomContentType(randomBoundary());
  if (rnd() < 0.002) body = body.repeat(Math.ceil((1024 * 1024 + 1) / Math.max(1, body.length))); // oversized
  return { contentType, body };
}

// ---- shape checks -------------------------------------------------------------------------

const isStr = (v: unknown): v is string => typeof v === 'string';
const isOptStr = (v: unknown): boolean => v === undefined || isStr(v);
const isUint = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isOptUint = (v: unknown): boolean => v === undefined || isUint(v);
const isOptBool = (v: unknown): boolean => v === undefined || typeof v === 'boolean';

function xmlShape(el: XmlElement, depth = 0): boolean {
  return (
    depth <= 64 &&
    isStr(el.name) &&
    el.name !== '' &&
    isStr(el.text) &&
    Object.values(el.attrs).every(isStr) &&
    el.children.every((c) => xmlShape(c, depth + 1))
  );
}

function dialogInfoShape(d: DialogInfoDoc): boolean {
  return (
    isStr(d.entity) &&
    d.entity !== '' &&
    isStr(d.entityUser) &&
    isUint(d.version) &&
    (d.state === 'full' || d.state === 'partial') &&
    d.dialogs.every(
      (x) =>
        isStr(x.id) &&
        x.id !== '' &&
        DIALOG_STATES.includes(x.state) &&
        [
          x.callId,
          x.localTag,
          x.remoteTag,
          x.event,
          x.localIdentity,
          x.localDisplay,
          x.localTarget,
          x.localUser,
        ]
          .concat([x.remoteIdentity, x.remoteDisplay, x.remoteTarget, x.remoteUser])
          .every(isOptStr) &&
        (x.direction === undefined || x.direction === 'initiator' || x.direction === 'recipient') &&
        isOptUint(x.code) &&
        isOptUint(x.duration) &&
        isOptBool(x.localHeld) &&
        isOptBool(x.remoteHeld),
    )
  );
}

function rlmiShape(r: Rlmi): boolean {
  return (
    isStr(r.uri) &&
    isUint(r.version) &&
    typeof r.fullState === 'boolean' &&
    r.resources.every(
      (res) =>
        isStr(res.uri) &&
        isStr(res.user) &&
        isOptStr(res.name) &&
        res.instances.every(
          (i) =>
            isStr(i.id) &&
            ['active', 'pending', 'terminated'].includes(i.state) &&
            isOptStr(i.reason) &&
            isOptStr(i.cid),
        ),
    )
  );
}

function pidfShape(p: PidfDoc): boolean {
  return (
    isStr(p.entity) &&
    isStr(p.entityUser) &&
    typeof p.online === 'boolean' &&
    isOptStr(p.note) &&
    (p.activities === undefined || p.activities.every(isStr)) &&
    p.tuples.every(
      (t) =>
        isStr(t.id) &&
        (t.basic === undefined || t.basic === 'open' || t.basic === 'closed') &&
        isOptStr(t.contact) &&
        isOptStr(t.note),
    )
  );
}

// ---- the run ------------------------------------------------------------------------------

describe('fuzz', () => {
  it(`${BODIES} mutated bodies through every parser (seed ${SEED})`, { timeout: 30_000 }, () => {
    const failures: string[] = [];
    const tracker = new DialogInfoTracker();
    let accepted = 0;
    let rejected = 0;
    let calls = 0;

    const check = <T>(
      i: number,
      parser: string,
      sample: Sample,
      run: () => T,
      shape: (v: T) => boolean,
    ): void => {
      calls++;
      try {
        const v = run();
        if (!shape(v))
          failures.push(
            `#${i} ${parser}: bad shape for ${JSON.stringify(sample.body.slice(0, 200))}`,
          );
        else accepted++;
      } catch (e) {
        if (e instanceof BodyParseError && isStr(e.path) && isStr(e.reason)) rejected++;
        else
          failures.push(
            `#${i} ${parser}: ${String(e)} for ${JSON.stringify(sample.body.slice(0, 200))}`,
          );
      }
    };

    const started = Date.now();
    for (let i = 0; i < BODIES; i++) {
      const s = mutate(pick(SEEDS));
      check(i, 'parseXml', s, () => parseXml(s.body), xmlShape);
      check(
        i,
        'parseDialogInfo',
        s,
        () => parseDialogInfo(s.body),
        (d) => {
          const r = tracker.apply(d);
          return (
            dialogInfoShape(d) &&
            typeof r.accepted === 'boolean' &&
            ['idle', 'ringing', 'busy', 'onhold'].includes(reduceDialogs(r.dialogs))
          );
        },
      );
      check(i, 'parseRlmi', s, () => parseRlmi(s.body), rlmiShape);
      check(i, 'parsePidf', s, () => parsePidf(s.body), pidfShape);
      check(
        i,
        'parsePresenceBody',
        s,
        () => parsePresenceBody(rnd() < 0.5 ? undefined : s.contentType, s.body),
        (p) => p === null || pidfShape(p),
      );
      check(
        i,
        'parseMultipart',
        s,
        () => parseMultipart(s.contentType, s.body),
        (parts) =>
          parts.length > 0 &&
          parts.every(
            (p) =>
              isStr(p.contentType) &&
              isStr(p.body) &&
              isOptStr(p.contentId) &&
              Object.values(p.headers).every(isStr),
          ),
      );
      check(
        i,
        'parseResourceListNotify',
        s,
        () => parseResourceListNotify(s.contentType, s.body),
        (r) =>
          rlmiShape(r.list) &&
          r.parts.every(
            (p) =>
              isStr(p.resourceUser) &&
              (p.dialogInfo === undefined || dialogInfoShape(p.dialogInfo)) &&
              (p.error === undefined || p.error instanceof BodyParseError),
          ),
      );
    }
    const elapsed = Date.now() - started;

    expect(failures.slice(0, 10)).toEqual([]);
    expect(calls).toBe(BODIES * 7);
    // Sanity: the mutations neither break everything nor nothing.
    expect(accepted).toBeGreaterThan(calls * 0.05);
    expect(rejected).toBeGreaterThan(calls * 0.3);
    expect(elapsed).toBeLessThan(30_000);
  });
});

/**
 * A tiny, tolerant, dependency-free XML parser for SIP bodies (dialog-info,
 * RLMI, PIDF). It must run in browsers and Node alike, so no DOMParser.
 *
 * Deliberately minimal: element names lose their namespace prefix (SIP bodies
 * use well-known namespaces, and servers disagree on prefixes), DTDs with an
 * internal subset are refused (no entity expansion), and the parse is a single
 * linear scan with an explicit stack, bounded in depth and input size.
 */
import { BodyParseError, MAX_BODY_LENGTH } from './errors.js';

export { BodyParseError } from './errors.js';

export interface XmlElement {
  /** Local name, namespace prefix stripped (`dm:person` → `person`). */
  name: string;
  /** Attributes by local name; `xmlns` / `xmlns:*` keep their full name. Values entity-decoded. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated direct text and CDATA content (entity-decoded, not trimmed). */
  text: string;
}

export interface XmlParseOptions {
  /** Maximum element nesting depth (default 64). */
  maxDepth?: number;
  /** Maximum input length in UTF-16 code units (default 1 MiB). */
  maxLength?: number;
}

export const XML_MAX_DEPTH = 64;

const ENTITY = /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined entities and numeric references; unknown `&...` is kept literally (tolerance). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_m, ref: string) => {
    if (ref.charCodeAt(0) !== 35 /* # */) return NAMED[ref] ?? '';
    const code =
      ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : '\uFFFD';
  });
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Characters that end a tag or attribute name. */
function isNameEnd(c: number): boolean {
  return isSpace(c) || c === 47 /* / */ || c === 62 /* > */ || c === 61 /* = */ || c === 60; /* < */
}

function localName(raw: string): string {
  const i = raw.lastIndexOf(':');
  return i < 0 ? raw : raw.slice(i + 1);
}

interface Open {
  el: XmlElement;
  raw: string;
}

/** Parses `input` into its root element. Throws {@link BodyParseError} on malformed or oversized input. */
export function parseXml(input: string, options: XmlParseOptions = {}): XmlElement {
  const maxDepth = options.maxDepth ?? XML_MAX_DEPTH;
  const maxLength = options.maxLength ?? MAX_BODY_LENGTH;
  if (input.length > maxLength)
    throw new BodyParseError('/', `XML too large (${input.length} > ${maxLength})`);

  const s = input;
  const n = s.length;
  const stack: Open[] = [];
  let root: XmlElement | undefined;
  let i = s.charCodeAt(0) === 0xfeff ? 1 : 0; // BOM

  function fail(reason: string, at: number): never {
    const path = '/' + stack.map((o) => o.el.name).join('/');
    throw new BodyParseError(path, `${reason} at offset ${at}`);
  }
  function top(): XmlElement | undefined {
    return stack[stack.length - 1]?.el;
  }
  function addText(text: string, at: number): void {
    const el = top();
    if (el) el.text += text;
    else if (/\S/.test(text)) fail('text outside the root element', at);
  }

  while (i < n) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      addText(decodeEntities(s.slice(i)), i);
      break;
    }
    if (lt > i) addText(decodeEntities(s.slice(i, lt)), i);
    i = lt;
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      if (end < 0) fail('unterminated comment', i);
      i = end + 3;
    } else if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i + 9);
      if (end < 0) fail('unterminated CDATA section', i);
      if (!top()) fail('CDATA outside the root element', i);
      addText(s.slice(i + 9, end), i);
      i = end + 3;
    } else if (s.startsWith('<?', i)) {
      // XML declaration or processing instruction: ignored.
      const end = s.indexOf('?>', i + 2);
      if (end < 0) fail('unterminated processing instruction', i);
      i = end + 2;
    } else if (s.startsWith('<!', i)) {
      // DOCTYPE only, before the root, and without an internal subset (no entity expansion).
      const end = s.indexOf('>', i + 2);
      if (end < 0) fail('unterminated declaration', i);
      const decl = s.slice(i + 2, end);
      if (root || stack.length > 0 || !/^DOCTYPE\s/i.test(decl) || decl.includes('['))
        fail('unsupported markup declaration', i);
      i = end + 1;
    } else if (s.charCodeAt(i + 1) === 47 /* / */) {
      const end = s.indexOf('>', i + 2);
      if (end < 0) fail('unterminated end tag', i);
      const raw = s.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open) fail(`unexpected end tag </${raw}>`, i);
      else if (open.raw !== raw) {
        stack.push(open);
        fail(`end tag </${raw}> does not match <${open.raw}>`, i);
      }
      i = end + 1;
    } else {
      i = parseStartTag(i);
    }
  }
  if (stack.length > 0) fail(`unclosed element <${stack[stack.length - 1]?.raw ?? ''}>`, n);
  if (!root) fail('no root element', n);
  return root as XmlElement;

  /** Parses `<name attr="v" ...>` or `<name .../>` starting at `start`; returns the index after it. */
  function parseStartTag(start: number): number {
    let j = start + 1;
    while (j < n && !isNameEnd(s.charCodeAt(j))) j++;
    const raw = s.slice(start + 1, j);
    const name = localName(raw);
    if (name === '' || /["'&]/.test(raw)) fail('invalid element name', start);
    if (root && stack.length === 0) fail('more than one root element', start);
    if (stack.length >= maxDepth) fail(`nesting deeper than ${maxDepth}`, start);
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    for (;;) {
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) fail('unterminated start tag', start);
      const c = s.charCodeAt(j);
      if (c === 62 /* > */ || (c === 47 /* / */ && s.charCodeAt(j + 1) === 62)) {
        const el: XmlElement = { name, attrs, children: [], text: '' };
        const parent = top();
        if (parent) parent.children.push(el);
        else root = el;
        if (c === 62) {
          stack.push({ el, raw });
          return j + 1;
        }
        return j + 2; // self-closing
      }
      const nameStart = j;
      while (j < n && !isNameEnd(s.charCodeAt(j))) j++;
      const attrRaw = s.slice(nameStart, j);
      if (attrRaw === '' || /["'&<]/.test(attrRaw)) fail('invalid attribute name', nameStart);
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) !== 61 /* = */) fail(`attribute "${attrRaw}" has no value`, j);
      j++;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      const q = s.charCodeAt(j);
      if (q !== 34 && q !== 39) fail(`attribute "${attrRaw}" value is not quoted`, j);
      const close = s.indexOf(q === 34 ? '"' : "'", j + 1);
      if (close < 0) fail(`unterminated value of attribute "${attrRaw}"`, j);
      const key =
        attrRaw === 'xmlns' || attrRaw.startsWith('xmlns:') ? attrRaw : localName(attrRaw);
      // First occurrence wins when prefixes collapse two attributes to one local name.
      if (key !== '' && !(key in attrs)) attrs[key] = decodeEntities(s.slice(j + 1, close));
      j = close + 1;
    }
  }
}

/** Direct children with the given local name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** First direct child with the given local name. */
export function firstChild(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Trimmed text of the first direct child with the given name; undefined when absent or empty. */
export function childText(el: XmlElement | undefined, name: string): string | undefined {
  const t = firstChild(el, name)?.text.trim();
  return t === undefined || t === '' ? undefined : t;
}

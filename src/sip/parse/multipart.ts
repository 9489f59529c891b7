/**
 * RFC 2046 multipart splitting, as used by RLS NOTIFYs (RFC 4662,
 * `multipart/related`). Tolerates CRLF or bare LF, preamble/epilogue,
 * transport padding after delimiters and a missing close delimiter.
 */
import { assertBodySize, BodyParseError } from './errors.js';
import { parseContentType } from './contentType.js';
import { unangle } from './values.js';

export interface MimePart {
  /** Lower-cased media type without parameters (`text/plain` when the part has no Content-Type). */
  contentType: string;
  /** Part headers by lower-cased name (first occurrence wins; folded lines joined). */
  headers: Record<string, string>;
  body: string;
  /** Content-ID without the angle brackets. */
  contentId?: string;
}

/** Splits a multipart body. Throws {@link BodyParseError} on a missing boundary or when no part is found. */
export function parseMultipart(contentType: string, body: string): MimePart[] {
  assertBodySize(body, 'multipart');
  const ct = parseContentType(contentType);
  if (!ct.mediaType.startsWith('multipart/'))
    throw new BodyParseError('multipart', `not a multipart content type: "${ct.mediaType}"`);
  const boundary = ct.params['boundary'];
  if (!boundary) throw new BodyParseError('multipart', 'missing boundary parameter');
  if (boundary.length > 200) throw new BodyParseError('multipart', 'boundary too long');

  const delim = '--' + boundary;
  let d = findDelimiter(body, delim, 0);
  if (!d) throw new BodyParseError('multipart', `boundary "${boundary}" not found in body`);
  const parts: MimePart[] = [];
  for (;;) {
    if (body.startsWith('--', d.after)) break; // close delimiter; the rest is epilogue
    const eol = body.indexOf('\n', d.after);
    if (eol < 0) break; // delimiter at the very end: no content follows
    const contentStart = eol + 1;
    const next = findDelimiter(body, delim, contentStart);
    const end = next ? Math.max(contentStart, next.start) : body.length; // missing close: take the rest
    parts.push(parsePart(body.slice(contentStart, end)));
    if (!next) break;
    d = next;
  }
  if (parts.length === 0) throw new BodyParseError('multipart', 'no body parts');
  return parts;
}

interface Delimiter {
  /** Start of the line break preceding the delimiter (it belongs to the delimiter), or of the delimiter. */
  start: number;
  /** Index just after `--boundary`. */
  after: number;
}

/** Next `--boundary` at the start of a line and followed by `--`, whitespace or the end. */
function findDelimiter(body: string, delim: string, from: number): Delimiter | undefined {
  let k = from;
  for (;;) {
    const p = body.indexOf(delim, k);
    if (p < 0) return undefined;
    const after = p + delim.length;
    const c = body.charCodeAt(after);
    const atLineStart = p === 0 || body.charCodeAt(p - 1) === 10;
    const endsWell =
      after >= body.length || c === 45 /* - */ || c === 32 || c === 9 || c === 13 || c === 10;
    if (atLineStart && endsWell) {
      let start = p;
      if (p > 0) start = p >= 2 && body.charCodeAt(p - 2) === 13 ? p - 2 : p - 1;
      return { start, after };
    }
    k = p + 1;
  }
}

const BLANK_LINE = /\r?\n\r?\n/;

function parsePart(raw: string): MimePart {
  let headerText: string;
  let body: string;
  if (raw.startsWith('\n') || raw.startsWith('\r\n')) {
    headerText = ''; // no headers: the part starts with the blank line
    body = raw.slice(raw.indexOf('\n') + 1);
  } else {
    const m = BLANK_LINE.exec(raw);
    headerText = m ? raw.slice(0, m.index) : raw;
    body = m ? raw.slice(m.index + m[0].length) : '';
  }
  const headers = parseHeaders(headerText);
  const part: MimePart = {
    contentType:
      headers['content-type'] !== undefined
        ? parseContentType(headers['content-type']).mediaType
        : 'text/plain',
    headers,
    body,
  };
  const cid = headers['content-id'];
  if (cid !== undefined && unangle(cid) !== '') part.contentId = unangle(cid);
  return part;
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  if (text === '') return headers;
  let name = '';
  for (const line of text.split(/\r?\n/)) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && name !== '') {
      headers[name] += ' ' + line.trim(); // folded continuation
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      name = '';
      continue; // not a header line: ignored (tolerance)
    }
    const key = line.slice(0, colon).trim().toLowerCase();
    if (key in headers) {
      name = '';
      continue;
    }
    headers[key] = line.slice(colon + 1).trim();
    name = key;
  }
  return headers;
}

/** Small value helpers shared by the parsers (URIs, integers, booleans). */

/** Strips one pair of surrounding angle brackets: `<a@b>` → `a@b`. */
export function unangle(value: string): string {
  const t = value.trim();
  return t.length >= 2 && t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1).trim() : t;
}

/** The addr-spec of a name-addr: `"Bob" <sip:1@x>;tag=1` → `sip:1@x`; a bare URI is returned trimmed. */
export function addrSpec(value: string): string {
  const lt = value.indexOf('<');
  if (lt >= 0) {
    const gt = value.indexOf('>', lt + 1);
    if (gt > lt) return value.slice(lt + 1, gt).trim();
  }
  return value.trim();
}

/** The display name of a name-addr (`"Bob" <sip:1@x>` → `Bob`), if any. */
export function displayName(value: string): string | undefined {
  const lt = value.indexOf('<');
  if (lt <= 0) return undefined;
  let d = value.slice(0, lt).trim();
  if (d.length >= 2 && d.startsWith('"') && d.endsWith('"'))
    d = d.slice(1, -1).replace(/\\(.)/g, '$1');
  return d === '' ? undefined : d;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // malformed escapes: keep as given rather than fail the whole body
  }
}

function cutAt(s: string, chars: string): string {
  let end = s.length;
  for (const c of chars) {
    const i = s.indexOf(c);
    if (i >= 0 && i < end) end = i;
  }
  return s.slice(0, end);
}

/**
 * The user part of a SIP/SIPS/TEL URI, tolerant of name-addr forms:
 * `sip:1002@ozkit.test` → `1002`, `"Bob" <sips:bob;x=1@h>` → `bob`,
 * `tel:+1-201-555-0123;ext=1` → `+12015550123` (visual separators dropped, RFC 3966),
 * `1002@host` → `1002`. Returns `''` when the URI has no user part (`sip:host`).
 */
export function uriUser(uri: string): string {
  const spec = addrSpec(uri);
  const m = SCHEME.exec(spec);
  const scheme = m?.[1]?.toLowerCase() ?? '';
  const rest = m ? spec.slice(m[0].length) : spec;
  if (scheme === 'tel')
    return percentDecode(cutAt(rest, ';?'))
      .replace(/[-.()]/g, '')
      .trim();
  const at = rest.indexOf('@');
  if (at < 0) return scheme === '' ? percentDecode(cutAt(rest, ';?:')).trim() : '';
  // user[:password][;user-params]@host
  return percentDecode(cutAt(rest.slice(0, at), ':;')).trim();
}

/** A non-negative decimal integer (`"  42 "` → 42), or undefined when not one. */
export function parseUint(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = value.trim();
  return /^\d{1,15}$/.test(t) ? Number(t) : undefined;
}

/** An xs:boolean (`true`/`false`/`1`/`0`, any case), or undefined when not one. */
export function parseXsBoolean(value: string | undefined): boolean | undefined {
  const t = value?.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

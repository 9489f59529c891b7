/** Content-Type header parsing (RFC 2045 media type + parameters). */

export interface ContentType {
  /** Lower-cased `type/subtype`, e.g. `multipart/related`. */
  mediaType: string;
  /** Parameters by lower-cased name; quoted values unquoted and unescaped. */
  params: Record<string, string>;
}

/** Parses `multipart/related; type="application/rlmi+xml"; boundary=abc` and the like. Never throws. */
export function parseContentType(value: string): ContentType {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  const semi = value.indexOf(';');
  const mediaType = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  let i = semi < 0 ? value.length : semi + 1;
  const n = value.length;
  while (i < n) {
    const eq = value.indexOf('=', i);
    const nextSemi = value.indexOf(';', i);
    if (eq < 0 || (nextSemi >= 0 && nextSemi < eq)) {
      // Parameter without a value: skip it.
      i = nextSemi < 0 ? n : nextSemi + 1;
      continue;
    }
    const name = value.slice(i, eq).trim().toLowerCase();
    let j = eq + 1;
    while (j < n && (value[j] === ' ' || value[j] === '\t')) j++;
    let v = '';
    if (value[j] === '"') {
      j++;
      while (j < n && value[j] !== '"') {
        if (value[j] === '\\' && j + 1 < n) j++;
        v += value[j];
        j++;
      }
      j++; // closing quote (or end)
      const after = value.indexOf(';', j);
      i = after < 0 ? n : after + 1;
    } else {
      const end = value.indexOf(';', j);
      v = value.slice(j, end < 0 ? n : end).trim();
      i = end < 0 ? n : end + 1;
    }
    if (name !== '' && !(name in params)) params[name] = v;
  }
  return { mediaType, params };
}

/** Lower-cased `type/subtype` of a Content-Type value. */
export function mediaTypeOf(value: string | undefined): string {
  return value === undefined ? '' : parseContentType(value).mediaType;
}

import { OzError } from './errors';

export type DialableResult = { ok: true; number: string } | { ok: false; reason: string };

export interface DialableOptions {
  /** Accept SIP URIs (sip:user@host). Default true. */
  allowSipUri?: boolean;
  /** Accept extension names such as `admin` or `trunk1`. Default true. */
  allowNames?: boolean;
}

const PHONE = /^\+?[0-9*#]+$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._~-]*$/;
const SIP_URI = /^sips?:[A-Za-z0-9._~!$&'()*+,;=:%-]+(@[A-Za-z0-9.-]+(:\d{1,5})?)?(;[^\s<>"]*)?$/i;
// Visual separators people paste from web pages and business cards.
const SEPARATORS = /[\s().\-\u00a0\u2010-\u2015]/g;
const SEPARATOR = /[\s().\-\u00a0\u2010-\u2015]/;

/**
 * Decides whether `input` can be dialled and returns it cleaned: digits, `*`, `#` and a leading
 * `+` (separators removed), or — where allowed — a SIP URI or an extension name.
 */
export function checkDialable(input: unknown, options: DialableOptions = {}): DialableResult {
  if (typeof input !== 'string') return { ok: false, reason: 'The number must be text' };
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter a number to call' };
  if (trimmed.length > 256) return { ok: false, reason: 'The number is too long' };
  const { allowSipUri = true, allowNames = true } = options;
  if (/^sips?:/i.test(trimmed)) {
    if (!allowSipUri) return { ok: false, reason: 'SIP addresses cannot be dialled here' };
    return SIP_URI.test(trimmed)
      ? { ok: true, number: trimmed }
      : { ok: false, reason: 'Not a valid SIP address' };
  }
  const phone = trimmed.replace(SEPARATORS, '');
  if (PHONE.test(phone)) return { ok: true, number: phone };
  if (/^[0-9*#+\s().-]+$/.test(trimmed))
    return { ok: false, reason: 'A + may only stand at the start' };
  if (allowNames && NAME.test(trimmed)) return { ok: true, number: trimmed };
  const bad = [...trimmed].find((c) => !/[0-9*#+A-Za-z._~-]/.test(c) && !SEPARATOR.test(c));
  return { ok: false, reason: bad ? `"${bad}" cannot be dialled` : 'This cannot be dialled' };
}

/** checkDialable, throwing an INVALID_NUMBER OzError when the input cannot be dialled. */
export function requireDialable(input: unknown, options?: DialableOptions): string {
  const r = checkDialable(input, options);
  if (!r.ok) throw new OzError('INVALID_NUMBER', r.reason);
  return r.number;
}

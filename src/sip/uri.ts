import { UserAgent, type URI } from 'sip.js';
import { OzError } from '../core/errors';

const WS_URL = /^wss?:\/\//i;
// A bare host, optionally with a port: "pbx.example.com", "10.0.0.5:8089", "[::1]:443".
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\d{1,5})?$/i;

/**
 * The WebSocket servers to try, in order. `sip.servers` wins over connect()'s address; a bare
 * host means `wss://host/ws` (Ozeki's port 7779 does not apply to SIP over WebSocket).
 */
export function resolveServers(
  serverAddress: string,
  servers: readonly string[] | undefined,
): string[] {
  const list = servers && servers.length > 0 ? [...servers] : [serverAddress];
  return list.map((raw, i) => {
    const s = typeof raw === 'string' ? raw.trim() : '';
    const where = servers && servers.length > 0 ? `sip.servers[${i}]` : 'connect(serverAddress)';
    if (WS_URL.test(s)) {
      try {
        new URL(s);
      } catch {
        throw new OzError('INVALID_ARGUMENT', `${where}: "${s}" is not a valid WebSocket URL`);
      }
      return s;
    }
    if (s !== '' && HOST.test(s)) return `wss://${s}/ws`;
    throw new OzError(
      'INVALID_ARGUMENT',
      `${where}: give a ws:// or wss:// URL or a host name (got "${s}")`,
    );
  });
}

/** The host of a WebSocket URL, without IPv6 brackets: the default SIP domain. */
export function serverHost(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, '');
}

// RFC 3261 user part: unreserved, escaped and user-unreserved characters; "#" and the rest
// must be %-escaped or SIP.js cannot parse the URI.
const USER_SAFE = /[A-Za-z0-9\-_.!~*'()&=+$,;?/]/;

export function escapeUser(user: string): string {
  let out = '';
  for (const ch of user) {
    if (USER_SAFE.test(ch)) out += ch;
    else
      for (const b of new TextEncoder().encode(ch))
        out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A number or name becomes sip:number@domain; a sip:/sips: URI is used as given. */
export function targetUri(target: string, domain: string): URI {
  const t = target.trim();
  const text = /^sips?:/i.test(t) ? t : `sip:${escapeUser(t)}@${domain}`;
  const uri = UserAgent.makeURI(text);
  if (!uri)
    throw new OzError('INVALID_NUMBER', `"${target}" cannot be dialled: not a valid SIP address`);
  return uri;
}

/** The string form of targetUri(), for headers (Contact of a 302, Refer-To). */
export function targetUriString(target: string, domain: string): string {
  return targetUri(target, domain).toString();
}

/** What the kit shows as "the other party": the user part (the extension), else the host. */
export function partyOf(uri: URI | undefined): string {
  if (!uri) return '';
  return uri.user ? safeDecode(uri.user) : uri.host;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

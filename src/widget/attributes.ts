// <oz-dialer>'s attributes, read and validated in one place. A bad value becomes a problem the
// widget shows and reports (oz-error); it is never passed on to the client half-checked.

export type WidgetTheme = 'light' | 'dark';

/** The attributes that decide which PBX the widget talks to (a change means a new client). */
export const CONNECTION_ATTRIBUTES = [
  'server',
  'user',
  'domain',
  'directory',
  'simulated',
] as const;
export const OBSERVED_ATTRIBUTES = [...CONNECTION_ATTRIBUTES, 'theme'] as const;

export interface WidgetConfig {
  /** ws:// or wss:// URL of the PBX's SIP-over-WebSocket endpoint; null in simulated mode. */
  readonly server: string | null;
  readonly user: string | null;
  readonly domain: string | null;
  /** Absolute URL of a directory document. */
  readonly directory: string | null;
  /** null: the page's prefers-color-scheme decides. */
  readonly theme: WidgetTheme | null;
  readonly simulated: boolean;
}

export interface AttributeProblem {
  readonly attribute: string;
  readonly message: string;
}

export interface ReadConfig {
  readonly config: WidgetConfig;
  readonly problems: readonly AttributeProblem[];
}

// A SIP user part as PBXs hand them out (digits, names); no spaces, no @, no markup.
const USER = /^[A-Za-z0-9][A-Za-z0-9._~+-]{0,63}$/;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);

/** Shown in messages; long or hostile values are cut and quoted, never rendered as markup. */
const quote = (value: string): string =>
  JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);

function readServer(raw: string): string | AttributeProblem {
  let url: URL | null = null;
  try {
    url = new URL(raw.trim());
  } catch {
    // handled below
  }
  if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.hostname === '') {
    return {
      attribute: 'server',
      message: `server=${quote(raw)} is not a WebSocket URL: use ws://host:port or wss://host/path`,
    };
  }
  if (url.username || url.password) {
    // Credentials in an attribute would sit in the DOM for every script to read.
    return {
      attribute: 'server',
      message: 'server must not contain a user name or password: set the password property',
    };
  }
  return url.href;
}

function readDirectory(raw: string, baseUrl: string): string | AttributeProblem {
  let url: URL | null = null;
  try {
    url = new URL(raw.trim(), baseUrl);
  } catch {
    // handled below
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return {
      attribute: 'directory',
      message: `directory=${quote(raw)} is not an http(s) URL of a directory document`,
    };
  }
  return url.href;
}

function readBoolean(name: string, raw: string | null): boolean | AttributeProblem {
  if (raw === null) return false;
  const v = raw.trim().toLowerCase();
  if (v === '' || v === name || v === 'true') return true;
  return {
    attribute: name,
    message: `${name}=${quote(raw)}: ${name} is a boolean attribute; remove it to turn it off`,
  };
}

/**
 * Reads every attribute. `get` is the element's getAttribute; `baseUrl` resolves a relative
 * directory URL (the document's base URI).
 */
export function readConfig(get: (name: string) => string | null, baseUrl: string): ReadConfig {
  const problems: AttributeProblem[] = [];
  const take = <T>(r: T | AttributeProblem): T | null => {
    if (typeof r === 'object' && r !== null && 'attribute' in r) {
      problems.push(r);
      return null;
    }
    return r;
  };

  const simulated = take(readBoolean('simulated', get('simulated'))) ?? false;
  const rawServer = get('server');
  const server = rawServer === null ? null : take(readServer(rawServer));

  const rawUser = get('user');
  let user: string | null = null;
  if (rawUser !== null) {
    if (USER.test(rawUser.trim())) user = rawUser.trim();
    else
      problems.push({
        attribute: 'user',
        message: `user=${quote(rawUser)} is not an extension: use letters, digits and . _ ~ + -`,
      });
  }

  const rawDomain = get('domain');
  let domain: string | null = null;
  if (rawDomain !== null) {
    if (HOST.test(rawDomain.trim())) domain = rawDomain.trim().toLowerCase();
    else
      problems.push({
        attribute: 'domain',
        message: `domain=${quote(rawDomain)} is not a host name such as pbx.example.com`,
      });
  }

  const rawDirectory = get('directory');
  const directory = rawDirectory === null ? null : take(readDirectory(rawDirectory, baseUrl));

  const rawTheme = get('theme');
  let theme: WidgetTheme | null = null;
  if (rawTheme !== null && rawTheme.trim() !== '') {
    const t = rawTheme.trim().toLowerCase();
    if (t === 'light' || t === 'dark') theme = t;
    else
      problems.push({
        attribute: 'theme',
        message: `theme=${quote(rawTheme)} is not a theme: use light or dark`,
      });
  }

  if (simulated && rawServer !== null) {
    problems.push({
      attribute: 'simulated',
      message: 'simulated and server exclude each other: remove one of them',
    });
  }
  if (!simulated && rawServer === null) {
    problems.push({
      attribute: 'server',
      message: 'server is missing: set it to the PBX WebSocket URL, or add simulated for a demo',
    });
  }

  return { config: { server, user, domain, directory, theme, simulated }, problems };
}

/** Identity of the connection a config asks for: a new key means a new client. */
export function connectionKey(c: WidgetConfig): string {
  return JSON.stringify([c.simulated, c.server, c.user, c.domain, c.directory]);
}

// Where the widget's login secret comes from. Secrets live in properties (never attributes,
// storage or logs) and are read only at the moment of connecting.
import { OzError } from '../core/errors';

export interface WidgetLogin {
  readonly user?: string;
  readonly password: string;
}

/** The `credentials` property: asked each time the widget connects. */
export type WidgetCredentials = () => WidgetLogin | Promise<WidgetLogin>;

export interface SecretSources {
  readonly password: string | undefined;
  readonly credentials: WidgetCredentials | undefined;
  /** The simulator's built-in password. */
  readonly fallbackPassword: string | null;
}

export const hasSecret = (s: SecretSources): boolean =>
  s.password !== undefined || s.credentials !== undefined || s.fallbackPassword !== null;

const USER = /^[A-Za-z0-9][A-Za-z0-9._~+-]{0,63}$/;

/** The user and password to log in with; rejects with a message that names no secret. */
export async function resolveLogin(
  s: SecretSources,
  user: string | null,
): Promise<{ user: string; password: string }> {
  if (s.password !== undefined || (s.credentials === undefined && s.fallbackPassword !== null)) {
    if (user === null)
      throw new OzError('INVALID_ARGUMENT', 'user is missing: set the user attribute');
    return { user, password: s.password ?? s.fallbackPassword ?? '' };
  }
  if (s.credentials === undefined) {
    throw new OzError(
      'INVALID_STATE',
      'No password: set the password or credentials property of <oz-dialer>',
    );
  }
  let login: unknown;
  try {
    login = await s.credentials();
  } catch (err) {
    throw new OzError('ACCESS_DENIED', 'The credentials callback failed', { cause: err });
  }
  const l = (typeof login === 'object' && login !== null ? login : {}) as Record<string, unknown>;
  if (typeof l.password !== 'string') {
    throw new OzError(
      'INVALID_ARGUMENT',
      'The credentials callback must return { user, password } with a string password',
    );
  }
  const given = typeof l.user === 'string' ? l.user.trim() : null;
  if (given !== null && !USER.test(given))
    throw new OzError('INVALID_ARGUMENT', 'The credentials callback returned an invalid user');
  const finalUser = given ?? user;
  if (finalUser === null) {
    throw new OzError(
      'INVALID_ARGUMENT',
      'user is missing: set the user attribute or return it from credentials',
    );
  }
  return { user: finalUser, password: l.password };
}

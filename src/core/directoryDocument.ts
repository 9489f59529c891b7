import { OzError } from './errors';
import type { DirectoryDocument } from './types';

// Hand-written rather than a schema library, to keep the bundle small: unknown keys dropped, ids
// trimmed, the first problem in document order reported with its path.

/** Validates the value found at `path` and returns its clean copy, or throws an Invalid. */
type Check = (x: unknown, path: string) => unknown;

class Invalid {
  constructor(
    readonly path: string,
    readonly message: string,
  ) {}
}

function fail(path: string, message: string): never {
  throw new Invalid(path, message);
}

/** A string of at most `max` chars; an id is trimmed first and must not be empty. */
const text =
  (max: number, tooLong?: string, isId?: boolean): Check =>
  (x, path) => {
    if (typeof x !== 'string') fail(path, 'must be a string');
    const s = isId ? x.trim() : x;
    if (isId && !s) fail(path, 'must not be empty');
    if (s.length > max) fail(path, tooLong ?? `must be at most ${max} characters`);
    return s;
  };

const list =
  (item: Check, message: string): Check =>
  (x, path) =>
    // Array.from rather than map: a hole is checked as undefined, and the copy is a plain array.
    Array.isArray(x) ? Array.from(x, (v, i) => item(v, `${path}[${i}]`)) : fail(path, message);

/**
 * An object with these keys (a trailing `?` marks an optional one, which may also be undefined).
 * Keys are looked up with `in` (inherited ones count, as before); all other keys are dropped.
 */
const record =
  (fields: Record<string, Check>, message?: string): Check =>
  (x, path) => {
    if (!x || typeof x !== 'object') fail(path, message ?? 'must be an object');
    const out: Record<string, unknown> = {};
    for (const [spec, check] of Object.entries(fields)) {
      const key = spec.replace('?', '');
      const at = path ? `${path}.${key}` : key;
      if (key in x) {
        const v = (x as Record<string, unknown>)[key];
        out[key] = v === undefined && key !== spec ? v : check(v, at);
      } else if (key === spec) fail(at, message ?? 'is missing');
    }
    return out;
  };

const LONG = 'is too long';
const id = text(256, LONG, true);
const opt = text(1024, LONG);
const extension = record({ id, type: text(256), 'displayName?': opt });
const documentCheck = record(
  {
    users: list(
      record({
        id,
        fullName: opt,
        'emailAddress?': opt,
        'phoneNumber?': opt,
        'mobileNumber?': opt,
        devices: list(id, 'must be an array of extension ids'),
      }),
      'must be an array',
    ),
    extensions: list(extension, 'must be an array'),
    'outsideLines?': list(extension, 'must be an array'),
  },
  'the directory must be an object with users, extensions and outsideLines arrays',
);

/** Ids must be unique within each list; checked only once the whole shape is good. */
function unique(list: { id: string }[], name: string): void {
  const seen = new Set<string>();
  list.forEach(({ id }, i) => {
    if (seen.has(id)) fail(`${name}[${i}].id`, `"${id}" is used twice`);
    seen.add(id);
  });
}

/**
 * Validates a directory document whole: the result is either a complete, clean document or an
 * INVALID_DIRECTORY OzError naming the first offending path. Nothing is ever half-loaded.
 */
export function parseDirectoryDocument(
  input: unknown,
): { ok: true; doc: DirectoryDocument } | { ok: false; error: OzError } {
  try {
    const doc = documentCheck(input, '') as DirectoryDocument;
    doc.outsideLines ??= []; // absent or undefined: an empty list
    for (const name of ['users', 'extensions', 'outsideLines'] as const) unique(doc[name], name);
    return { ok: true, doc };
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    const { path, message } = e;
    return {
      ok: false,
      error: new OzError(
        'INVALID_DIRECTORY',
        `Directory: ${path ? `${path} ${message}` : message}`,
        path ? { path } : {},
      ),
    };
  }
}

import * as v from 'valibot';
import { OzError } from './errors';
import type { DirectoryDocument } from './types';

const id = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(256, 'is too long'),
);
const optText = v.optional(v.pipe(v.string('must be a string'), v.maxLength(1024, 'is too long')));

const userSchema = v.object({
  id,
  fullName: v.pipe(v.string('must be a string'), v.maxLength(1024, 'is too long')),
  emailAddress: optText,
  phoneNumber: optText,
  mobileNumber: optText,
  devices: v.array(id, 'must be an array of extension ids'),
});
const extensionSchema = v.object({
  id,
  type: v.pipe(v.string('must be a string'), v.maxLength(256)),
  displayName: optText,
});

const documentSchema = v.object(
  {
    users: v.array(userSchema, 'must be an array'),
    extensions: v.array(extensionSchema, 'must be an array'),
    outsideLines: v.optional(v.array(extensionSchema, 'must be an array'), []),
  },
  'the directory must be an object with users, extensions and outsideLines arrays',
);

/** `users[3].devices` from valibot's issue path. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function duplicateIn(list: { id: string }[], name: string): OzError | null {
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const rid = (list[i] as { id: string }).id;
    if (seen.has(rid))
      return new OzError(
        'INVALID_DIRECTORY',
        `Directory: ${name}[${i}].id "${rid}" is used twice`,
        { path: `${name}[${i}].id` },
      );
    seen.add(rid);
  }
  return null;
}

/**
 * Validates a directory document whole: the result is either a complete, clean document or an
 * INVALID_DIRECTORY OzError naming the first offending path. Nothing is ever half-loaded.
 */
export function parseDirectoryDocument(
  input: unknown,
): { ok: true; doc: DirectoryDocument } | { ok: false; error: OzError } {
  const r = v.safeParse(documentSchema, input);
  if (!r.success) {
    const issue = r.issues[0];
    const path = pathOf(issue);
    const what = path === '' ? issue.message : `${path} ${issue.message}`;
    return {
      ok: false,
      error: new OzError('INVALID_DIRECTORY', `Directory: ${what}`, path ? { path } : {}),
    };
  }
  const doc = r.output as DirectoryDocument;
  const dup =
    duplicateIn(doc.users, 'users') ??
    duplicateIn(doc.extensions, 'extensions') ??
    duplicateIn(doc.outsideLines, 'outsideLines');
  if (dup) return { ok: false, error: dup };
  return { ok: true, doc };
}

import { describe, expect, it } from 'vitest';
import directory from '../fixtures/directory.json';
import { parseDirectoryDocument } from '../../src/core/directoryDocument';

const fail = (doc: unknown) => {
  const r = parseDirectoryDocument(doc);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
};

describe('directory document validation', () => {
  it('accepts the fixture', () => {
    const r = parseDirectoryDocument(directory);
    expect(r.ok && r.doc.users).toHaveLength(5);
  });

  it('names the offending path', () => {
    const bad = structuredClone(directory) as { users: { devices: unknown }[] };
    (bad.users[3] as { devices: unknown }).devices = '1004';
    const e = fail(bad);
    expect(e.code).toBe('INVALID_DIRECTORY');
    expect(e.path).toBe('users[3].devices');
    expect(e.message).toContain('users[3].devices');
  });

  it('refuses a non-object, a missing array, empty ids and duplicates', () => {
    expect(fail(null).code).toBe('INVALID_DIRECTORY');
    expect(fail({ users: [] }).path).toBe('extensions');
    expect(fail({ users: [], extensions: [{ id: '', type: 'SIP' }] }).path).toBe(
      'extensions[0].id',
    );
    expect(
      fail({
        users: [],
        extensions: [
          { id: '1', type: 'SIP' },
          { id: '1', type: 'SIP' },
        ],
      }).path,
    ).toBe('extensions[1].id');
    expect(fail({ users: [{ id: 'u', fullName: 'U', devices: [7] }], extensions: [] }).path).toBe(
      'users[0].devices[0]',
    );
  });

  it('says in plain words what is wrong where', () => {
    const user = { id: 'u', fullName: 'U', devices: [] };
    const msg = (doc: unknown) => fail(doc).message;
    expect(msg({ users: [7], extensions: [] })).toBe('Directory: users[0] must be an object');
    expect(msg({ users: [{ id: 'u', devices: [] }], extensions: [] })).toBe(
      'Directory: users[0].fullName is missing',
    );
    expect(msg({ users: [user], extensions: [{ id: 'x', type: 'T'.repeat(300) }] })).toBe(
      'Directory: extensions[0].type must be at most 256 characters',
    );
    expect(msg({ users: [user, user], extensions: [] })).toBe(
      'Directory: users[1].id "u" is used twice',
    );
    expect(msg('users')).toBe(
      'Directory: the directory must be an object with users, extensions and outsideLines arrays',
    );
  });

  it('treats outsideLines as optional', () => {
    const r = parseDirectoryDocument({ users: [], extensions: [] });
    expect(r.ok && r.doc.outsideLines).toEqual([]);
  });
});

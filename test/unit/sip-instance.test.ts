import { Grammar } from 'sip.js';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveInstanceId, toInstanceUuid } from '../../src/sip/instance';

const g = globalThis as { sessionStorage?: unknown };
afterEach(() => {
  delete g.sessionStorage;
});

function fakeStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    size: () => m.size,
  };
}

describe('sip/instance', () => {
  it('any stable string becomes the same valid UUID (SIP.js only takes a UUID)', () => {
    const a = toInstanceUuid('reception-desk-1');
    expect(a).toBe(toInstanceUuid('reception-desk-1'));
    expect(a).not.toBe(toInstanceUuid('reception-desk-2'));
    expect(Grammar.parse(a, 'uuid')).not.toBe(-1);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const uuid = '8F0E5B8A-1001-4C1E-9A11-000000001001';
    expect(toInstanceUuid(uuid)).toBe(uuid.toLowerCase());
  });

  it('the configured id wins', () => {
    g.sessionStorage = fakeStorage();
    expect(resolveInstanceId('desk')).toBe(toInstanceUuid('desk'));
  });

  it('one id per tab, kept in sessionStorage across reloads', () => {
    const storage = fakeStorage();
    g.sessionStorage = storage;
    const first = resolveInstanceId(undefined);
    expect(resolveInstanceId(undefined)).toBe(first);
    expect(storage.getItem('ozkit:sip-instance-id')).toBe(first);
    g.sessionStorage = fakeStorage(); // another tab
    expect(resolveInstanceId(undefined)).not.toBe(first);
  });

  it('no storage (Node) or a throwing one (privacy mode): a fresh random id each time', () => {
    const a = resolveInstanceId(undefined);
    expect(Grammar.parse(a, 'uuid')).not.toBe(-1);
    expect(resolveInstanceId(undefined)).not.toBe(a);
    g.sessionStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(Grammar.parse(resolveInstanceId(''), 'uuid')).not.toBe(-1);
  });
});

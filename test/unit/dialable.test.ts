import { describe, expect, it } from 'vitest';
import { checkDialable, requireDialable } from '../../src/core/dialable';

describe('dialable numbers', () => {
  it('cleans pasted phone numbers', () => {
    expect(checkDialable(' +36 (1) 234-5678 ')).toEqual({ ok: true, number: '+3612345678' });
    expect(checkDialable('*72#')).toEqual({ ok: true, number: '*72#' });
  });
  it('accepts SIP URIs and extension names where allowed', () => {
    expect(checkDialable('sip:1002@ozkit.test')).toEqual({
      ok: true,
      number: 'sip:1002@ozkit.test',
    });
    expect(checkDialable('admin')).toEqual({ ok: true, number: 'admin' });
    expect(checkDialable('admin', { allowNames: false }).ok).toBe(false);
    expect(checkDialable('sip:1002@x', { allowSipUri: false }).ok).toBe(false);
  });
  it('says why it refuses', () => {
    expect(checkDialable('')).toEqual({ ok: false, reason: 'Enter a number to call' });
    expect(checkDialable('12+3')).toEqual({ ok: false, reason: 'A + may only stand at the start' });
    expect(checkDialable('<script>')).toMatchObject({ ok: false, reason: '"<" cannot be dialled' });
    expect(() => requireDialable('1;2')).toThrowError(
      expect.objectContaining({ code: 'INVALID_NUMBER' }),
    );
  });
});

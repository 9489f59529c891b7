import { describe, expect, it } from 'vitest';
import { addrSpec, displayName, parseUint, parseXsBoolean, unangle, uriUser } from './values.js';

describe('uriUser', () => {
  it.each([
    ['sip:1002@ozkit.test', '1002'],
    ['sips:1002@ozkit.test:5061;transport=tls', '1002'],
    ['<sip:1002@ozkit.test>', '1002'],
    ['"Bob Smith" <sip:bob@ozkit.test>;tag=abc', 'bob'],
    ['Bob <sip:bob:secret@ozkit.test>', 'bob'],
    ['sip:+4930123;phone-context=ozkit.test@ozkit.test;user=phone', '+4930123'],
    ['sip:al%20ice@x', 'al ice'],
    ['sip:bad%zz@x', 'bad%zz'],
    ['tel:+1-201-555-0123', '+12015550123'],
    ['TEL:+1.201.555.0123;ext=12', '+12015550123'],
    ['SIP:1003@Ozkit.Test', '1003'],
    ['1004@ozkit.test', '1004'],
    ['1005', '1005'],
    ['sip:ozkit.test', ''],
    ['', ''],
    ['  sip:1006@ozkit.test  ', '1006'],
  ])('%j → %j', (uri, user) => {
    expect(uriUser(uri)).toBe(user);
  });
});

describe('value helpers', () => {
  it('unangle / addrSpec / displayName', () => {
    expect(unangle(' <abc@x> ')).toBe('abc@x');
    expect(unangle('abc@x')).toBe('abc@x');
    expect(addrSpec('"A" <sip:a@b>;x')).toBe('sip:a@b');
    expect(displayName('"A \\"q\\"" <sip:a@b>')).toBe('A "q"');
    expect(displayName('Bob <sip:a@b>')).toBe('Bob');
    expect(displayName('<sip:a@b>')).toBeUndefined();
  });

  it('parseUint / parseXsBoolean', () => {
    expect(parseUint(' 42 ')).toBe(42);
    expect(parseUint('-1')).toBeUndefined();
    expect(parseUint('1e3')).toBeUndefined();
    expect(parseUint('9'.repeat(16))).toBeUndefined();
    expect(parseUint(undefined)).toBeUndefined();
    expect(parseXsBoolean('TRUE')).toBe(true);
    expect(parseXsBoolean('0')).toBe(false);
    expect(parseXsBoolean('yes')).toBeUndefined();
  });
});

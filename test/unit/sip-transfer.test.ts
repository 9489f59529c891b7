import { UserAgent, type Session } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { parseSipfrag, replacesTarget } from '../../src/sip/transfer';

describe('sip/transfer', () => {
  it('reads the status of a message/sipfrag NOTIFY body', () => {
    expect(parseSipfrag('SIP/2.0 200 OK')).toBe(200);
    expect(parseSipfrag('SIP/2.0 100 Trying\r\n')).toBe(100);
    expect(parseSipfrag('  sip/2.0 486 Busy Here')).toBe(486);
    expect(parseSipfrag('garbage')).toBeNull();
    expect(parseSipfrag(undefined)).toBeNull();
  });

  it('attended transfer targets the other party with Replaces, in angle brackets', () => {
    const remote = UserAgent.makeURI('sip:1003@ozkit.test')!;
    const other = {
      dialog: { remoteURI: remote, callId: 'a1b2@c', remoteTag: 'rt', localTag: 'lt' },
    } as unknown as Session;
    const uri = replacesTarget(other);
    expect(uri.toString()).toBe(
      '<sip:1003@ozkit.test?Replaces=a1b2%40c%3Bto-tag%3Drt%3Bfrom-tag%3Dlt>',
    );
    // what a SIP.js transferee's Referral makes of it: the INVITE's Replaces header
    expect(decodeURIComponent(String(uri.getHeader('replaces')))).toBe(
      'a1b2@c;to-tag=rt;from-tag=lt',
    );
    expect(() => replacesTarget({ dialog: undefined } as unknown as Session)).toThrowError(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
  });
});

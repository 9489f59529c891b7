import { describe, expect, it } from 'vitest';
import { blankSession } from '../../src/core/client';
import type { SessionRecord } from '../../src/core/types';
import { pickupRequest } from '../../src/sip/pickup';

const session = (over: Partial<SessionRecord>): SessionRecord => ({
  ...blankSession('s1', 0),
  caller: '1001',
  callee: '1002',
  source: '1001',
  destination: '1002',
  dialedNumber: '1002',
  ...over,
});

describe('sip/pickup (RFC 3891)', () => {
  it('INVITEs the caller, replacing its early dialog: to-tag = caller tag, from-tag = callee tag', () => {
    const r = pickupRequest(
      session({ sipCallId: 'abc@host', callerTag: 'ctag', calleeTag: 'etag' }),
    );
    expect(r.target).toBe('1001');
    expect(r.extraHeaders).toEqual([
      'Replaces: abc@host;to-tag=ctag;from-tag=etag;early-only',
      'Require: replaces',
    ]);
  });

  it('falls back to source when caller is empty', () => {
    const r = pickupRequest(
      session({ caller: '', source: '1005', sipCallId: 'x', callerTag: 'a', calleeTag: 'b' }),
    );
    expect(r.target).toBe('1005');
  });

  it('without the dialog identifiers: NOT_SUPPORTED with a plain message', () => {
    for (const missing of [
      {},
      { sipCallId: 'x' },
      { sipCallId: 'x', callerTag: 'a' },
      { callerTag: 'a', calleeTag: 'b' },
    ]) {
      expect(() => pickupRequest(session(missing))).toThrowError(
        expect.objectContaining({
          code: 'NOT_SUPPORTED',
          message: 'The PBX did not report the dialog identifiers needed for pickup',
          sessionId: 's1',
        }),
      );
    }
  });
});

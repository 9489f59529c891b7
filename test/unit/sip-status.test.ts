import { describe, expect, it } from 'vitest';
import { describeStatus, dialogSurvives, finalCallState, isGlare } from '../../src/sip/status';

describe('sip/status', () => {
  it('maps final answers to the CallState a caller sees', () => {
    const table: Record<number, string> = {
      486: 'BUSY',
      600: 'BUSY',
      404: 'NOT_FOUND',
      484: 'NOT_FOUND',
      604: 'NOT_FOUND',
      603: 'REJECTED',
      480: 'REJECTED',
      408: 'REJECTED',
      403: 'REJECTED',
      488: 'REJECTED',
      500: 'REJECTED',
      503: 'REJECTED',
      487: 'COMPLETED',
    };
    for (const [code, state] of Object.entries(table))
      expect([code, finalCallState(Number(code))]).toEqual([code, state]);
  });

  it('a dialog survives a reconnect only if the peer itself answered', () => {
    expect(dialogSurvives(200)).toBe(true);
    expect(dialogSurvives(488)).toBe(true);
    for (const lost of [408, 481, 477, 500, 503, 404]) expect(dialogSurvives(lost)).toBe(false);
  });

  it('glare: 491, or 500 with Retry-After', () => {
    expect(isGlare(491, false)).toBe(true);
    expect(isGlare(500, true)).toBe(true);
    expect(isGlare(500, false)).toBe(false);
    expect(isGlare(488, true)).toBe(false);
  });

  it('describes a status for people', () => {
    expect(describeStatus(486)).toBe('busy (SIP 486)');
    expect(describeStatus(499, 'Odd Thing')).toBe('odd thing (SIP 499)');
  });
});

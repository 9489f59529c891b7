import { describe, expect, it } from 'vitest';
import { createSipLogger } from '../../src/sip/logger';

describe('sip/logger', () => {
  it("routes SIP.js's log lines through the redactor: no password, no Authorization", () => {
    const lines: string[] = [];
    const log = createSipLogger(
      (level, category, message) => lines.push(`${level}|${category}|${message}`),
      () => ['s3cret-pw'],
    );
    log.connector(
      'debug',
      'sip.Transport',
      undefined,
      'Sending WebSocket message:\r\n\r\nREGISTER sip:ozkit.test SIP/2.0\r\nAuthorization: Digest username="1001", realm="ozkit.test", nonce="abc", response="0123456789abcdef0123456789abcdef"\r\nContact: <sip:x@y.invalid>\r\n',
    );
    log.connector('log', 'sip.UserAgent', 'ua', 'password is s3cret-pw here');
    const all = lines.join('\n');
    expect(all).not.toContain('s3cret-pw');
    expect(all).not.toContain('0123456789abcdef0123456789abcdef');
    expect(all).toContain('Authorization: [redacted]');
    expect(all).toContain('Contact: <sip:x@y.invalid>');
    expect(lines[1]).toBe('log|sip.UserAgent ua|password is [redacted] here');
    expect(log.enabled).toBe(true);
  });

  it('no sink: disabled and silent; a throwing sink never breaks SIP processing', () => {
    expect(createSipLogger(undefined, () => []).enabled).toBe(false);
    const log = createSipLogger(
      () => {
        throw new Error('sink broke');
      },
      () => [],
    );
    expect(() => log.connector('error', 'sip', undefined, 'x')).not.toThrow();
    expect(() => log.warn('y')).not.toThrow();
  });
});

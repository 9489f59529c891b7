import { describe, expect, it } from 'vitest';
import { createRedactingLogger, redact } from '../../src/core/log';

describe('redacting logger', () => {
  it('removes Authorization headers and digest responses', () => {
    const msg =
      'REGISTER sip:x SIP/2.0\r\nAuthorization: Digest username="1001", response="abc123"\r\nProxy-Authorization: Digest response="zz"\r\nVia: x';
    const out = redact(msg);
    expect(out).not.toContain('abc123');
    expect(out).not.toContain('zz"');
    expect(out).toContain('Authorization: [redacted]');
    expect(out).toContain('Via: x');
  });
  it('never lets the password through, wherever it appears', () => {
    const lines: string[] = [];
    const log = createRedactingLogger(
      (_l, _c, m) => lines.push(m),
      () => ['s3cret!'],
    );
    log.log('debug', 'sip', 'password is s3cret! and {"password":"s3cret!"}');
    expect(lines.join()).not.toContain('s3cret!');
  });
});

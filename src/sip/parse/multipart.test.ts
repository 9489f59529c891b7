import { describe, expect, it } from 'vitest';
import { parseContentType } from './contentType.js';
import { parseMultipart } from './multipart.js';
import { rlsNotify } from './fixtures/kamailio.js';
import { reason } from './fixtures/reason.js';

describe('parseContentType', () => {
  it('parses quoted and unquoted parameters, case-insensitive names', () => {
    expect(
      parseContentType(
        'Multipart/Related; TYPE="application/rlmi+xml";start="<a;b@x>" ; boundary=abc;x;q="a\\"b"',
      ),
    ).toEqual({
      mediaType: 'multipart/related',
      params: { type: 'application/rlmi+xml', start: '<a;b@x>', boundary: 'abc', q: 'a"b' },
    });
    expect(parseContentType('text/plain').params).toEqual({});
  });
});

describe('parseMultipart', () => {
  it('splits a Kamailio RLS body (CRLF, quoted boundary)', () => {
    const { contentType, body } = rlsNotify();
    const parts = parseMultipart(contentType, body);
    expect(parts.map((p) => [p.contentType, p.contentId])).toEqual([
      ['application/rlmi+xml', 'rlmi.k2vd7@proto.test'],
      ['application/dialog-info+xml', 'cid-1001@proto.test'],
      ['application/dialog-info+xml', 'cid-1002@proto.test'],
    ]);
    expect(parts[0]?.headers['content-transfer-encoding']).toBe('binary');
    expect(parts[0]?.headers['content-type']).toBe('application/rlmi+xml;charset="UTF-8"');
    expect(parts[1]?.body.startsWith('<?xml')).toBe(true);
    expect(parts[1]?.body.endsWith('</dialog-info>')).toBe(true);
  });

  it('accepts LF line endings, an unquoted boundary, preamble, epilogue and padding', () => {
    const body =
      'This is a preamble.\n--b1  \ncontent-type: text/plain\nCONTENT-ID: x@y\n\nhello\n--b1\nContent-Type: application/pidf+xml;\n charset=utf-8\n\n<p/>\n--b1-- \nepilogue --b1\n';
    const parts = parseMultipart('multipart/mixed; boundary=b1', body);
    expect(parts).toEqual([
      {
        contentType: 'text/plain',
        headers: { 'content-type': 'text/plain', 'content-id': 'x@y' },
        body: 'hello',
        contentId: 'x@y',
      },
      {
        contentType: 'application/pidf+xml',
        headers: { 'content-type': 'application/pidf+xml; charset=utf-8' },
        body: '<p/>',
      },
    ]);
  });

  it('does not split on a longer boundary or mid-line occurrences', () => {
    const body = '--ab\r\n\r\nx --ab y\r\n--abc\r\n--ab--';
    const parts = parseMultipart('multipart/related;boundary=ab', body);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.body).toBe('x --ab y\r\n--abc');
    expect(parts[0]?.contentType).toBe('text/plain');
  });

  it('tolerates a missing close delimiter and empty parts', () => {
    const parts = parseMultipart(
      'multipart/related;boundary=z',
      '--z\r\n\r\n--z\r\nA: 1\r\n\r\nlast',
    );
    expect(parts.map((p) => p.body)).toEqual(['', 'last']);
    expect(parts[1]?.headers).toEqual({ a: '1' });
  });

  it.each([
    ['multipart/related', '--a\r\n\r\nx\r\n--a--', 'missing boundary'],
    ['application/rlmi+xml; boundary=a', '--a\r\n\r\nx\r\n--a--', 'not a multipart'],
    ['multipart/related; boundary=a', 'no delimiter here', 'not found'],
    ['multipart/related; boundary=a', '--a--\r\n', 'no body parts'],
    ['multipart/related; boundary=a', '--a', 'no body parts'],
    ['multipart/related; boundary=' + 'x'.repeat(201), '', 'too long'],
  ])('rejects %j / %j', (ct, body, msg) => {
    expect(reason(() => parseMultipart(ct, body))).toContain(msg);
  });

  it('rejects oversized bodies', () => {
    expect(
      reason(() => parseMultipart('multipart/related;boundary=a', 'x'.repeat(1024 * 1024 + 1))),
    ).toContain('too large');
  });
});

import type { Core } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { messageText } from '../../src/sip/messages';

const req = (contentType: string | undefined, body: string) =>
  ({
    getHeader: (n: string) => (n === 'content-type' ? contentType : undefined),
    body,
  }) as unknown as Core.IncomingRequestMessage;

describe('sip/messages', () => {
  it('takes the text of text/* MESSAGEs (no Content-Type counts as text/plain)', () => {
    expect(messageText(req('text/plain;charset=UTF-8', 'hello'))).toBe('hello');
    expect(messageText(req('text/html', '<b>x</b>'))).toBe('<b>x</b>');
    expect(messageText(req(undefined, 'plain'))).toBe('plain');
  });

  it('refuses other types (answered 415 by the backend)', () => {
    expect(messageText(req('application/im-iscomposing+xml', '<x/>'))).toBeNull();
  });
});

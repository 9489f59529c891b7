// Importing ozkit/widget where there is no DOM (server rendering, Node tools) must not throw
// and must touch no browser global; the element is defined only in a browser.
import { describe, expect, it } from 'vitest';

describe('ozkit/widget outside a browser', () => {
  it('imports without a DOM and defines nothing', async () => {
    expect(typeof HTMLElement).toBe('undefined');
    const widget = await import('../../src/widget/index');
    expect(typeof widget.defineOzDialer).toBe('function');
    expect(typeof widget.OzDialerElement).toBe('function');
    expect(() => widget.defineOzDialer()).not.toThrow();
    expect(widget.OZ_DIALER_TAG).toBe('oz-dialer');
  });
});

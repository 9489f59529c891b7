import { OzDialerElement } from './element';

export const OZ_DIALER_TAG = 'oz-dialer';

/**
 * Registers <oz-dialer> (or `tagName`) once; a second call, or a second copy of the script on
 * the page, is a no-op. Does nothing outside a browser.
 */
export function defineOzDialer(tagName: string = OZ_DIALER_TAG): void {
  if (typeof customElements === 'undefined' || customElements.get(tagName)) return;
  // Each tag needs its own constructor: one class cannot be defined under two names.
  const ctor = tagName === OZ_DIALER_TAG ? OzDialerElement : class extends OzDialerElement {};
  customElements.define(tagName, ctor);
}

// 'ozkit/widget': importing it registers <oz-dialer> (a deliberate side effect, listed in
// package.json sideEffects). dist/ozkit-dialer.js is this entry with everything bundled.
import { defineOzDialer } from './define';
import type { OzDialerElement } from './element';
import type { OzDialerEventMap } from './events';

export { defineOzDialer, OZ_DIALER_TAG } from './define';
export { OzDialerElement } from './element';
export type { OzDialerCallType } from './element';
export type {
  OzCallStateDetail,
  OzConnectionDetail,
  OzDialerEventMap,
  OzDialerEventName,
  OzDtmfDetail,
  OzErrorDetail,
  OzIncomingCallDetail,
  OzMessageDetail,
} from './events';
export type { WidgetCredentials, WidgetLogin } from './secrets';
export type { WidgetTheme } from './attributes';
export { defaultWidgetLabels } from './labels';
export type { OzDialerLabels, WidgetLabels } from './labels';

declare global {
  interface HTMLElementTagNameMap {
    'oz-dialer': OzDialerElement;
  }
  // Typed listeners: el.addEventListener('oz-call-state', (e) => e.detail.state).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends OzDialerEventMap {}
}

defineOzDialer();

// Client events become the widget's DOM events. Only this widget's own client is listened to,
// so events of other widgets on the page (or forged DOM events) never reach its state.
import type { Call } from '../core/call';
import type { OzClient } from '../core/client';
import type { OzError } from '../core/errors';
import type { OzDialerEventDetail, OzDialerEventName } from './events';

export type WidgetEmit = <K extends OzDialerEventName>(
  name: K,
  detail: OzDialerEventDetail<K>,
) => void;

/** Subscribes to `client`; returns the function that removes every subscription. */
export function bridgeClientEvents(
  client: OzClient,
  emit: WidgetEmit,
  onError: (error: OzError) => void,
): () => void {
  // Per-call listeners (DTMF, messages) are attached once per call; a Call drops its own
  // handlers when it ends, so nothing outlives the call.
  const seen = new WeakSet<Call>();
  const follow = (call: Call) => {
    if (seen.has(call)) return;
    seen.add(call);
    call.onDtmfReceived((key) => emit('oz-dtmf', { callId: call.id, key }));
    call.onMessageReceived((text) =>
      emit('oz-message', { callId: call.id, from: call.getOtherParty(), text }),
    );
  };
  const offs = [
    client.onConnectionStateChanged((info) => emit('oz-connection', { state: info.State })),
    client.onIncomingCall((call) => {
      follow(call);
      emit('oz-incoming-call', {
        callId: call.id,
        from: call.getOtherParty(),
        displayName: call.getOtherPartyName(),
      });
    }),
    client.onCallStateChanged((call, state) => {
      follow(call);
      emit('oz-call-state', { callId: call.id, state, otherParty: call.getOtherParty() });
    }),
    client.onErrorOccured(onError),
  ];
  return () => {
    for (const off of offs) off();
  };
}

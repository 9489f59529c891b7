// A PbxBackend with no calls of its own: it connects at once and keeps the core's BackendEvents,
// so a test or benchmark can feed PBX events (lamps, sessions, NOTIFY bodies) into a real client.
import { OzError } from '../../src/core/errors';
import type { BackendEvents, ConnectParams, PbxBackend } from '../../src/core/ports';

const notSupported = (): Promise<never> =>
  Promise.reject(new OzError('NOT_SUPPORTED', 'This test backend has no calls of its own'));

export class EventOnlyBackend implements PbxBackend {
  readonly kind: string = 'event-only';
  readonly capabilities = { video: false, attendedTransfer: false, pickup: false };
  events: BackendEvents | null = null;

  async connect(_params: ConnectParams, events: BackendEvents): Promise<void> {
    this.events = events;
    events.connection({ phase: 'registered', state: 'ACCESS_GRANTED' });
  }
  async disconnect(): Promise<void> {}
  startCall = notSupported;
  accept = notSupported;
  reject = notSupported;
  hangUp = notSupported;
  hold = notSupported;
  unHold = notSupported;
  transfer = notSupported;
  attendedTransfer = notSupported;
  forward = notSupported;
  sendDtmf = notSupported;
  setMuted = notSupported;
  sendMessage = notSupported;
  pickup = notSupported;
  attachCamera = notSupported;
  setRemoteDisplay(): void {}
}

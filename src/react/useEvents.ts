import { useEffect } from 'react';
import type { Call } from '../core/call';
import type { OzClient } from '../core/client';
import type { CallState } from '../core/enums';
import type { OzError } from '../core/errors';
import type { Session } from '../core/session';
import type { CallHistoryInfo, ClientInfo, ConnectionInfo, User } from '../core/types';
import { useOzContext } from './context';
import { useLatest } from './internal';

/** The client's events by name (Ozeki's on… methods without the "on"), with their arguments. */
export interface OzEventMap {
  connectionStateChanged: [info: ConnectionInfo];
  clientStateChanged: [client: ClientInfo];
  incomingCall: [call: Call];
  sessionCreated: [session: Session];
  sessionClosed: [session: Session];
  errorOccured: [error: OzError];
  callHistoryInfoReceived: [history: CallHistoryInfo];
  userInfoReceived: [user: User];
  callStateChanged: [call: Call, state: CallState];
}
export type OzEventName = keyof OzEventMap;
export type OzEventHandler<K extends OzEventName> = (...args: OzEventMap[K]) => void;

type Subscribe = { [K in OzEventName]: (c: OzClient, h: OzEventHandler<K>) => () => void };
const subscribe: Subscribe = {
  connectionStateChanged: (c, h) => c.onConnectionStateChanged(h),
  clientStateChanged: (c, h) => c.onClientStateChanged(h),
  incomingCall: (c, h) => c.onIncomingCall(h),
  sessionCreated: (c, h) => c.onSessionCreated(h),
  sessionClosed: (c, h) => c.onSessionClosed(h),
  errorOccured: (c, h) => c.onErrorOccured(h),
  callHistoryInfoReceived: (c, h) => c.onCallHistoryInfoReceived(h),
  userInfoReceived: (c, h) => c.onUserInfoReceived(h),
  callStateChanged: (c, h) => c.onCallStateChanged(h),
};

/**
 * Subscribes to one client event while mounted. The handler may be a new function on every
 * render: the subscription holds a ref to the newest one, so it is made once per client and
 * removed on unmount.
 */
export function useOzEvent<K extends OzEventName>(
  event: K,
  handler: OzEventHandler<K> | null | undefined,
): void {
  const { client } = useOzContext(`useOzEvent('${event}')`);
  const latest = useLatest(handler);
  useEffect(() => {
    if (!client) return;
    const relay = ((...args: OzEventMap[K]) => latest.current?.(...args)) as OzEventHandler<K>;
    return subscribe[event](client, relay);
  }, [client, event, latest]);
}

export const useConnectionStateEvent = (h: OzEventHandler<'connectionStateChanged'>) =>
  useOzEvent('connectionStateChanged', h);
export const useClientStateEvent = (h: OzEventHandler<'clientStateChanged'>) =>
  useOzEvent('clientStateChanged', h);
export const useIncomingCallEvent = (h: OzEventHandler<'incomingCall'>) =>
  useOzEvent('incomingCall', h);
export const useSessionCreatedEvent = (h: OzEventHandler<'sessionCreated'>) =>
  useOzEvent('sessionCreated', h);
export const useSessionClosedEvent = (h: OzEventHandler<'sessionClosed'>) =>
  useOzEvent('sessionClosed', h);
export const useErrorEvent = (h: OzEventHandler<'errorOccured'>) => useOzEvent('errorOccured', h);
export const useCallHistoryInfoEvent = (h: OzEventHandler<'callHistoryInfoReceived'>) =>
  useOzEvent('callHistoryInfoReceived', h);
export const useUserInfoEvent = (h: OzEventHandler<'userInfoReceived'>) =>
  useOzEvent('userInfoReceived', h);
/** Every state change of every own call, ANSWERED included (the store only keeps IN_CALL). */
export const useCallStateEvent = (h: OzEventHandler<'callStateChanged'>) =>
  useOzEvent('callStateChanged', h);

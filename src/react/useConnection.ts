import { useMemo } from 'react';
import type { ConnectProperties, OzClient } from '../core/client';
import { OzError } from '../core/errors';
import type { OzState } from '../core/store';
import type { ConnectionRecord } from '../core/types';
import { useOzContext } from './context';
import { useOzSelector } from './internal';

/** The connection record (Ozeki `state` plus the finer `phase`) with a few derived flags. */
export interface ConnectionStatus extends ConnectionRecord {
  /** Registered: calls can be made. */
  readonly connected: boolean;
  /** Dropped and trying again; `nextAttemptAt` says when. */
  readonly reconnecting: boolean;
  /** connect() is on its way (first attempt). */
  readonly connecting: boolean;
}

const statusCache = new WeakMap<ConnectionRecord, ConnectionStatus>();
// One status object per connection record, so every component gets the same object.
const statusOf = (r: ConnectionRecord): ConnectionStatus => {
  let s = statusCache.get(r);
  if (!s) {
    s = Object.freeze({
      ...r,
      connected: r.registered,
      reconnecting: r.phase === 'reconnecting',
      connecting: r.phase === 'connecting',
    });
    statusCache.set(r, s);
  }
  return s;
};
const selectConnection = (s: OzState) => s.connection;

/** Re-renders when the connection changes, and only then. */
export function useConnectionState(): ConnectionStatus {
  return statusOf(useOzSelector(selectConnection));
}

export interface ConnectionActions {
  /** Resolves once the attempt is over; the outcome is in useConnectionState(). */
  connect(
    server: string,
    user: string,
    password?: string,
    properties?: ConnectProperties,
  ): Promise<void>;
  disconnect(): Promise<void>;
}

const noClient = () =>
  new OzError('NOT_CONNECTED', 'The OzProvider has not created its client yet');

/** Stable connect/disconnect callbacks of the provider's client. */
export function useConnectionActions(): ConnectionActions {
  const { client } = useOzContext('useConnectionActions()');
  return useMemo(() => connectionActions(client), [client]);
}

function connectionActions(client: OzClient | null): ConnectionActions {
  return {
    connect: (server, user, password, properties = {}) => {
      if (!client) return Promise.reject(noClient());
      try {
        return client.connectAsync(server, user, {
          ...properties,
          ...(password !== undefined && { Password: password }),
        });
      } catch (err) {
        // connectAsync throws synchronously on a bad argument; a hook action rejects instead.
        return Promise.reject(OzError.from(err, 'INVALID_ARGUMENT', 'connect failed'));
      }
    },
    disconnect: () => (client ? client.disconnectAsync() : Promise.resolve()),
  };
}

import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ConnectProperties, OzClient } from '../core/client';
import { OzError } from '../core/errors';
import type { OzClientOptions } from '../core/options';
import { createOzStore } from '../core/store';
import { createOzWebClient } from '../index';
import { OzContext, type OzContextValue } from './context';
import { useLatest } from './internal';

/** What the provider logs in with: Ozeki's connect(serverAddress, token, { Password }). */
export interface OzCredentials {
  /** WebSocket URL (or host) of the PBX; for the simulator any string. */
  readonly server: string;
  /** The extension (Ozeki's token). */
  readonly user: string;
  readonly password?: string;
  /** Further connect() properties, sent as they are. */
  readonly properties?: Readonly<Record<string, unknown>>;
}

interface CommonProps {
  children?: ReactNode;
  /** Connect with `credentials` on mount (and on every change of them); disconnect on unmount. */
  autoConnect?: boolean;
  credentials?: OzCredentials;
}

/**
 * `client`: a client the app made and owns (the provider connects and disconnects it only with
 * autoConnect). `options`: the provider creates a client of its own in an effect — never during
 * render — and disconnects it on unmount; the options are read when it is created.
 */
export type OzProviderProps = CommonProps &
  ({ client: OzClient; options?: undefined } | { client?: undefined; options?: OzClientOptions });

const keyOf = (c: OzCredentials | undefined): string | null =>
  c ? JSON.stringify([c.server, c.user, c.password ?? null, c.properties ?? null]) : null;

const propertiesOf = (c: OzCredentials): ConnectProperties => ({
  ...c.properties,
  ...(c.password !== undefined && { Password: c.password }),
});

const quiet = () => {};

export function OzProvider(props: OzProviderProps): ReactNode {
  const { client: given, options, autoConnect = false, credentials, children } = props;
  // Hooks read this empty store until an own client exists, so the server renders disconnected.
  const [placeholder] = useState(createOzStore);
  const [owned, setOwned] = useState<OzClient | null>(null);
  const [failure, setFailure] = useState<OzError | null>(null);
  if (failure) throw failure;

  const credKey = keyOf(credentials);
  const latest = useLatest({ options, credentials });
  // Survives StrictMode's simulated unmount, so mount–unmount–mount reuses one client.
  const ownedRef = useRef<{ key: string | null; client: OzClient } | null>(null);
  // The last disconnect of an own client: a client for new credentials connects after it.
  const stopped = useRef<Promise<void>>(Promise.resolve());

  const connect = (client: OzClient) => {
    const c = latest.current.credentials;
    if (!autoConnect || !c) return;
    try {
      // Called synchronously: the client's queue lets a later disconnect/connect supersede it
      // before anything is sent (StrictMode's connect–disconnect–connect sends one REGISTER).
      void client.connectAsync(c.server, c.user, propertiesOf(c)).catch(quiet);
    } catch (err) {
      setFailure(OzError.from(err, 'INVALID_ARGUMENT', 'OzProvider: invalid credentials'));
    }
  };

  useEffect(() => {
    if (given) return;
    let entry = ownedRef.current;
    const fresh = entry === null || entry.key !== credKey;
    if (entry === null || fresh) {
      // New credentials get a new client, so nothing of the old account (history, calls) shows.
      entry = { key: credKey, client: createOzWebClient(latest.current.options ?? {}) };
      ownedRef.current = entry;
    }
    const client = entry.client;
    setOwned(client);
    let cancelled = false;
    if (fresh) {
      // A new client has its own queue: wait until the previous client has let go.
      void stopped.current.then(() => {
        if (!cancelled) connect(client);
      });
    } else connect(client);
    return () => {
      cancelled = true;
      stopped.current = client.disconnectAsync().catch(quiet);
    };
    // connect() reads the newest credentials through `latest`; credKey says when they changed.
  }, [given, credKey, autoConnect]);

  useEffect(() => {
    if (!given || !autoConnect || credKey === null) return;
    connect(given);
    return () => void given.disconnectAsync().catch(quiet);
  }, [given, credKey, autoConnect]);

  const client = given ?? owned;
  const store = client?.store ?? placeholder;
  const value = useMemo<OzContextValue>(() => ({ client, store }), [client, store]);
  return <OzContext.Provider value={value}>{children}</OzContext.Provider>;
}

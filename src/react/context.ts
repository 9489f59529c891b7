import { createContext, useContext } from 'react';
import type { OzClient } from '../core/client';
import { OzError } from '../core/errors';
import type { OzStore } from '../core/store';

/**
 * What a provider hands down. `store` is never null: before an options provider has created its
 * client (the first render, and always on the server) it is an empty store of the provider's own,
 * so every hook reads the disconnected state instead of throwing.
 */
export interface OzContextValue {
  readonly client: OzClient | null;
  readonly store: OzStore;
}

export const OzContext = createContext<OzContextValue | null>(null);
OzContext.displayName = 'OzContext';

const outside = (hook: string) =>
  new OzError(
    'INVALID_STATE',
    `${hook} was called outside <OzProvider>: wrap the component tree in ` +
      '<OzProvider client={client}> or <OzProvider options={…} credentials={…}>',
  );

/** @internal The provider's value; throws a clear OzError outside a provider. */
export function useOzContext(hook = 'An ozkit hook'): OzContextValue {
  const value = useContext(OzContext);
  if (!value) throw outside(hook);
  return value;
}

/**
 * The client of the nearest <OzProvider>. Throws an OzError (INVALID_STATE) outside a provider.
 * Null only while an `options` provider has not created its client yet: on the first render in
 * the browser, and on the server, where effects never run.
 */
export function useOzClient(): OzClient | null {
  return useOzContext('useOzClient()').client;
}

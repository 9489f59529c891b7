import { useMemo } from 'react';
import type { ExtensionState } from '../core/enums';
import {
  Helper,
  getExtensionById,
  getExtensions,
  getExtensionsByType,
  getOutsideLineById,
  getOutsideLines,
  getOutsideLinesByType,
  getUserByExtension,
  getUserById,
} from '../core/helper';
import { OzError } from '../core/errors';
import type { Session } from '../core/session';
import type { OzState } from '../core/store';
import type { Extension, User } from '../core/types';
import { useOzContext } from './context';
import { isId, useOzList, useOzSelector, valuesOf } from './internal';

// Every hook here is one pure selector of core/helper.ts over the store: the Ozeki Helper and the
// hooks share one implementation and one memo (same map in, same object out).

const selectDirectoryVersion = (s: OzState) => s.directoryVersion;

/**
 * Ozeki's `helper`, bound to the provider's client. The component re-renders whenever the
 * directory is (re)loaded, so `useHelper().getUserById('admin')` in render follows it; for
 * sessions and lamps, which change all the time, use the dedicated hooks.
 */
export function useHelper(): Helper<Session> {
  const { client, store } = useOzContext('useHelper()');
  useOzSelector(selectDirectoryVersion);
  return useMemo(
    () =>
      client?.helper ??
      // Before the client exists the store is empty, so no session is ever wrapped.
      new Helper<Session>(store, () => {
        throw new OzError('NOT_CONNECTED', 'The OzProvider has not created its client yet');
      }),
    [client, store],
  );
}

/** A user of the directory, or null. */
export function useUser(userId: string | null | undefined): User | null {
  return useOzSelector((s) => (isId(userId) ? getUserById(s, userId) : null));
}

/** Every user of the directory. */
export function useUsers(): readonly User[] {
  return useOzList((s) => valuesOf(s.users));
}

/** The user who owns an extension (one of their devices), or null. */
export function useUserByExtension(extensionId: string | null | undefined): User | null {
  return useOzSelector((s) => (isId(extensionId) ? getUserByExtension(s, extensionId) : null));
}

/** An extension record, or null. A lamp change does not re-render it (see useExtensionState). */
export function useExtension(extensionId: string | null | undefined): Extension | null {
  return useOzSelector((s) => (isId(extensionId) ? getExtensionById(s, extensionId) : null));
}

/** Every extension, or those of one type (case-insensitive, as the Helper). */
export function useExtensions(type?: string): readonly Extension[] {
  return useOzList((s) => valuesOf(isId(type) ? getExtensionsByType(s, type) : getExtensions(s)));
}

/** An outside line, or null. */
export function useOutsideLine(lineId: string | null | undefined): Extension | null {
  return useOzSelector((s) => (isId(lineId) ? getOutsideLineById(s, lineId) : null));
}

/** Every outside line, or those of one type. */
export function useOutsideLines(type?: string): readonly Extension[] {
  return useOzList((s) =>
    valuesOf(isId(type) ? getOutsideLinesByType(s, type) : getOutsideLines(s)),
  );
}

/** The BLF lamp of an extension; 'unknown' when nothing is known about it. */
export function useExtensionState(extensionId: string | null | undefined): ExtensionState {
  return useOzSelector((s) =>
    isId(extensionId) ? (s.extensionStates[extensionId] ?? 'unknown') : 'unknown',
  );
}

import { useInsertionEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/shallow';
import type { OzState } from '../core/store';
import { useOzContext } from './context';

/** One value from the provider's store; re-renders only when the selected value changes. */
export function useOzSelector<T>(selector: (state: OzState) => T): T {
  return useStore(useOzContext().store, selector);
}

/**
 * A list from the store. useShallow hands back the previous array while its members are the same
 * objects, so a list keeps its identity even when its source map was replaced for another record.
 */
export function useOzList<T>(selector: (state: OzState) => readonly T[]): readonly T[] {
  return useStore(useOzContext().store, useShallow(selector));
}

export const EMPTY: readonly never[] = Object.freeze([]);

const valuesCache = new WeakMap<object, readonly unknown[]>();

/** Object.values of a store map, cached on the map's identity (maps are replaced on change). */
export function valuesOf<T>(map: Readonly<Record<string, T>>): readonly T[] {
  let values = valuesCache.get(map) as readonly T[] | undefined;
  if (!values) {
    values = Object.freeze(Object.values(map));
    valuesCache.set(map, values);
  }
  return values;
}

/** Derives a list from a map once per map identity, shared by every component that asks. */
export function derivedList<M extends object, T>(
  derive: (map: M) => readonly T[],
): (map: M) => readonly T[] {
  const cache = new WeakMap<M, readonly T[]>();
  return (map) => {
    let out = cache.get(map);
    if (!out) {
      out = Object.freeze(derive(map));
      cache.set(map, out);
    }
    return out;
  };
}

/** A missing or empty id never reaches a selector (hooks return null for it, never throw). */
export const isId = (id: unknown): id is string => typeof id === 'string' && id !== '';

/**
 * The newest value of `value`, readable from callbacks and subscriptions without making them
 * change: updated after each commit, before layout effects (and never on the server).
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}

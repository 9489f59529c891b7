/**
 * Caches a derived value per (source object, key). Store maps are replaced on change, so the
 * source's identity is the cache key: same map in, same derived object out (stable for React).
 */
export function memoByIdentity<S extends object, R>(
  derive: (source: S, key: string) => R,
): (source: S, key: string) => R {
  const cache = new WeakMap<S, Map<string, R>>();
  return (source, key) => {
    let perKey = cache.get(source);
    if (!perKey) {
      perKey = new Map();
      cache.set(source, perKey);
    }
    if (perKey.has(key)) return perKey.get(key) as R;
    const value = derive(source, key);
    perKey.set(key, value);
    return value;
  };
}

/** Picks the entries of an id-keyed map that satisfy `keep`, as a new id-keyed object. */
export function pickBy<T>(
  map: Readonly<Record<string, T>>,
  keep: (value: T) => boolean,
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const id of Object.keys(map)) {
    const v = map[id] as T;
    if (keep(v)) out[id] = v;
  }
  return out;
}

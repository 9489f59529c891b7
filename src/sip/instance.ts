const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STORAGE_KEY = 'ozkit:sip-instance-id';

function randomUuid(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (ch) => {
    const r = Math.floor(Math.random() * 16);
    return (ch === 'x' ? r : (r % 4) + 8).toString(16);
  });
}

/**
 * Any stable string as a UUID (SIP.js only accepts a UUID as +sip.instance): an app may pass
 * "reception-desk-1" and get the same binding identity on every start.
 */
export function toInstanceUuid(id: string): string {
  if (UUID.test(id)) return id.toLowerCase();
  // Four FNV-1a hashes with different seeds give 128 bits; then set the RFC 4122 bits.
  const words = [0x811c9dc5, 0x01000193, 0x050c5d1f, 0x6c62272e].map((seed) => {
    let h = seed >>> 0;
    for (let i = 0; i < id.length; i++) {
      h ^= id.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
  });
  const hex = words.join('');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The +sip.instance of this client: the configured one, else one per browser tab kept in
 * sessionStorage (a reload replaces the tab's own binding; two tabs do not evict each other),
 * else a random one per backend. Read only at connect time, never at import.
 */
export function resolveInstanceId(configured: string | undefined): string {
  if (configured !== undefined && configured.trim() !== '')
    return toInstanceUuid(configured.trim());
  try {
    const storage = typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
    if (storage) {
      const kept = storage.getItem(STORAGE_KEY);
      if (kept && UUID.test(kept)) return kept;
      const fresh = randomUuid();
      storage.setItem(STORAGE_KEY, fresh);
      return fresh;
    }
  } catch {
    // Storage can throw (privacy modes, sandboxed frames): fall back to a per-backend id.
  }
  return randomUuid();
}

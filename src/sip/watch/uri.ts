import { uriUser } from '../parse';

/** The SIP URI to SUBSCRIBE to for an extension id (`1001` → `sip:1001@domain`); URIs pass through. */
export function targetUri(ext: string, domain: string): string {
  if (/^sips?:/i.test(ext)) return ext;
  return ext.includes('@') ? `sip:${ext}` : `sip:${ext}@${domain}`;
}

/** The key an extension is matched by in RLMI resources and dialog-info entities: its user part. */
export function userKey(ext: string): string {
  return (/^sips?:|@/i.test(ext) ? uriUser(ext) : ext).toLowerCase();
}

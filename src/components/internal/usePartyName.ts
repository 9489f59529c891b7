import { useExtension, useOutsideLine, useUserByExtension } from '../../react';

/** The directory's name for a number (extension, outside line, or a user's device). */
export function usePartyName(
  number: string | null | undefined,
  fallback?: string | null,
): string | null {
  const ext = useExtension(number);
  const line = useOutsideLine(number);
  const user = useUserByExtension(number);
  return ext?.displayName || line?.displayName || user?.fullName || fallback || null;
}

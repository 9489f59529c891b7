/**
 * Re-register promptly when the browser says the network is back (`online`) or a hidden tab
 * becomes visible again (timers may have been throttled while hidden). Attached only while
 * connected and only where `window`/`document` exist; returns the function that removes them.
 */
export function attachBrowserTriggers(refresh: (why: 'online' | 'visible') => void): () => void {
  const win = typeof window === 'undefined' ? undefined : window;
  const doc = typeof document === 'undefined' ? undefined : document;
  const onOnline = () => refresh('online');
  const onVisibility = () => {
    if (doc?.visibilityState === 'visible') refresh('visible');
  };
  win?.addEventListener?.('online', onOnline);
  doc?.addEventListener?.('visibilitychange', onVisibility);
  return () => {
    win?.removeEventListener?.('online', onOnline);
    doc?.removeEventListener?.('visibilitychange', onVisibility);
  };
}

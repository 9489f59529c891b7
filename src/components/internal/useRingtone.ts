import { useCallback, useEffect, useRef, useState } from 'react';
import { startRingtone, type AudioContextFactory } from './tones';

/**
 * Rings while `active`. `blocked` is true while the browser's autoplay policy keeps the context
 * suspended (no click on the page yet): the caller shows a button whose click calls `enable`.
 */
export function useRingtone(active: boolean, make: AudioContextFactory) {
  const [blocked, setBlocked] = useState(false);
  const ctx = useRef<AudioContext | null>(null);
  useEffect(() => {
    if (!active) return;
    const audio = make();
    if (!audio) return;
    ctx.current = audio;
    const update = () => setBlocked(audio.state === 'suspended');
    audio.addEventListener('statechange', update);
    update();
    const stop = startRingtone(audio);
    return () => {
      stop();
      audio.removeEventListener('statechange', update);
      void audio.close().catch(() => {});
      ctx.current = null;
      setBlocked(false);
    };
  }, [active, make]);
  const enable = useCallback(() => {
    void ctx.current?.resume().catch(() => {});
  }, []);
  return { blocked, enable };
}

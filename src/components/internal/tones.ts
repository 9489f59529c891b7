// Call sounds synthesised with Web Audio, so the kit ships no audio files.

/** Makes the AudioContext of a component; null where Web Audio is missing (server, jsdom). */
export type AudioContextFactory = () => AudioContext | null;

export const createAudioContext: AudioContextFactory = () =>
  typeof AudioContext === 'undefined' ? null : new AudioContext();

const ROWS = [697, 770, 852, 941];
const COLS = [1209, 1336, 1477];
const LAYOUT = '123456789*0#';

/** Sine tones from `at` for `seconds`, with short ramps so they do not click. */
function tone(ctx: AudioContext, freqs: number[], at: number, seconds: number, level = 0.1) {
  const gain = ctx.createGain();
  gain.gain.setValueAtTime(0, at);
  gain.gain.linearRampToValueAtTime(level, at + 0.01);
  gain.gain.setValueAtTime(level, at + seconds - 0.01);
  gain.gain.linearRampToValueAtTime(0, at + seconds);
  gain.connect(ctx.destination);
  for (const f of freqs) {
    const osc = ctx.createOscillator();
    osc.frequency.value = f;
    osc.connect(gain);
    osc.start(at);
    osc.stop(at + seconds);
  }
}

/** The DTMF pair of a key (ITU-T Q.23), played locally as feedback. */
export function playDtmf(ctx: AudioContext, key: string): void {
  const i = LAYOUT.indexOf(key);
  if (i < 0 || ctx.state !== 'running') return;
  tone(ctx, [ROWS[Math.floor(i / 3)] ?? 941, COLS[i % 3] ?? 1336], ctx.currentTime, 0.15);
}

/**
 * Rings (two 0.4 s bursts of 400+450 Hz every 3 s) until the returned function is called. While
 * the context is suspended by the autoplay policy the bursts are skipped, not queued.
 */
export function startRingtone(ctx: AudioContext): () => void {
  const ring = () => {
    if (ctx.state !== 'running') return;
    const t = ctx.currentTime;
    tone(ctx, [400, 450], t, 0.4, 0.15);
    tone(ctx, [400, 450], t + 0.6, 0.4, 0.15);
  };
  ring();
  const timer = setInterval(ring, 3000);
  return () => clearInterval(timer);
}

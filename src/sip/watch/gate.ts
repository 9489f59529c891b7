/**
 * A counting gate for initial SUBSCRIBEs: at most `slots` wait for their first answer at once,
 * the rest queue in order. Watching 1,000 extensions would otherwise put 2,000 SUBSCRIBEs on
 * the wire in one burst, which a PBX's flood protection (Kamailio's pike, Asterisk's
 * rate limits) answers by blocking the client.
 */
export class SlotGate {
  #free: number;
  #draining = false;
  readonly #waiting: (() => void)[] = [];

  constructor(slots: number) {
    this.#free = Math.max(1, Math.floor(slots));
  }

  /** Attempts waiting for a slot. */
  get queued(): number {
    return this.#waiting.length;
  }

  /**
   * Calls `start(release)` once a slot is free (now, if one is). `release` gives the slot back;
   * calling it again does nothing.
   */
  run(start: (release: () => void) => void): void {
    this.#waiting.push(() => {
      this.#free--;
      let held = true;
      start(() => {
        if (!held) return;
        held = false;
        this.#free++;
        this.#drain();
      });
    });
    this.#drain();
  }

  // A loop, not recursion: a start() that releases at once must not nest the next one.
  #drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (this.#free > 0) {
        const next = this.#waiting.shift();
        if (!next) break;
        next();
      }
    } finally {
      this.#draining = false;
    }
  }
}

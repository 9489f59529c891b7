import type { SimulatorClock } from './options';

interface Pending {
  handle: unknown;
  readonly group: string;
  done: boolean;
}

/**
 * The simulator's timers, all on its clock. Each belongs to a group (a call or session id) so
 * that ending a call cancels what was still due for it. A callback never throws into the clock:
 * failures go to `onError`, and `afterEach` runs after every callback (the simulator publishes
 * its state there).
 */
export class Timers {
  readonly #pending = new Set<Pending>();
  readonly #clock: SimulatorClock;
  readonly #onError: (err: unknown) => void;
  readonly #afterEach: () => void;

  constructor(
    clock: SimulatorClock,
    onError: (err: unknown) => void,
    afterEach: () => void = () => {},
  ) {
    this.#clock = clock;
    this.#onError = onError;
    this.#afterEach = afterEach;
  }

  after(ms: number, fn: () => void, group = ''): void {
    const p: Pending = { handle: undefined, group, done: false };
    p.handle = this.#clock.setTimeout(() => {
      if (p.done) return; // cancelled, or a clock that fires twice
      p.done = true;
      this.#pending.delete(p);
      this.#guard(fn);
      this.#guard(this.#afterEach);
    }, ms);
    // A manual clock may run a zero delay at once; then there is nothing left to track.
    if (!p.done) this.#pending.add(p);
  }

  cancel(group: string): void {
    for (const p of this.#pending) if (p.group === group) this.#drop(p);
  }

  clear(): void {
    for (const p of this.#pending) this.#drop(p);
  }

  get size(): number {
    return this.#pending.size;
  }

  #guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.#onError(err);
    }
  }

  #drop(p: Pending): void {
    p.done = true;
    this.#pending.delete(p);
    this.#clock.clearTimeout(p.handle);
  }
}

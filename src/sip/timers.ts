/**
 * Every timer the backend starts goes through one of these, so that disconnect() can clear them
 * all and tests can check that an ended call left none behind.
 */
export class Timers {
  readonly #live = new Set<ReturnType<typeof setTimeout>>();

  set(fn: () => void, ms: number): () => void {
    const handle = setTimeout(() => {
      this.#live.delete(handle);
      fn();
    }, ms);
    this.#live.add(handle);
    return () => {
      clearTimeout(handle);
      this.#live.delete(handle);
    };
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.set(resolve, ms));
  }

  clearAll(): void {
    for (const h of this.#live) clearTimeout(h);
    this.#live.clear();
  }

  get size(): number {
    return this.#live.size;
  }
}

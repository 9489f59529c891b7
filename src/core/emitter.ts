/**
 * A list of handlers. Ozeki's on…(cb) style: several handlers allowed, each subscription returns
 * its own remover. A handler that throws is reported, never allowed to break the others or the
 * SIP callback that triggered it.
 */
export class Emitter<A extends unknown[]> {
  #handlers: ((...args: A) => void)[] = [];
  readonly #onHandlerError: (err: unknown) => void;

  constructor(onHandlerError: (err: unknown) => void = () => {}) {
    this.#onHandlerError = onHandlerError;
  }

  on(handler: (...args: A) => void): () => void {
    if (typeof handler !== 'function') return () => {};
    // Copy on write: a handler that unsubscribes during emit does not skip its neighbour.
    this.#handlers = [...this.#handlers, handler];
    return () => {
      this.#handlers = this.#handlers.filter((h) => h !== handler);
    };
  }

  emit(...args: A): void {
    for (const h of this.#handlers) {
      try {
        h(...args);
      } catch (err) {
        this.#onHandlerError(err);
      }
    }
  }

  get size(): number {
    return this.#handlers.length;
  }

  clear(): void {
    this.#handlers = [];
  }
}

/** Minimal JSON-RPC 2.0 over HTTP POST (Kamailio's jsonrpcs module), with a timeout. */

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export class JsonRpcError extends Error {
  override readonly name = 'JsonRpcError';
  constructor(
    readonly method: string,
    /** JSON-RPC error code (Kamailio uses HTTP-like ones: 404 "Dialog not found", 500 ...). */
    readonly code: number,
    message: string,
  ) {
    super(`${method}: ${code} ${message}`);
  }
}

export interface JsonRpcClient {
  call(method: string, params?: readonly unknown[]): Promise<unknown>;
}

export function createJsonRpcClient(options: {
  url: string;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}): JsonRpcClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 5_000;
  let nextId = 1;
  return {
    async call(method, params = []) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      let text: string;
      let status: number;
      try {
        const response = await doFetch(options.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', method, params, id: nextId++ }),
          signal: abort.signal,
        });
        status = response.status;
        text = await response.text();
      } catch (e) {
        if (abort.signal.aborted) throw new Error(`${method}: no answer within ${timeoutMs} ms`);
        throw e;
      } finally {
        clearTimeout(timer);
      }
      // Kamailio answers errors with an HTTP error status *and* a JSON-RPC error body.
      let reply: unknown;
      try {
        reply = JSON.parse(text);
      } catch {
        throw new Error(`${method}: HTTP ${status}, not JSON-RPC: ${text.slice(0, 120)}`);
      }
      if (typeof reply !== 'object' || reply === null)
        throw new Error(`${method}: malformed JSON-RPC reply`);
      const r = reply as { result?: unknown; error?: { code?: unknown; message?: unknown } };
      if (r.error !== undefined) {
        const code = typeof r.error.code === 'number' ? r.error.code : 0;
        const message = typeof r.error.message === 'string' ? r.error.message : 'error';
        throw new JsonRpcError(method, code, message);
      }
      return r.result;
    },
  };
}

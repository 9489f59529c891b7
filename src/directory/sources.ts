import { OzError } from '../core/errors';
import type { DirectorySource } from '../core/ports';
import type { DirectoryDocument } from '../core/types';

export interface UrlDirectoryOptions {
  /** Abort the fetch after this long. Default 10 000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

/**
 * A directory document fetched from a URL, ETag-aware: an unchanged document (304) resolves to
 * null so the client keeps what it has without re-parsing.
 */
export function urlDirectorySource(
  url: string,
  options: UrlDirectoryOptions = {},
): DirectorySource {
  let etag: string | null = null;
  return {
    async load(signal) {
      const doFetch = options.fetch ?? globalThis.fetch;
      if (!doFetch)
        throw new OzError('DIRECTORY_FETCH_FAILED', 'fetch is not available to load the directory');
      const ctrl = new AbortController();
      const timeoutMs = options.timeoutMs ?? 10_000;
      const timer = setTimeout(() => ctrl.abort(), timeoutMs);
      const onAbort = () => ctrl.abort();
      signal?.addEventListener('abort', onAbort);
      try {
        const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
        if (etag) headers['If-None-Match'] = etag;
        const res = await doFetch(url, { headers, signal: ctrl.signal });
        if (res.status === 304) return null;
        if (!res.ok)
          throw new OzError(
            'DIRECTORY_FETCH_FAILED',
            `The directory at ${url} answered HTTP ${res.status}`,
            { statusCode: res.status },
          );
        let body: unknown;
        try {
          body = await res.json();
        } catch (err) {
          throw new OzError('INVALID_DIRECTORY', `The directory at ${url} is not valid JSON`, {
            cause: err,
          });
        }
        etag = res.headers.get('ETag');
        return body;
      } catch (err) {
        if (ctrl.signal.aborted && !(err instanceof OzError)) {
          throw new OzError(
            'DIRECTORY_FETCH_FAILED',
            `The directory at ${url} did not answer within ${timeoutMs} ms`,
            { cause: err },
          );
        }
        throw OzError.from(
          err,
          'DIRECTORY_FETCH_FAILED',
          `The directory at ${url} could not be fetched`,
        );
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}

/** An inline document; validated by the client like any other. */
export function inlineDirectorySource(doc: DirectoryDocument): DirectorySource {
  return { load: async () => doc };
}

export function directorySourceFor(
  spec: string | DirectoryDocument | DirectorySource,
): DirectorySource {
  if (typeof spec === 'string') return urlDirectorySource(spec);
  if (typeof (spec as DirectorySource).load === 'function') return spec as DirectorySource;
  return inlineDirectorySource(spec as DirectoryDocument);
}

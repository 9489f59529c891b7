import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import directory from '../fixtures/directory.json';
import { urlDirectorySource } from '../../src/directory/sources';

let server: Server;
let base = '';
let hits = 0;
let body = JSON.stringify(directory);

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/slow') return; // never answers
    if (req.url === '/500') {
      res.writeHead(500).end();
      return;
    }
    if (req.url === '/garbage') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{nope');
      return;
    }
    const etag = `"${body.length}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', ETag: etag }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('URL directory source', () => {
  it('fetches, then answers null while the ETag matches', async () => {
    const src = urlDirectorySource(`${base}/dir.json`);
    expect(await src.load()).toEqual(directory);
    expect(await src.load()).toBeNull();
    body = JSON.stringify({ ...directory, outsideLines: [] });
    expect(await src.load()).toMatchObject({ outsideLines: [] });
  });

  it('reports HTTP errors, bad JSON and time-outs as typed errors', async () => {
    await expect(urlDirectorySource(`${base}/500`).load()).rejects.toMatchObject({
      code: 'DIRECTORY_FETCH_FAILED',
      statusCode: 500,
    });
    await expect(urlDirectorySource(`${base}/garbage`).load()).rejects.toMatchObject({
      code: 'INVALID_DIRECTORY',
    });
    const before = hits;
    await expect(
      urlDirectorySource(`${base}/slow`, { timeoutMs: 150 }).load(),
    ).rejects.toMatchObject({
      code: 'DIRECTORY_FETCH_FAILED',
      message: expect.stringContaining('150 ms'),
    });
    expect(hits).toBe(before + 1);
  });
});

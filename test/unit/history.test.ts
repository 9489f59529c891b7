import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIndexedDbHistoryStore } from '../../src/history/indexeddb';
import { createMemoryHistoryStore } from '../../src/history/memory';
import type { HistoryStore } from '../../src/core/ports';
import type { HistoryRecord } from '../../src/core/types';

const rec = (callId: string, minute: number): HistoryRecord => ({
  callId,
  startTime: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(),
  direction: 'Internal',
  source: '1001',
  destination: '1002',
  state: 'CallerHungUp',
  dialed: '1002',
  callerId: '1001',
  type: 'Audio',
  ringDuration: 2,
  talkDuration: 30,
  origin: 'own',
});

let dbCount = 0;
const stores: [string, (limit: number) => HistoryStore][] = [
  ['memory', (limit) => createMemoryHistoryStore({ limit })],
  ['indexeddb', (limit) => createIndexedDbHistoryStore({ limit, dbName: `h${dbCount++}` })],
];

describe.each(stores)('%s history store', (_name, make) => {
  it('keeps records per account', async () => {
    const h = make(10);
    await h.add('1001@a', rec('x', 1));
    await h.add('1002@a', rec('y', 2));
    expect((await h.list('1001@a')).map((r) => r.callId)).toEqual(['x']);
    expect((await h.list('1002@a')).map((r) => r.callId)).toEqual(['y']);
  });

  it('prunes the oldest past the cap', async () => {
    const h = make(3);
    for (const [i, id] of ['c', 'a', 'd', 'b', 'e'].entries())
      await h.add('acc', rec(id, [3, 1, 4, 2, 5][i] as number));
    expect((await h.list('acc')).map((r) => r.callId).sort()).toEqual(['c', 'd', 'e']);
  });

  it('clears one account on request', async () => {
    const h = make(10);
    await h.add('one', rec('x', 1));
    await h.add('two', rec('y', 1));
    await h.clear('one');
    expect(await h.list('one')).toEqual([]);
    expect(await h.list('two')).toHaveLength(1);
  });
});

it('IndexedDB history survives a new store object (a page reload)', async () => {
  const first = createIndexedDbHistoryStore({ dbName: 'reload' });
  await first.add('acc', rec('kept', 1));
  const second = createIndexedDbHistoryStore({ dbName: 'reload' });
  expect(await second.list('acc')).toEqual([rec('kept', 1)]);
});

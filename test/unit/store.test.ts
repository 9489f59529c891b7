import { describe, expect, it } from 'vitest';
import { StoreWriter, createOzStore } from '../../src/core/store';

describe('store updates', () => {
  it('replaces only the records that changed', () => {
    const store = createOzStore();
    const w = new StoreWriter(store);
    const a = { id: 'a', type: 'SIP', kind: 'extension' as const };
    const b = { id: 'b', type: 'SIP', kind: 'extension' as const };
    w.replaceMap('extensions', { a, b });
    const before = store.getState();
    w.updateMap('extensions', { b: { ...b, displayName: 'B' } });
    const after = store.getState();
    expect(after.extensions.a).toBe(a);
    expect(after.extensions.b).not.toBe(before.extensions.b);
    expect(after.users).toBe(before.users);
  });

  it('leaves the map itself untouched when nothing changed', () => {
    const store = createOzStore();
    const w = new StoreWriter(store);
    w.updateMap('extensionStates', { a: 'idle' });
    const map = store.getState().extensionStates;
    w.updateMap('extensionStates', { a: 'idle', zz: undefined });
    expect(store.getState().extensionStates).toBe(map);
  });

  it('commits a batch as one store update', () => {
    const store = createOzStore();
    const w = new StoreWriter(store);
    let updates = 0;
    store.subscribe(() => updates++);
    w.batch(() => {
      for (let i = 0; i < 1000; i++) w.updateMap('extensionStates', { [`e${i}`]: 'busy' });
      w.set({ currentCallId: 'x' });
    });
    expect(updates).toBe(1);
    expect(Object.keys(store.getState().extensionStates)).toHaveLength(1000);
  });

  it('never edits a map that was already committed, however many updates a batch holds', () => {
    const store = createOzStore();
    const w = new StoreWriter(store);
    w.updateMap('extensionStates', { a: 'idle' });
    const committed = store.getState().extensionStates;
    w.batch(() => {
      w.updateMap('extensionStates', { b: 'busy' });
      w.updateMap('extensionStates', { c: 'ringing', a: undefined });
    });
    expect(committed).toEqual({ a: 'idle' });
    expect(store.getState().extensionStates).toEqual({ b: 'busy', c: 'ringing' });
    w.batch(() => w.updateMap('extensionStates', { d: 'idle' }));
    expect(store.getState().extensionStates).toEqual({ b: 'busy', c: 'ringing', d: 'idle' });
  });

  it('gives every client its own store', () => {
    const one = new StoreWriter(createOzStore());
    const two = createOzStore();
    one.updateMap('extensionStates', { a: 'busy' });
    expect(two.getState().extensionStates).toEqual({});
  });
});

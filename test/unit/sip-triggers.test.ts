import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachBrowserTriggers } from '../../src/sip/triggers';

type Listener = () => void;
function fakeTarget() {
  const listeners = new Map<string, Set<Listener>>();
  return {
    listeners,
    addEventListener: (t: string, l: Listener) =>
      void (listeners.get(t) ?? listeners.set(t, new Set()).get(t)!).add(l),
    removeEventListener: (t: string, l: Listener) => void listeners.get(t)?.delete(l),
    fire: (t: string) => listeners.get(t)?.forEach((l) => l()),
    count: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

const g = globalThis as { window?: unknown; document?: unknown };
afterEach(() => {
  delete g.window;
  delete g.document;
});

describe('sip/triggers', () => {
  it('re-registers on online and when the tab becomes visible; detaching removes both listeners', () => {
    const win = fakeTarget();
    const doc = Object.assign(fakeTarget(), { visibilityState: 'hidden' });
    g.window = win;
    g.document = doc;
    const refresh = vi.fn();
    const detach = attachBrowserTriggers(refresh);
    expect(win.count() + doc.count()).toBe(2);
    win.fire('online');
    doc.fire('visibilitychange'); // still hidden: nothing
    doc.visibilityState = 'visible';
    doc.fire('visibilitychange');
    expect(refresh.mock.calls).toEqual([['online'], ['visible']]);
    detach();
    expect(win.count() + doc.count()).toBe(0);
  });

  it('without window/document (Node, server rendering) it attaches nothing and detaching is safe', () => {
    const detach = attachBrowserTriggers(() => {});
    expect(() => detach()).not.toThrow();
  });
});

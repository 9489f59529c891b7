import { describe, expect, it } from 'vitest';
import type { UserAgent } from 'sip.js';
import {
  createExtensionWatcher,
  watcherAddOn,
  type EventSubscription,
  type SubscriptionFactory,
  type SubscriptionListener,
  type SubscriptionSpec,
  type WatchContext,
} from '../../src/sip/watch';
import {
  callDocs,
  dialogInfo,
  dummyDialogInfo,
  manualScheduler,
  pidf,
  recordingEvents,
  rlsNotify,
} from './watch-helpers';

interface FakeSub extends EventSubscription {
  established: boolean;
  ua: UserAgent;
  listener: SubscriptionListener;
  stopped: boolean;
  restarts: number;
  /** First NOTIFY of a new dialog. */
  up(contentType?: string, body?: string): void;
}

function fakeSip() {
  const subs: FakeSub[] = [];
  const factory: SubscriptionFactory = (ua, spec: SubscriptionSpec, listener) => {
    const s: FakeSub = {
      ua,
      spec,
      listener,
      established: false,
      stopped: false,
      restarts: 0,
      start() {},
      restart() {
        s.restarts++;
      },
      stop() {
        s.stopped = true;
        s.established = false;
        return Promise.resolve();
      },
      up(contentType, body) {
        s.established = true;
        listener.onStart();
        if (body !== undefined) listener.onNotify(contentType, body);
      },
    };
    subs.push(s);
    return s;
  };
  const live = (event?: string) =>
    subs.filter((s) => !s.stopped && (!event || s.spec.event === event));
  const find = (uri: string, event = 'dialog') => {
    const s = live(event).find((x) => x.spec.uri === uri);
    if (!s) throw new Error(`no live ${event} subscription to ${uri}`);
    return s;
  };
  return { subs, factory, live, find };
}

const ua = (name: string) => ({ name }) as unknown as UserAgent;
const DI = 'application/dialog-info+xml';
const uri = (ext: string) => `sip:${ext}@ozkit.test`;

function setup(options: { resourceList?: string; presence?: boolean } = {}) {
  const sip = fakeSip();
  const rec = recordingEvents();
  const clock = manualScheduler();
  const watcher = createExtensionWatcher(options, {
    createSubscription: sip.factory,
    schedule: clock.schedule,
  });
  const ctx = (u: UserAgent): WatchContext => ({
    ua: u,
    domain: 'ozkit.test',
    events: rec.events,
    now: () => 1_000,
  });
  return { sip, rec, clock, watcher, ctx };
}

describe('ExtensionWatcher subscriptions', () => {
  it('one dialog and one presence subscription per extension; setTargets adds and removes', () => {
    const { sip, watcher, ctx } = setup();
    watcher.setTargets(['1001', '1002']); // before attach: remembered
    expect(sip.subs).toHaveLength(0);
    watcher.attach(ctx(ua('a')));
    expect(sip.live('dialog').map((s) => s.spec.uri)).toEqual([uri('1001'), uri('1002')]);
    expect(sip.live('presence').map((s) => s.spec.uri)).toEqual([uri('1001'), uri('1002')]);
    expect(sip.find(uri('1001')).spec).toMatchObject({ accept: DI, expires: 600 });
    expect(sip.find(uri('1001'), 'presence').spec.accept).toBe('application/pidf+xml');
    expect(watcher.subscriptionCount).toBe(0);
    for (const s of sip.live()) s.up();
    expect(watcher.subscriptionCount).toBe(4);

    watcher.setTargets(['1002', '1003', 'sip:2000@other.test']);
    expect(sip.live('dialog').map((s) => s.spec.uri)).toEqual([
      uri('1002'),
      uri('1003'),
      'sip:2000@other.test',
    ]);
    expect(sip.subs.filter((s) => s.stopped).map((s) => s.spec.uri)).toEqual([
      uri('1001'),
      uri('1001'),
    ]);
  });

  it('attach() on a new UA re-subscribes everything there and stops the old ones', () => {
    const { sip, watcher, ctx, rec, clock } = setup();
    watcher.setTargets(['1001', '1002']);
    watcher.attach(ctx(ua('a')));
    sip
      .find(uri('1002'))
      .up(DI, dialogInfo('1002', 7, [callDocs('1001', '1002', 'k', 'confirmed').callee]));
    clock.run();
    expect(rec.lamps['1002']).toBe('busy');
    const before = sip.subs.length;
    watcher.attach(ctx(ua('b')));
    expect(sip.subs.slice(0, before).every((s) => s.stopped)).toBe(true);
    expect(sip.live().map((s) => (s.ua as unknown as { name: string }).name)).toEqual([
      'b',
      'b',
      'b',
      'b',
    ]);
    // the new subscription starts at version 1 again and still moves the lamp
    sip
      .find(uri('1002'))
      .up(DI, dialogInfo('1002', 1, [callDocs('1001', '1002', 'k', 'terminated').callee]));
    clock.run();
    expect(rec.lamps['1002']).toBe('idle');
    expect(rec.closed.get('k')).toBe('CALLERHUNGUP');
  });

  it('detach() stops everything and forgets state', async () => {
    const { sip, watcher, ctx } = setup();
    watcher.setTargets(['1001']);
    watcher.attach(ctx(ua('a')));
    await watcher.detach();
    expect(sip.live()).toHaveLength(0);
    expect(watcher.subscriptionCount).toBe(0);
    watcher.attach(ctx(ua('b'))); // targets are kept for the next connection
    expect(sip.live()).toHaveLength(2);
  });

  it('suspend() drops the subscriptions but keeps state; the next attach reconciles it', () => {
    const { sip, watcher, ctx, rec, clock } = setup({ presence: false });
    watcher.setTargets(['1002']);
    watcher.attach(ctx(ua('a')));
    sip
      .find(uri('1002'))
      .up(DI, dialogInfo('1002', 3, [callDocs('1001', '1002', 's', 'confirmed').callee]));
    clock.run();
    watcher.suspend(); // transport lost
    expect(sip.live()).toHaveLength(0);
    expect(rec.closed.size).toBe(0); // no ghost closing while we cannot see
    watcher.attach(ctx(ua('b')));
    // the call ended while we were away: the first full document no longer lists it
    sip.find(uri('1002')).up(DI, dialogInfo('1002', 1, []));
    clock.run();
    expect(rec.closed.get('s')).toBe('CALLERHUNGUP');
    expect(rec.lamps['1002']).toBe('idle');
  });

  it('watcherAddOn attaches on every registration and suspends when it is lost', () => {
    const { sip, watcher, rec } = setup({ presence: false });
    watcher.setTargets(['1001']);
    const addOn = watcherAddOn(watcher);
    const logs: string[] = [];
    const log = { debug: (m: string) => logs.push(m), warn: (m: string) => logs.push(m) };
    const stop = addOn({ ua: ua('a'), domain: 'ozkit.test', events: rec.events, log });
    expect(sip.live().map((s) => s.spec.uri)).toEqual([uri('1001')]);
    sip
      .find(uri('1001'))
      .listener.onFailure({ statusCode: 500, reason: 'x', permanent: false, attempt: 1 });
    expect(logs).toEqual(['dialog subscription for 1001: x']);
    stop();
    expect(sip.live()).toHaveLength(0);
    addOn({ ua: ua('b'), domain: 'ozkit.test', events: rec.events });
    expect(sip.live()).toHaveLength(1);
  });

  it('a refused dialog subscription is one error and unknown; transient ones only after 3 tries', () => {
    const { sip, watcher, ctx, rec, clock } = setup();
    watcher.setTargets(['1001', '1999']);
    watcher.attach(ctx(ua('a')));
    sip.find(uri('1001')).up(DI, dummyDialogInfo('1001'));
    const bad = sip.find(uri('1999'));
    bad.listener.onFailure({
      statusCode: 404,
      reason: 'SUBSCRIBE answered 404 Not Found',
      permanent: true,
      attempt: 1,
    });
    clock.run();
    expect(rec.lamps).toEqual({ '1001': 'idle', '1999': 'unknown' });
    expect(rec.errors).toHaveLength(1);
    expect(rec.errors[0]).toMatchObject({
      code: 'SUBSCRIPTION_FAILED',
      extensionId: '1999',
      statusCode: 404,
    });

    const s = sip.find(uri('1001'));
    for (const attempt of [1, 2])
      s.listener.onFailure({ statusCode: 503, reason: 'x', permanent: false, attempt });
    clock.run();
    expect(rec.lamps['1001']).toBe('idle');
    s.listener.onFailure({ statusCode: 503, reason: 'x', permanent: false, attempt: 3 });
    clock.run();
    expect(rec.lamps['1001']).toBe('unknown');
    expect(rec.errors).toHaveLength(2);
  });

  it('presence: 404 is no error; 489 means the server has no presence at all', () => {
    const { sip, watcher, ctx, rec, clock } = setup();
    watcher.setTargets(['1001', '1002', '1003']);
    watcher.attach(ctx(ua('a')));
    sip.find(uri('1001'), 'presence').up('application/pidf+xml', pidf('1001', 'closed'));
    clock.run();
    expect(rec.lamps['1001']).toBe('offline');
    sip
      .find(uri('1002'), 'presence')
      .listener.onFailure({ statusCode: 404, reason: '', permanent: true, attempt: 1 });
    expect(sip.live('presence')).toHaveLength(3);
    sip
      .find(uri('1003'), 'presence')
      .listener.onFailure({ statusCode: 489, reason: '', permanent: true, attempt: 1 });
    expect(sip.live('presence')).toHaveLength(0);
    watcher.setTargets(['1001', '1002', '1003', '1004']);
    expect(sip.live('presence')).toHaveLength(0);
    expect(rec.errors).toHaveLength(0);
    clock.run();
    expect(rec.lamps['1001']).toBe('offline'); // nothing else is known about 1001 yet
  });

  it('presence: false subscribes dialogs only', () => {
    const { sip, watcher, ctx } = setup({ presence: false });
    watcher.setTargets(['1001']);
    watcher.attach(ctx(ua('a')));
    expect(sip.live().map((s) => s.spec.event)).toEqual(['dialog']);
  });

  it('a version gap re-subscribes, at most once per 10 s', () => {
    const { sip, watcher, ctx } = setup();
    watcher.setTargets(['1002']);
    watcher.attach(ctx(ua('a')));
    const s = sip.find(uri('1002'));
    s.up(DI, dialogInfo('1002', 1, []));
    s.listener.onNotify(DI, dialogInfo('1002', 5, [], 'partial'));
    s.listener.onNotify(DI, dialogInfo('1002', 9, [], 'partial'));
    expect(s.restarts).toBe(1);
  });

  it('a bug while applying a NOTIFY becomes an INTERNAL error instead of escaping into SIP.js', () => {
    const { sip, watcher, ctx, rec } = setup();
    rec.events.extensionStates = () => {
      throw new Error('boom');
    };
    const clockless = createExtensionWatcher(
      {},
      {
        createSubscription: sip.factory,
        schedule: (f) => {
          f(); // flush synchronously inside the NOTIFY handler
          return () => {};
        },
      },
    );
    void watcher;
    clockless.setTargets(['1001']);
    clockless.attach(ctx(ua('a')));
    expect(() => sip.find(uri('1001')).up(DI, dummyDialogInfo('1001'))).not.toThrow();
    expect(rec.errors.map((e) => e.code)).toEqual(['INTERNAL']);
  });
});

describe('ExtensionWatcher with a resource list', () => {
  const LIST = 'sip:blf@ozkit.test';
  const LIST_ACCEPT = 'multipart/related, application/rlmi+xml, application/dialog-info+xml';

  it('one list subscription; targets outside the list get their own once members are known', () => {
    const { sip, watcher, ctx, rec, clock } = setup({ resourceList: LIST, presence: false });
    watcher.setTargets(['1001', '1002', '1003']);
    watcher.attach(ctx(ua('a')));
    expect(sip.live().map((s) => s.spec.uri)).toEqual([LIST]);
    expect(sip.find(LIST).spec).toMatchObject({ accept: LIST_ACCEPT, eventlist: true });
    const first = rlsNotify(1, true, [{ user: '1001' }, { user: '1002' }]);
    sip.find(LIST).up(first.contentType, first.body);
    expect(sip.live().map((s) => s.spec.uri)).toEqual([LIST, uri('1003')]);

    const c = callDocs('1001', '1002', 'L', 'confirmed');
    const n = rlsNotify(2, false, [
      { user: '1001', body: dialogInfo('1001', 2, [c.caller]) },
      { user: '1002', body: dialogInfo('1002', 2, [c.callee]) },
    ]);
    sip.find(LIST).listener.onNotify(n.contentType, n.body);
    clock.run();
    expect(rec.lamps).toEqual({ '1001': 'busy', '1002': 'busy' });
    expect([...rec.sessions.keys()]).toEqual(['L']);

    // the list grows to cover 1003: its own subscription goes
    const grown = rlsNotify(3, true, [{ user: '1001' }, { user: '1002' }, { user: '1003' }]);
    sip.find(LIST).listener.onNotify(grown.contentType, grown.body);
    expect(sip.live().map((s) => s.spec.uri)).toEqual([LIST]);
    watcher.setTargets([]);
    expect(sip.live()).toHaveLength(0);
  });

  it('a refused list falls back to one subscription per extension, reported once', () => {
    const { sip, watcher, ctx, rec } = setup({ resourceList: LIST, presence: false });
    watcher.setTargets(['1001', '1002']);
    watcher.attach(ctx(ua('a')));
    sip.find(LIST).listener.onFailure({
      statusCode: 404,
      reason: 'SUBSCRIBE answered 404',
      permanent: true,
      attempt: 1,
    });
    expect(sip.live().map((s) => s.spec.uri)).toEqual([uri('1001'), uri('1002')]);
    expect(rec.errors).toHaveLength(1);
    expect(rec.errors[0]?.code).toBe('SUBSCRIPTION_FAILED');
    expect(rec.errors[0]?.message).toContain(LIST);
    // a new connection tries the list again
    watcher.attach(ctx(ua('b')));
    expect(sip.live().map((s) => s.spec.uri)).toEqual([LIST]);
  });
});

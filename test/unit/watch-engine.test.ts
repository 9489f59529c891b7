import { describe, expect, it } from 'vitest';
import { WatchEngine } from '../../src/sip/watch';
import {
  callDocs,
  dialogInfo,
  dummyDialogInfo,
  manualScheduler,
  pidf,
  recordingEvents,
  rlsNotify,
} from './watch-helpers';

const DI = 'application/dialog-info+xml';

function setup(targets: string[] = ['1001', '1002', '1003']) {
  const rec = recordingEvents();
  const clock = manualScheduler();
  const engine = new WatchEngine({
    events: rec.events,
    now: () => 1_000,
    schedule: clock.schedule,
  });
  engine.setTargets(targets);
  const notify = (ext: string, body: string) => {
    const r = engine.dialogNotify(`ext:${ext}`, ext, DI, body);
    clock.run();
    return r;
  };
  return { rec, engine, clock, notify };
}

describe('WatchEngine lamps', () => {
  it('derives every lamp state', () => {
    const { rec, notify, engine, clock } = setup(['1001', '1002', '1003', '1004', '1005']);
    notify('1001', dummyDialogInfo('1001'));
    expect(rec.lamps['1001']).toBe('idle');

    notify('1002', dialogInfo('1002', 2, [callDocs('1001', '1002', 'r', 'early').callee]));
    expect(rec.lamps['1002']).toBe('ringing');
    // Kamailio's capital-T "Trying" on the callee side rings too
    notify('1003', dialogInfo('1003', 2, [callDocs('1001', '1003', 't', 'Trying').callee]));
    expect(rec.lamps['1003']).toBe('ringing');
    // an outgoing call being set up is busy, not ringing
    notify('1001', dialogInfo('1001', 2, [callDocs('1001', '1002', 'r', 'early').caller]));
    expect(rec.lamps['1001']).toBe('busy');

    notify('1002', dialogInfo('1002', 3, [callDocs('1001', '1002', 'r', 'confirmed').callee]));
    expect(rec.lamps['1002']).toBe('busy');
    const held = {
      ...callDocs('1001', '1004', 'h', 'confirmed').callee,
      localRendering: 'no' as const,
    };
    notify('1004', dialogInfo('1004', 2, [held]));
    expect(rec.lamps['1004']).toBe('onhold');

    // presence closed: offline while idle, but a busy phone stays busy
    engine.presenceNotify('1005', 'application/pidf+xml', pidf('1005', 'closed'));
    clock.run();
    expect(rec.lamps['1005']).toBe('offline');
    engine.presenceNotify('1002', 'application/pidf+xml', pidf('1002', 'closed'));
    clock.run();
    expect(rec.lamps['1002']).toBe('busy');
    notify('1002', dialogInfo('1002', 4, [callDocs('1001', '1002', 'r', 'terminated').callee]));
    expect(rec.lamps['1002']).toBe('offline');
    engine.presenceNotify('1002', 'application/pidf+xml', pidf('1002', 'open'));
    clock.run();
    expect(rec.lamps['1002']).toBe('idle');

    engine.dialogFailed('1003', {
      statusCode: 404,
      reason: 'SUBSCRIBE answered 404',
      permanent: true,
    });
    clock.run();
    expect(rec.lamps['1003']).toBe('unknown');
  });

  it('emits a lamp only when it changes', () => {
    const { rec, notify } = setup(['1002']);
    const c = callDocs('1001', '1002', 'x', 'confirmed').callee;
    notify('1002', dialogInfo('1002', 2, [c]));
    notify('1002', dialogInfo('1002', 3, [c]));
    notify('1002', dialogInfo('1002', 4, [c]));
    expect(rec.extensionStateCalls).toEqual([{ '1002': 'busy' }]);
  });
});

describe('WatchEngine versions', () => {
  it('ignores out-of-order and duplicate versions', () => {
    const { rec, notify } = setup(['1002']);
    notify('1002', dialogInfo('1002', 5, [callDocs('1001', '1002', 'v', 'confirmed').callee]));
    notify('1002', dialogInfo('1002', 4, [callDocs('1001', '1002', 'v', 'early').callee])); // late
    notify('1002', dialogInfo('1002', 5, [])); // duplicate version
    expect(rec.lamps['1002']).toBe('busy');
    expect(rec.closed.size).toBe(0);
    expect(rec.sessions.get('v')?.pbxState).toBe('INCALL');
  });

  it('merges partial documents and reports a version gap', () => {
    const { rec, notify } = setup(['1002']);
    const a = callDocs('1001', '1002', 'pa', 'confirmed').callee;
    const b = callDocs('1003', '1002', 'pb', 'early').callee;
    notify('1002', dialogInfo('1002', 1, [a]));
    expect(notify('1002', dialogInfo('1002', 2, [b], 'partial')).versionGap).toBe(false);
    expect(rec.lamps['1002']).toBe('ringing'); // call waiting: a is still there
    expect([...rec.sessions.keys()].sort()).toEqual(['pa', 'pb']);
    const end = callDocs('1001', '1002', 'pa', 'terminated').callee;
    expect(notify('1002', dialogInfo('1002', 4, [end], 'partial')).versionGap).toBe(true);
    expect(rec.closed.get('pa')).toBe('CALLERHUNGUP');
    expect(rec.sessions.has('pb')).toBe(true);
  });

  it('a new subscription restarts version numbering', () => {
    const { rec, notify, engine } = setup(['1002']);
    notify('1002', dialogInfo('1002', 9, [callDocs('1001', '1002', 'n', 'confirmed').callee]));
    engine.sourceStarted('ext:1002');
    notify('1002', dialogInfo('1002', 1, [])); // after re-subscribe: version 1, call gone
    expect(rec.closed.get('n')).toBe('CALLERHUNGUP');
    expect(rec.lamps['1002']).toBe('idle');
  });
});

describe('WatchEngine batching', () => {
  const burst = (engine: WatchEngine, n: number, phase: 'early' | 'confirmed') => {
    for (let i = 0; i < n; i++) {
      const ext = String(10_000 + i);
      const d = callDocs(String(20_000 + i), ext, `b${i}`, phase).callee;
      engine.dialogNotify(`ext:${ext}`, ext, DI, dialogInfo(ext, phase === 'early' ? 2 : 3, [d]));
    }
  };
  const exts = Array.from({ length: 1_000 }, (_, i) => String(10_000 + i));

  it('a 1,000-extension burst is one extensionStates and one sessions call', () => {
    const { rec, engine, clock } = setup(exts);
    burst(engine, 1_000, 'early');
    expect(rec.extensionStateCalls).toHaveLength(0); // nothing before the flush
    clock.run();
    expect(rec.extensionStateCalls).toHaveLength(1);
    expect(Object.keys(rec.extensionStateCalls[0] ?? {})).toHaveLength(1_000);
    expect(rec.sessionCalls).toHaveLength(1);
    expect(rec.sessionCalls[0]?.upsert).toHaveLength(1_000);
    burst(engine, 1_000, 'confirmed');
    clock.run();
    expect(rec.extensionStateCalls).toHaveLength(2);
    expect(rec.sessionCalls).toHaveLength(2);
    expect(new Set(Object.values(rec.lamps))).toEqual(new Set(['busy']));
  });

  it('with the default 0-ms timer too', async () => {
    const rec = recordingEvents();
    const engine = new WatchEngine({ events: rec.events, now: () => 1 });
    engine.setTargets(exts);
    burst(engine, 1_000, 'early');
    await new Promise((r) => setTimeout(r, 5));
    expect(rec.extensionStateCalls).toHaveLength(1);
    expect(rec.sessionCalls).toHaveLength(1);
  });

  it('uses BackendEvents.batch when the core offers one (one store update per flush)', () => {
    const rec = recordingEvents();
    const order: string[] = [];
    const events = Object.assign(rec.events, {
      batch(fn: () => void) {
        order.push('batch{');
        fn();
        order.push('}');
      },
    });
    const clock = manualScheduler();
    const engine = new WatchEngine({ events, now: () => 1, schedule: clock.schedule });
    engine.setTargets(['1002']);
    const { sessions, extensionStates } = rec.events;
    events.sessions = (c) => (order.push('sessions'), sessions(c));
    events.extensionStates = (s) => (order.push('lamps'), extensionStates(s));
    engine.dialogNotify(
      'ext:1002',
      '1002',
      DI,
      dialogInfo('1002', 2, [callDocs('1001', '1002', 'b', 'early').callee]),
    );
    clock.run();
    expect(order).toEqual(['batch{', 'sessions', 'lamps', '}']);
  });

  it('a call created and ended within one flush is upserted, then closed', () => {
    const { rec, engine, clock } = setup(['1002']);
    engine.dialogNotify(
      'ext:1002',
      '1002',
      DI,
      dialogInfo('1002', 2, [callDocs('1001', '1002', 's', 'early').callee]),
    );
    engine.dialogNotify(
      'ext:1002',
      '1002',
      DI,
      dialogInfo('1002', 3, [callDocs('1001', '1002', 's', 'terminated').callee]),
    );
    clock.run();
    expect(rec.sessionCalls).toHaveLength(1);
    expect(rec.sessionCalls[0]?.upsert.map((u) => u.sessionId)).toEqual(['s']);
    expect(rec.sessionCalls[0]?.close).toEqual([{ sessionId: 's', pbxState: 'NOTANSWERED' }]);
  });
});

describe('WatchEngine bad input and failures', () => {
  it('a malformed body yields one PARSE_ERROR and changes nothing', () => {
    const { rec, notify } = setup(['1002']);
    notify('1002', dialogInfo('1002', 2, [callDocs('1001', '1002', 'm', 'confirmed').callee]));
    const before = { lamps: { ...rec.lamps }, calls: rec.sessionCalls.length };
    for (const bad of [
      '<dialog-info version="3"',
      dialogInfo('1002', 3, [{ id: 'x', state: 'ringing' }]),
    ]) {
      const errors = rec.errors.length;
      notify('1002', bad);
      expect(rec.errors.length - errors).toBe(1);
      expect(rec.errors.at(-1)).toMatchObject({ code: 'PARSE_ERROR', extensionId: '1002' });
    }
    expect(rec.lamps).toEqual(before.lamps);
    expect(rec.sessionCalls).toHaveLength(before.calls);
    // a wrong content type is bad input too
    notify('1002', dialogInfo('1002', 3, []).replace('dialog-info', 'x'));
    expect(rec.errors).toHaveLength(3);
  });

  it('a 404 for one extension marks it unknown and leaves the others alone, reported once', () => {
    const { rec, notify, engine, clock } = setup(['1001', '1002', '1999']);
    notify('1001', dummyDialogInfo('1001'));
    notify('1002', dialogInfo('1002', 2, [callDocs('1001', '1002', 'k', 'confirmed').callee]));
    for (let i = 0; i < 3; i++)
      engine.dialogFailed('1999', {
        statusCode: 404,
        reason: 'SUBSCRIBE answered 404 Not Found',
        permanent: true,
      });
    clock.run();
    expect(rec.lamps).toEqual({ '1001': 'idle', '1002': 'busy', '1999': 'unknown' });
    expect(rec.errors).toHaveLength(1);
    expect(rec.errors[0]).toMatchObject({
      code: 'SUBSCRIPTION_FAILED',
      extensionId: '1999',
      statusCode: 404,
    });
    expect(rec.sessions.get('k')?.pbxState).toBe('INCALL');
    // it comes back: the next NOTIFY clears the failure, a later one is reported again
    notify('1999', dummyDialogInfo('1999'));
    expect(rec.lamps['1999']).toBe('idle');
    engine.dialogFailed('1999', { statusCode: 503, reason: 'x', permanent: false });
    expect(rec.errors).toHaveLength(2);
  });

  it('unwatching an extension shows unknown and closes calls only it saw', () => {
    const { rec, notify, engine, clock } = setup(['1001', '1002']);
    notify('1002', dialogInfo('1002', 2, [callDocs('1009', '1002', 'u', 'confirmed').callee]));
    engine.setTargets(['1001']);
    clock.run();
    expect(rec.lamps['1002']).toBe('unknown');
    expect(rec.closed.get('u')).toBe('ABORTED');
    notify('1002', dialogInfo('1002', 3, [])); // late NOTIFY of the old subscription
    expect(rec.lamps['1002']).toBe('unknown');
  });
});

describe('WatchEngine resource lists', () => {
  it('applies the member parts, returns the members, ignores non-targets', () => {
    const { rec, engine, clock } = setup(['1001', '1002']);
    const first = rlsNotify(1, true, [{ user: '1001' }, { user: '1002' }, { user: '1007' }]);
    const r = engine.dialogNotify('list', null, first.contentType, first.body);
    expect(r.listMembers).toEqual(new Set(['1001', '1002', '1007']));
    const c = callDocs('1001', '1002', 'rl', 'confirmed');
    const n = rlsNotify(2, false, [
      { user: '1002', body: dialogInfo('1002', 2, [c.callee]) },
      { user: '1001', body: dialogInfo('1001', 2, [c.caller]) },
      { user: '1007', body: dialogInfo('1007', 2, [callDocs('1', '1007', 'z', 'early').callee]) },
    ]);
    expect(engine.dialogNotify('list', null, n.contentType, n.body).listMembers).toBeUndefined();
    clock.run();
    expect(rec.lamps).toEqual({ '1001': 'busy', '1002': 'busy' });
    expect([...rec.sessions.keys()]).toEqual(['rl']);
    expect(rec.sessionCalls).toHaveLength(1);
  });

  it("accepts a member's full document whose version restarted (Kamailio's RLS refresh)", () => {
    const { rec, engine, clock } = setup(['1002']);
    const part = (v: number, phase: 'confirmed' | 'terminated') =>
      rlsNotify(v, false, [
        {
          user: '1002',
          body: dialogInfo('1002', v, [callDocs('1001', '1002', 'rv', phase).callee]),
        },
      ]);
    const a = part(4, 'confirmed');
    engine.dialogNotify('list', null, a.contentType, a.body);
    clock.run();
    expect(rec.sessions.get('rv')?.pbxState).toBe('INCALL');
    const b = part(2, 'terminated'); // same list dialog, member version went 4 → 2
    engine.dialogNotify('list', null, b.contentType, b.body);
    clock.run();
    expect(rec.closed.get('rv')).toBe('CALLERHUNGUP');
    expect(rec.lamps['1002']).toBe('idle');
    // a single subscription's versions stay strict
    engine.dialogNotify(
      'ext:1002',
      '1002',
      DI,
      dialogInfo('1002', 9, [callDocs('1', '1002', 'q', 'early').callee]),
    );
    engine.dialogNotify('ext:1002', '1002', DI, dialogInfo('1002', 8, []));
    clock.run();
    expect(rec.lamps['1002']).toBe('ringing');
  });

  it('an RLMI instance without a state (Kamailio under load): the parts still apply', () => {
    const { rec, engine, clock } = setup(['1001', '1002']);
    const n = rlsNotify(5, false, [
      {
        user: '1001',
        body: dialogInfo('1001', 2, [callDocs('1001', '1002', 'e', 'early').caller]),
      },
      {
        user: '1002',
        body: dialogInfo('1002', 2, [callDocs('1001', '1002', 'e', 'early').callee]),
      },
    ]);
    const bad = n.body.replace(
      '<instance id="i-1002" state="active"',
      '<instance id="i-1002" state=""',
    );
    expect(bad).not.toBe(n.body);
    engine.dialogNotify('list', null, n.contentType, bad);
    clock.run();
    expect(rec.errors).toEqual([]);
    expect(rec.lamps).toEqual({ '1001': 'busy', '1002': 'ringing' });
    // the same RLMI with one broken part: one PARSE_ERROR, the good part still applies
    const worse = rlsNotify(6, false, [
      { user: '1001', body: '<dialog-info' },
      { user: '1002', body: dialogInfo('1002', 3, []) },
    ]);
    engine.dialogNotify(
      'list',
      null,
      worse.contentType,
      worse.body.replace('state="active"', 'state=""'),
    );
    clock.run();
    expect(rec.errors.map((e) => e.code)).toEqual(['PARSE_ERROR']);
    expect(rec.lamps['1002']).toBe('idle');
  });

  it('one bad part: one PARSE_ERROR, the good parts still apply', () => {
    const { rec, engine, clock } = setup(['1001', '1002']);
    const n = rlsNotify(2, false, [
      { user: '1001', body: '<dialog-info broken' },
      {
        user: '1002',
        body: dialogInfo('1002', 2, [callDocs('1001', '1002', 'g', 'early').callee]),
      },
    ]);
    engine.dialogNotify('list', null, n.contentType, n.body);
    clock.run();
    expect(rec.errors).toHaveLength(1);
    expect(rec.errors[0]?.code).toBe('PARSE_ERROR');
    expect(rec.lamps).toEqual({ '1002': 'ringing' });
  });

  it('a refused member instance is unknown; a broken multipart is one error', () => {
    const { rec, engine, clock } = setup(['1001', '1999']);
    const n = rlsNotify(3, true, [
      { user: '1001' },
      { user: '1999', instance: 'terminated', reason: 'rejected' },
    ]);
    engine.dialogNotify('list', null, n.contentType, n.body);
    engine.dialogNotify('list', null, 'multipart/related;boundary=x', 'garbage');
    clock.run();
    expect(rec.lamps).toEqual({ '1999': 'unknown' });
    expect(rec.errors.map((e) => e.code)).toEqual(['SUBSCRIPTION_FAILED', 'PARSE_ERROR']);
  });
});

describe('WatchEngine presence', () => {
  it('feeds the roster once per change; an empty body is offline', () => {
    const { rec, engine, clock } = setup(['1001']);
    engine.presenceNotify('1001', 'application/pidf+xml', pidf('1001', 'open', 'At desk'));
    engine.presenceNotify('1001', 'application/pidf+xml', pidf('1001', 'open', 'At desk'));
    clock.run();
    expect(rec.clients).toEqual([{ phoneNumber: '1001', status: 'ONLINE', note: 'At desk' }]);
    engine.presenceNotify('1001', undefined, '');
    clock.run();
    expect(rec.clients.at(-1)).toEqual({ phoneNumber: '1001', status: 'OFFLINE' });
    expect(rec.lamps['1001']).toBe('offline');
    engine.presenceNotify('1001', 'application/pidf+xml', '<presence');
    expect(rec.errors.map((e) => e.code)).toEqual(['PARSE_ERROR']);
    engine.presenceUnavailable('1001');
    clock.run();
    expect(rec.lamps['1001']).toBe('offline'); // no dialog state yet: nothing better to say
  });
});

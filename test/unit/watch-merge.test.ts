import { describe, expect, it } from 'vitest';
import { createCallBook, dropExtension, mergeDialogs } from '../../src/sip/watch';
import { endState, liveState, type Leg } from '../../src/sip/watch';
import { DialogInfoTracker, parseDialogInfo, type DialogInfoDialog } from '../../src/sip/parse';
import { callDocs, dialogInfo } from './watch-helpers';

/** What the engine does per NOTIFY: parse, track versions, merge. */
function feeder() {
  const book = createCallBook();
  const trackers = new Map<string, DialogInfoTracker>();
  return {
    book,
    notify(ext: string, body: string, now = 1_000) {
      let t = trackers.get(ext);
      if (!t) trackers.set(ext, (t = new DialogInfoTracker()));
      const res = t.apply(parseDialogInfo(body));
      return mergeDialogs(book, ext, res.accepted ? res.dialogs : [], now);
    },
  };
}

describe('mergeDialogs: one session per call', () => {
  it('merges the caller initiator dialog and the callee recipient dialog by Call-ID', () => {
    const f = feeder();
    const t = callDocs('1001', '1002', 'c1', 'Trying');
    const a = f.notify('1001', dialogInfo('1001', 2, [t.caller]), 1_000);
    const b = f.notify('1002', dialogInfo('1002', 2, [t.callee]), 1_001);
    expect(a.upsert).toHaveLength(1);
    // the callee's side of the same call adds a leg, not a session (and changes no field)
    expect(b.upsert).toHaveLength(0);
    expect(f.book.calls.size).toBe(1);
    expect(f.book.calls.get('c1')?.legs.size).toBe(2);
    expect(a.upsert[0]).toMatchObject({
      sessionId: 'c1',
      pbxState: 'RINGING',
      caller: '1001',
      callee: '1002',
      source: '1001',
      destination: '1002',
      dialedNumber: '1002',
      sipCallId: 'c1',
      startedAt: 1_000, // first sight, not the later NOTIFY
    });

    const e = callDocs('1001', '1002', 'c1', 'early', { caller: 'FROM', callee: 'TO' });
    const early = f.notify('1001', dialogInfo('1001', 3, [e.caller]));
    expect(early.upsert[0]).toMatchObject({ callerTag: 'FROM', calleeTag: 'TO' });
    f.notify('1002', dialogInfo('1002', 3, [e.callee]));

    // confirmed documents carry no tags: the tracker keeps them, the session too
    const c = callDocs('1001', '1002', 'c1', 'confirmed');
    const conf = f.notify('1002', dialogInfo('1002', 4, [c.callee]));
    expect(conf.upsert[0]).toMatchObject({
      pbxState: 'INCALL',
      callerTag: 'FROM',
      calleeTag: 'TO',
    });
    f.notify('1001', dialogInfo('1001', 4, [c.caller]));

    const x = callDocs('1001', '1002', 'c1', 'terminated');
    const end1 = f.notify('1001', dialogInfo('1001', 5, [x.caller]));
    expect(end1.close).toEqual([{ sessionId: 'c1', pbxState: 'CALLERHUNGUP' }]);
    // the callee's own terminated (or a late confirmed) finds a closed call: nothing happens
    expect(f.notify('1002', dialogInfo('1002', 5, [x.callee]))).toEqual({ upsert: [], close: [] });
    expect(f.book.calls.size).toBe(0);
  });

  it('takes the tags from the callee side when only the callee is watched', () => {
    const f = feeder();
    const e = callDocs('1001', '1002', 'c2', 'early', { caller: 'F', callee: 'T' });
    const r = f.notify('1002', dialogInfo('1002', 2, [{ ...e.callee, remoteDisplay: 'Alice' }]));
    expect(r.upsert[0]).toMatchObject({
      caller: '1001',
      callee: '1002',
      callerDisplayName: 'Alice',
      calleeDisplayName: '',
      callerTag: 'F',
      calleeTag: 'T',
    });
  });

  it('re-published identical documents produce no upsert', () => {
    const f = feeder();
    const c = callDocs('1001', '1002', 'c3', 'confirmed');
    expect(f.notify('1002', dialogInfo('1002', 2, [c.callee])).upsert).toHaveLength(1);
    // Kamailio re-PUBLISHes "confirmed" on every INFO/MESSAGE/re-INVITE
    expect(f.notify('1002', dialogInfo('1002', 3, [c.callee])).upsert).toHaveLength(0);
    expect(f.notify('1002', dialogInfo('1002', 4, [c.callee])).upsert).toHaveLength(0);
  });

  it('an unanswered call ends NOTANSWERED; RFC 4235 event/code refine it', () => {
    const f = feeder();
    const e = callDocs('1001', '1002', 'c4', 'early');
    f.notify('1002', dialogInfo('1002', 2, [e.callee]));
    const x = callDocs('1001', '1002', 'c4', 'terminated');
    expect(f.notify('1002', dialogInfo('1002', 3, [x.callee])).close).toEqual([
      { sessionId: 'c4', pbxState: 'NOTANSWERED' },
    ]);

    const g = feeder();
    g.notify('1002', dialogInfo('1002', 2, [callDocs('1001', '1002', 'c5', 'early').callee]));
    const busy = {
      ...callDocs('1001', '1002', 'c5', 'terminated').callee,
      event: 'rejected',
      code: 486,
    };
    expect(g.notify('1002', dialogInfo('1002', 3, [busy])).close[0]?.pbxState).toBe('BUSY');
  });

  it('an answered call hung up by the callee (event local-bye on the recipient)', () => {
    const f = feeder();
    f.notify('1002', dialogInfo('1002', 2, [callDocs('1001', '1002', 'c6', 'confirmed').callee]));
    const bye = { ...callDocs('1001', '1002', 'c6', 'terminated').callee, event: 'local-bye' };
    expect(f.notify('1002', dialogInfo('1002', 3, [bye])).close[0]?.pbxState).toBe('CALLEEHUNGUP');
  });

  it('lingering terminated dialogs in later full documents do not resurrect the session', () => {
    const f = feeder();
    const c = callDocs('1001', '1002', 'old', 'confirmed');
    f.notify('1002', dialogInfo('1002', 2, [c.callee]));
    const done = callDocs('1001', '1002', 'old', 'terminated').callee;
    expect(f.notify('1002', dialogInfo('1002', 3, [done])).close).toHaveLength(1);
    // Kamailio keeps listing it for override_lifetime (300 s) next to the next call
    const next = callDocs('1003', '1002', 'new', 'early').callee;
    const r = f.notify('1002', dialogInfo('1002', 4, [next, done]));
    expect(r.upsert.map((u) => u.sessionId)).toEqual(['new']);
    expect(r.close).toEqual([]);
    // a fresh tracker (re-subscribe) reports it "terminated" again: still ignored
    const fresh = parseDialogInfo(dialogInfo('1002', 1, [next, done])).dialogs;
    const again = mergeDialogs(f.book, '1002', fresh, 2_000);
    expect(again).toEqual({ upsert: [], close: [] });
  });

  it('a terminated dialog never seen alive creates nothing (the dummy first NOTIFY)', () => {
    const f = feeder();
    const r = f.notify(
      '1002',
      dialogInfo('1002', 1, [{ id: 'dummy', direction: 'recipient', state: 'terminated' }]),
    );
    expect(r).toEqual({ upsert: [], close: [] });
  });

  it('a leg that vanishes from a full document has ended', () => {
    const f = feeder();
    f.notify('1002', dialogInfo('1002', 2, [callDocs('1001', '1002', 'gone', 'confirmed').callee]));
    expect(f.notify('1002', dialogInfo('1002', 3, [])).close).toEqual([
      { sessionId: 'gone', pbxState: 'CALLERHUNGUP' },
    ]);
  });

  it('a forked branch that ends does not end the call still ringing elsewhere', () => {
    const f = feeder();
    const caller = callDocs('1001', '1002', 'fork', 'early').caller;
    f.notify('1001', dialogInfo('1001', 2, [caller]));
    f.notify('1002', dialogInfo('1002', 2, [callDocs('1001', '1002', 'fork', 'early').callee]));
    f.notify('1003', dialogInfo('1003', 2, [callDocs('1001', '1003', 'fork', 'early').callee]));
    const declined = f.notify(
      '1003',
      dialogInfo('1003', 3, [callDocs('1001', '1003', 'fork', 'terminated').callee]),
    );
    expect(declined).toEqual({ upsert: [], close: [] }); // still ringing at 1002
    expect(f.book.calls.get('fork')?.legs.size).toBe(3);
    const answered = f.notify(
      '1002',
      dialogInfo('1002', 3, [callDocs('1001', '1002', 'fork', 'confirmed').callee]),
    );
    expect(answered.upsert[0]).toMatchObject({ pbxState: 'INCALL', callee: '1002' });
  });

  it('dialogs without a Call-ID stay per extension', () => {
    const f = feeder();
    const r = f.notify(
      '1002',
      dialogInfo('1002', 2, [{ id: 'x1', direction: 'recipient', state: 'early', remote: '1001' }]),
    );
    expect(r.upsert[0]).toMatchObject({ sessionId: '1002:x1', caller: '1001', callee: '1002' });
    expect(r.upsert[0]?.sipCallId).toBeUndefined();
  });

  it('dropExtension closes calls only it observed as ABORTED and keeps the others', () => {
    const f = feeder();
    f.notify('1001', dialogInfo('1001', 2, [callDocs('1001', '1002', 'both', 'confirmed').caller]));
    f.notify('1002', dialogInfo('1002', 2, [callDocs('1001', '1002', 'both', 'confirmed').callee]));
    f.notify(
      '1002',
      dialogInfo('1002', 3, [
        callDocs('1001', '1002', 'both', 'confirmed').callee,
        callDocs('1005', '1002', 'only', 'confirmed').callee,
      ]),
    );
    const r = dropExtension(f.book, '1002', 5_000);
    expect(r.close).toEqual([{ sessionId: 'only', pbxState: 'ABORTED' }]);
    expect(r.upsert).toEqual([]); // 'both' goes on through 1001's leg, unchanged
    expect(f.book.calls.get('both')?.legs.size).toBe(1);
  });

  it('old tombstones are pruned', () => {
    const book = createCallBook({ tombstoneMs: 1_000, maxTombstones: 2 });
    const live = (id: string): DialogInfoDialog => ({
      id,
      callId: id,
      state: 'confirmed',
      direction: 'recipient',
    });
    for (const [k, id] of ['a', 'b', 'c'].entries()) {
      mergeDialogs(book, '1002', [live(id)], k);
      mergeDialogs(book, '1002', [], k);
    }
    expect([...book.closed.keys()]).toEqual(['b', 'c']);
    mergeDialogs(book, '1002', [live('d')], 5_000);
    mergeDialogs(book, '1002', [], 5_000);
    expect([...book.closed.keys()]).toEqual(['d']);
  });
});

describe('session states', () => {
  const leg = (d: Partial<DialogInfoDialog>, ended = false): Leg => ({
    ext: d.direction === 'initiator' ? '1001' : '1002',
    dialog: { id: 'x', state: 'confirmed', ...d },
    ended,
  });

  it('trying/proceeding/early → RINGING, confirmed → INCALL', () => {
    for (const state of ['trying', 'proceeding', 'early'] as const)
      expect(liveState([leg({ state })])).toBe('RINGING');
    expect(liveState([leg({ state: 'early' }), leg({ state: 'confirmed' })])).toBe('INCALL');
  });

  it('+sip.rendering=no: the side not rendering holds the other', () => {
    expect(liveState([leg({ direction: 'initiator', localHeld: true })])).toBe('CALLEEONHOLD');
    expect(liveState([leg({ direction: 'recipient', localHeld: true })])).toBe('CALLERONHOLD');
    expect(liveState([leg({ direction: 'initiator', remoteHeld: true })])).toBe('CALLERONHOLD');
    expect(liveState([leg({ direction: 'initiator', localHeld: true, remoteHeld: true })])).toBe(
      'ONHOLD',
    );
  });

  it('end states from event and code', () => {
    const ended = (d: Partial<DialogInfoDialog>) => [leg({ state: 'terminated', ...d }, true)];
    expect(endState(ended({}), false)).toBe('NOTANSWERED');
    expect(endState(ended({}), true)).toBe('CALLERHUNGUP');
    expect(endState(ended({ event: 'cancelled' }), false)).toBe('CANCELLED');
    expect(endState(ended({ code: 487 }), false)).toBe('CANCELLED');
    expect(endState(ended({ event: 'rejected', code: 404 }), false)).toBe('NOTFOUND');
    expect(endState(ended({ event: 'rejected', code: 603 }), false)).toBe('NOTANSWERED');
    expect(endState(ended({ event: 'replaced' }), false)).toBe('REDIRECTED');
    expect(endState(ended({ event: 'replaced' }), true)).toBe('TRANSFERCOMPLETED');
    expect(endState(ended({ event: 'error' }), false)).toBe('ERROR');
    expect(endState(ended({ direction: 'initiator', event: 'remote-bye' }), true)).toBe(
      'CALLEEHUNGUP',
    );
    expect(endState(ended({ direction: 'recipient', event: 'remote-bye' }), true)).toBe(
      'CALLERHUNGUP',
    );
  });
});

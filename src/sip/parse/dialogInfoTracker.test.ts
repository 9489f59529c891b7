import { describe, expect, it } from 'vitest';
import {
  DialogInfoTracker,
  parseDialogInfo,
  reduceDialogs,
  type DialogInfoDoc,
} from './dialogInfo.js';
import {
  KAM_V1_TERMINATED,
  KAM_V2_TRYING,
  KAM_V3_EARLY,
  KAM_V4_CONFIRMED,
  KAM_V5_TERMINATED,
} from './fixtures/kamailio.js';

const ENTITY = 'sip:1002@proto.test';

function partial(version: number, dialogs: string, entity = ENTITY): DialogInfoDoc {
  return parseDialogInfo(
    `<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="partial" entity="${entity}">${dialogs}</dialog-info>`,
  );
}
function full(version: number, dialogs: string, entity = ENTITY): DialogInfoDoc {
  return { ...partial(version, dialogs, entity), state: 'full' };
}
const d = (id: string, state: string, attrs = ''): string =>
  `<dialog id="${id}" ${attrs}><state>${state}</state></dialog>`;
const ids = (r: { dialogs: { id: string; state: string }[] }): string[] =>
  r.dialogs.map((x) => `${x.id}:${x.state}`);

describe('DialogInfoTracker', () => {
  it('follows the Kamailio call sequence v1..v5 and derives the lamp', () => {
    const t = new DialogInfoTracker();
    const lamps: string[] = [];
    const seen: string[][] = [];
    for (const body of [
      KAM_V1_TERMINATED,
      KAM_V2_TRYING,
      KAM_V3_EARLY,
      KAM_V4_CONFIRMED,
      KAM_V5_TERMINATED,
    ]) {
      const r = t.apply(parseDialogInfo(body));
      expect(r.accepted).toBe(true);
      expect(r.versionGap).toBe(false);
      seen.push(ids(r));
      lamps.push(reduceDialogs(r.dialogs));
    }
    expect(lamps).toEqual(['idle', 'ringing', 'ringing', 'busy', 'idle']);
    expect(seen).toEqual([
      ['615293b33c62dec073e05d9421e9f48b:terminated'], // reported once...
      ['padi-6b12c45c-3d3b-1:trying'],
      ['padi-6b12c45c-3d3b-1:early'],
      ['padi-6b12c45c-3d3b-1:confirmed'], // ...not again when v4 repeats it
      ['padi-6b12c45c-3d3b-1:terminated'],
    ]);
    expect(t.dialogs(ENTITY)).toEqual([]);
  });

  it('keeps call-id and tags from earlier versions when a later one omits them (pickup needs them)', () => {
    const t = new DialogInfoTracker();
    t.apply(parseDialogInfo(KAM_V3_EARLY));
    const r = t.apply(parseDialogInfo(KAM_V4_CONFIRMED));
    expect(r.dialogs[0]).toMatchObject({
      state: 'confirmed',
      callId: 'b0q2ru7r2ksnikmtova6',
      localTag: '7vhrccgsd8',
      remoteTag: 'g88lmvlmpq',
    });
  });

  it('ignores duplicate and out-of-order versions', () => {
    const t = new DialogInfoTracker();
    expect(t.apply(full(5, d('a', 'early'))).accepted).toBe(true);
    const dup = t.apply(full(5, d('b', 'confirmed')));
    expect(dup).toEqual({
      accepted: false,
      dialogs: [expect.objectContaining({ id: 'a' })],
      versionGap: false,
    });
    expect(t.apply(partial(4, d('a', 'terminated'))).accepted).toBe(false);
    expect(ids(t.apply(partial(6, d('a', 'confirmed'))))).toEqual(['a:confirmed']);
  });

  it('partial merges by dialog id; terminated ones are reported once then removed', () => {
    const t = new DialogInfoTracker();
    t.apply(full(1, d('a', 'confirmed') + d('b', 'early')));
    let r = t.apply(partial(2, d('c', 'trying')));
    expect(ids(r)).toEqual(['a:confirmed', 'b:early', 'c:trying']);
    r = t.apply(partial(3, d('b', 'terminated')));
    expect(ids(r)).toEqual(['a:confirmed', 'c:trying', 'b:terminated']);
    r = t.apply(partial(4, d('c', 'early')));
    expect(ids(r)).toEqual(['a:confirmed', 'c:early']);
    expect(r.versionGap).toBe(false);
  });

  it('full state replaces the whole set', () => {
    const t = new DialogInfoTracker();
    t.apply(full(1, d('a', 'confirmed') + d('b', 'early')));
    expect(ids(t.apply(full(2, d('c', 'early'))))).toEqual(['c:early']);
  });

  it('flags a version gap on partial documents', () => {
    const t = new DialogInfoTracker();
    expect(t.apply(partial(3, d('a', 'early'))).versionGap).toBe(true); // no full baseline
    expect(t.apply(partial(4, d('a', 'confirmed'))).versionGap).toBe(false);
    const r = t.apply(partial(9, d('b', 'early')));
    expect(r).toMatchObject({ accepted: true, versionGap: true });
    expect(t.apply(full(12, '')).versionGap).toBe(false);
  });

  it('after reset(), a full document with a lower version (new subscription) is accepted', () => {
    const t = new DialogInfoTracker();
    t.apply(full(40, d('a', 'confirmed')));
    expect(t.apply(full(1, d('z', 'early'))).accepted).toBe(false); // no reset: stale
    t.reset('<SIP:1002@proto.test>'); // same entity, any case / brackets
    expect(t.apply(partial(2, d('z', 'early'))).accepted).toBe(false); // partial cannot restart numbering
    const r = t.apply(full(1, d('z', 'early')));
    expect(r.accepted).toBe(true);
    expect(ids(r)).toEqual(['z:early']);
    expect(t.apply(full(1, d('y', 'early'))).accepted).toBe(false); // reset consumed
    expect(t.apply(partial(2, d('y', 'early'))).accepted).toBe(true);
  });

  it('keeps entities apart; forget() drops state', () => {
    const t = new DialogInfoTracker();
    t.apply(full(5, d('a', 'confirmed')));
    expect(t.apply(full(1, d('b', 'early'), 'sip:1001@proto.test')).accepted).toBe(true);
    expect(t.dialogs(ENTITY).map((x) => x.id)).toEqual(['a']);
    expect(t.dialogs('sip:1001@proto.test').map((x) => x.id)).toEqual(['b']);
    t.forget(ENTITY);
    expect(t.apply(full(1, '')).accepted).toBe(true);
    t.reset('sip:unknown@proto.test'); // no-op for an unknown entity
  });

  it('a dialog id that comes back and terminates again is reported again', () => {
    const t = new DialogInfoTracker();
    t.apply(full(1, d('a', 'terminated')));
    expect(ids(t.apply(full(2, d('a', 'terminated'))))).toEqual([]);
    t.apply(full(3, d('a', 'early')));
    expect(ids(t.apply(full(4, d('a', 'terminated'))))).toEqual(['a:terminated']);
  });
});

import { describe, expect, it } from 'vitest';
import directory from '../fixtures/directory.json';
import { Helper } from '../../src/core/helper';
import { StoreWriter, createOzStore } from '../../src/core/store';
import type { SessionRecord } from '../../src/core/types';

function loaded() {
  const store = createOzStore();
  const w = new StoreWriter(store);
  w.batch(() => {
    w.replaceMap('users', Object.fromEntries(directory.users.map((u) => [u.id, u])));
    w.replaceMap(
      'extensions',
      Object.fromEntries(
        directory.extensions.map((e) => [e.id, { ...e, kind: 'extension' as const }]),
      ),
    );
    w.replaceMap(
      'outsideLines',
      Object.fromEntries(
        directory.outsideLines.map((e) => [e.id, { ...e, kind: 'outsideLine' as const }]),
      ),
    );
  });
  return { store, w, helper: new Helper(store, (r) => r) };
}

const session = (
  id: string,
  caller: string,
  callee: string,
  pbxState: SessionRecord['pbxState'],
  sessionState: SessionRecord['sessionState'],
): SessionRecord => ({
  sessionId: id,
  masterSessionId: id,
  sessionState,
  pbxState,
  startedAt: 0,
  answeredAt: null,
  stateChangedAt: 0,
  endedAt: null,
  caller,
  callee,
  callerDisplayName: '',
  calleeDisplayName: '',
  callerCallLegId: '',
  calleeCallLegId: '',
  source: caller,
  sourceType: 'Extension',
  destination: callee,
  destinationType: 'Extension',
  dialedNumber: callee,
});

describe('Helper look-ups', () => {
  it('finds users by id and by extension, null when missing', () => {
    const { helper } = loaded();
    expect(helper.getUserById('admin')?.devices[0]).toBe('1001');
    expect(helper.getUserById('nobody')).toBeNull();
    expect(helper.getUserByExtension('1006')?.id).toBe('erin');
    expect(helper.getUserByExtension('4242')).toBeNull();
  });

  it('returns id-keyed collections that for…in can walk', () => {
    const { helper } = loaded();
    const ids: string[] = [];
    const all = helper.getExtensions();
    for (const id in all) ids.push(id);
    expect(ids.sort()).toEqual(['1001', '1002', '1003', '1004', '1005', '1006']);
    expect(Object.keys(helper.getExtensionsByType('SIP')).sort()).toEqual(['1004', '1005']);
    expect(Object.keys(helper.getExtensionsByType('webphone'))).toHaveLength(4);
    expect(helper.getExtensionsByType('Queue')).toEqual({});
    expect(helper.getExtensionById('1004')?.displayName).toBe('Dave Desk');
    expect(helper.getExtensionById('trunk1')).toBeNull();
  });

  it('keeps outside lines apart from extensions', () => {
    const { helper } = loaded();
    expect(helper.getOutsideLineById('trunk1')?.kind).toBe('outsideLine');
    expect(helper.getOutsideLineById('1001')).toBeNull();
    expect(Object.keys(helper.getOutsideLines())).toEqual(['trunk1']);
    expect(Object.keys(helper.getOutsideLinesByType('SIP trunk'))).toEqual(['trunk1']);
    expect(helper.getOutsideLinesByType('Webphone')).toEqual({});
  });

  it('answers session look-ups in both state vocabularies', () => {
    const { helper, w } = loaded();
    w.updateMap('sessions', {
      s1: session('s1', '1001', '1002', 'INCALL', 'IN_CALL'),
      s2: session('s2', '1005', '1004', 'RINGING', 'RINGING'),
      s3: session('s3', '1006', '1003', 'CALLERONHOLD', 'HOLD'),
    });
    expect(Object.keys(helper.getActiveCallsOfExtension('1002'))).toEqual(['s1']);
    expect(Object.keys(helper.getActiveCallsOfUser('erin')).sort()).toEqual(['s2', 's3']);
    expect(helper.getActiveCallsOfUser('nobody')).toEqual({});
    expect(helper.getActiveSessionById('s2')?.callee).toBe('1004');
    expect(helper.getActiveSessionById('zz')).toBeNull();
    expect(Object.keys(helper.getActiveSessionsBySessionState('IN_CALL'))).toEqual(['s1']);
    expect(Object.keys(helper.getActiveSessionsBySessionState('INCALL'))).toEqual(['s1']);
    expect(Object.keys(helper.getActiveSessionsBySessionState('onhold'))).toEqual(['s3']);
    expect(Object.keys(helper.getActiveSessionsBySessionState('CALLEEONHOLD'))).toEqual(['s3']);
    expect(helper.getActiveSessionsBySessionState('NOT_A_STATE')).toEqual({});
  });

  it('filters the call history of one extension, newest first', () => {
    const { helper, w } = loaded();
    const rec = (callId: string, source: string, destination: string, startTime: string) => ({
      callId,
      startTime,
      direction: 'Internal' as const,
      source,
      destination,
      state: 'CallerHungUp',
      dialed: destination,
      callerId: source,
      type: 'Audio' as const,
      ringDuration: 1,
      talkDuration: 5,
      origin: 'own' as const,
    });
    w.updateMap('history', {
      a: rec('a', '1001', '1002', '2026-01-01T10:00:00.000Z'),
      b: rec('b', '1003', '1001', '2026-01-02T10:00:00.000Z'),
      c: rec('c', '1004', '1005', '2026-01-03T10:00:00.000Z'),
    });
    expect(helper.getCallHistoryOfExtension('1001').map((r) => r.callId)).toEqual(['b', 'a']);
    expect(
      helper
        .getCallHistoryOfExtension('1001', { from: '2026-01-02T00:00:00Z' })
        .map((r) => r.callId),
    ).toEqual(['b']);
    expect(helper.getCallHistoryOfExtension('1999')).toEqual([]);
  });

  it('throws a typed error for a missing mandatory argument', () => {
    const { helper } = loaded();
    expect(() => helper.getUserById('')).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('returns the same derived object while the source is unchanged', () => {
    const { helper, w } = loaded();
    const a = helper.getExtensionsByType('SIP');
    w.updateMap('extensionStates', { '1004': 'busy' });
    expect(helper.getExtensionsByType('SIP')).toBe(a);
  });
});

import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CallHistoryFilter } from '../../src/core/types';
import { useActiveCalls, useCall, useCallHistory, useSession, useSessions } from '../../src/react';
import { makeRig, settle } from './react-harness';

describe('session hooks on the simulated PBX', () => {
  it('follow a PBX-wide call from ringing to its end', async () => {
    const rig = makeRig();
    await rig.connect();
    let id = '';
    const { result } = renderHook(
      () => ({
        session: useSession(id),
        all: useSessions(),
        ringing: useSessions('RINGING'),
        talking: useSessions('INCALL'), // a PBX state name, as the Helper accepts
        bogus: useSessions('bogus'),
        of1002: useActiveCalls({ extension: '1002' }),
        ofBence: useActiveCalls({ user: 'bence' }),
        of1005: useActiveCalls({ extension: '1005' }),
        ofNobody: useActiveCalls({ user: 'nobody' }),
      }),
      { wrapper: rig.wrapper },
    );
    expect(result.current.all).toEqual([]);
    act(() => void (id = rig.pbx.startCall('1002', '1003')));
    // The hook reads `id` on its next render.
    await settle(5);
    const r = result.current;
    expect(r.session).toMatchObject({
      sessionId: id,
      sessionState: 'RINGING',
      caller: '1002',
      callee: '1003',
    });
    expect(r.all).toEqual([r.session]);
    expect(r.ringing).toEqual([r.session]);
    expect(r.talking).toEqual([]);
    expect(r.bogus).toEqual([]);
    expect(r.of1002).toEqual([r.session]);
    expect(r.ofBence).toEqual([r.session]);
    expect(r.of1005).toEqual([]);
    expect(r.ofNobody).toEqual([]);
    await waitFor(() => expect(result.current.session?.sessionState).toBe('IN_CALL'));
    expect(result.current.talking).toEqual([result.current.session]);
    expect(result.current.ringing).toEqual([]);
    act(() => rig.pbx.endCall(id));
    expect(result.current.session).toBeNull();
    expect(result.current.all).toEqual([]);
    expect(result.current.of1002).toEqual([]);
  });

  it('a user with two devices sees the calls of both', async () => {
    const rig = makeRig();
    await rig.connect();
    const { result } = renderHook(() => useActiveCalls({ user: 'admin' }), {
      wrapper: rig.wrapper,
    });
    let a = '';
    let b = '';
    act(() => {
      a = rig.pbx.startCall('1000', '1003');
      b = rig.pbx.startCall('1004', '1012');
    });
    expect(result.current.map((s) => s.sessionId).sort()).toEqual([a, b].sort());
  });

  it('session lists keep their identity while their members are unchanged', async () => {
    const rig = makeRig();
    await rig.connect();
    let id = '';
    act(() => void (id = rig.pbx.startCall('1002', '1003')));
    await waitFor(() =>
      expect(rig.client.store.getState().sessions[id]?.sessionState).toBe('IN_CALL'),
    );
    const { result } = renderHook(
      () => ({ of1002: useActiveCalls({ extension: '1002' }), talking: useSessions('IN_CALL') }),
      { wrapper: rig.wrapper },
    );
    const before = result.current;
    // Another session changes the sessions map, not these lists' members.
    act(() => void rig.pbx.startCall('1004', '1005'));
    expect(result.current.of1002).toBe(before.of1002);
    expect(result.current.talking).toBe(before.talking);
  });
});

describe('useCallHistory', () => {
  it('lists own and observed calls, newest first, by extension and filter', async () => {
    const rig = makeRig();
    await rig.connect();
    const { result } = renderHook(
      ({ filter }: { filter: CallHistoryFilter }) => ({
        call: useCall('1002'),
        all: useCallHistory(),
        of1002: useCallHistory('1002'),
        of1004: useCallHistory('1004', filter),
        fromMe: useCallHistory(null, { direction: 'Internal', source: '1001' }),
        page: useCallHistory(undefined, { rowsPerPage: 1, pageNumber: 2 }),
        none: useCallHistory('4242'),
      }),
      { wrapper: rig.wrapper, initialProps: { filter: { state: 'CallerHungUp' } } },
    );
    expect(result.current.all).toEqual([]);
    await act(() => result.current.call.start());
    await waitFor(() => expect(result.current.call.state).toBe('IN_CALL'));
    await act(() => result.current.call.hangUp());
    await waitFor(() => expect(result.current.of1002.some((h) => h.origin === 'own')).toBe(true));
    let s = '';
    act(() => void (s = rig.pbx.startCall('1004', '1005')));
    await waitFor(() =>
      expect(rig.client.store.getState().sessions[s]?.sessionState).toBe('IN_CALL'),
    );
    act(() => rig.pbx.endCall(s));
    await waitFor(() => expect(result.current.of1004).toHaveLength(1));
    const r = result.current;
    expect(r.of1004[0]).toMatchObject({
      origin: 'observed',
      source: '1004',
      destination: '1005',
      state: 'CallerHungUp',
    });
    expect(r.all[0]).toBe(r.of1004[0]); // newest first
    const own = r.of1002.find((h) => h.origin === 'own');
    expect(own).toMatchObject({ source: '1001', destination: '1002', state: 'CallerHungUp' });
    expect(r.of1002.every((h) => h.source === '1002' || h.destination === '1002')).toBe(true);
    expect(r.fromMe).toEqual(r.of1002);
    expect(r.page).toEqual([r.all[1]]);
    expect(r.none).toEqual([]);
    // An unrelated update keeps every list.
    act(() => void rig.pbx.startCall('1006', '1007'));
    expect(result.current.of1004).toBe(r.of1004);
    expect(result.current.all).toBe(r.all);
  });

  it('a filter object made on every render does not make a new list', async () => {
    const rig = makeRig();
    await rig.connect();
    const { result, rerender } = renderHook(
      () => useCallHistory('1002', { direction: 'Internal' }),
      { wrapper: rig.wrapper },
    );
    const first = result.current;
    rerender();
    rerender();
    expect(result.current).toBe(first);
  });
});

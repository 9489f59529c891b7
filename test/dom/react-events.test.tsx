import { act, render, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Call } from '../../src/core/call';
import {
  OzProvider,
  useCallHistoryInfoEvent,
  useClientStateEvent,
  useClients,
  useConnectionStateEvent,
  useErrorEvent,
  useErrors,
  useIncomingCallEvent,
  useLastError,
  useOzEvent,
  useSessionClosedEvent,
  useSessionCreatedEvent,
  useUserInfoEvent,
} from '../../src/react';
import { makeRig } from './react-harness';

describe('event hooks', () => {
  it('a new handler on every render does not resubscribe, and the newest one is called', async () => {
    const rig = makeRig();
    await rig.connect();
    const base = rig.client.listenerCount();
    const calls: string[] = [];
    const { rerender, unmount } = renderHook(
      ({ tag }: { tag: string }) =>
        useIncomingCallEvent((call: Call) => calls.push(`${tag}:${call.getOtherParty()}`)),
      { wrapper: rig.wrapper, initialProps: { tag: 'first' } },
    );
    expect(rig.client.listenerCount()).toBe(base + 1);
    rerender({ tag: 'second' });
    rerender({ tag: 'third' });
    expect(rig.client.listenerCount()).toBe(base + 1);
    act(() => void rig.pbx.ringIncoming('1004'));
    expect(calls).toEqual(['third:1004']);
    unmount();
    expect(rig.client.listenerCount()).toBe(base);
  });

  it('connection, session, user, error and history events arrive', async () => {
    const rig = makeRig();
    const seen: string[] = [];
    renderHook(
      () => {
        useConnectionStateEvent((info) => seen.push(`conn:${info.State}`));
        useSessionCreatedEvent((s) => seen.push(`created:${s.caller}>${s.callee}`));
        useSessionClosedEvent((s) => seen.push(`closed:${s.sessionState}`));
        useUserInfoEvent((u) => u.id === 'admin' && seen.push('user:admin'));
        useErrorEvent((e) => seen.push(`error:${e.code}`));
        useCallHistoryInfoEvent((h) => seen.push(`history:${h.totalRecords}`));
        useOzEvent('callStateChanged', null); // no handler: nothing to do, nothing breaks
      },
      { wrapper: rig.wrapper },
    );
    await rig.connect();
    let id = '';
    act(() => void (id = rig.pbx.startCall('1002', '1003')));
    act(() => rig.pbx.endCall(id));
    await act(() =>
      rig.client
        .createCall('1002')
        .actions.hangUp()
        .catch(() => {}),
    );
    act(() => rig.client.getCallHistory());
    await waitFor(() => expect(seen).toContain('history:1'));
    expect(seen).toEqual([
      'user:admin',
      'conn:ACCESS_GRANTED',
      'created:1002>1003',
      'closed:COMPLETED',
      'error:INVALID_STATE',
      'history:1',
    ]);
  });

  it('subscriptions follow the provider to a new client', async () => {
    const a = makeRig();
    const b = makeRig();
    await a.connect();
    await b.connect();
    const [baseA, baseB] = [a.client.listenerCount(), b.client.listenerCount()];
    const handler = vi.fn();
    function Probe() {
      useIncomingCallEvent(handler);
      return null;
    }
    const tree = (client: typeof a.client): ReactNode => (
      <OzProvider client={client}>
        <Probe />
      </OzProvider>
    );
    const { rerender, unmount } = render(tree(a.client));
    expect(a.client.listenerCount()).toBe(baseA + 1);
    rerender(tree(b.client));
    expect(a.client.listenerCount()).toBe(baseA);
    expect(b.client.listenerCount()).toBe(baseB + 1);
    act(() => void a.pbx.ringIncoming('1004'));
    expect(handler).not.toHaveBeenCalled();
    act(() => void b.pbx.ringIncoming('1004'));
    expect(handler).toHaveBeenCalledTimes(1);
    unmount();
    expect(b.client.listenerCount()).toBe(baseB);
  });
});

describe('useClients and useErrors', () => {
  it('the roster follows onClientStateChanged', async () => {
    const rig = makeRig();
    await rig.connect();
    const events: string[] = [];
    const { result } = renderHook(
      () => {
        useClientStateEvent((c) => events.push(`${c.phoneNumber}:${c.status}`));
        return useClients();
      },
      { wrapper: rig.wrapper },
    );
    expect(result.current).toEqual([]);
    act(() => rig.events().client({ phoneNumber: '1002', status: 'ONLINE', agent: 'web' }));
    act(() => rig.events().client({ phoneNumber: '1003', status: 'ONLINE' }));
    const two = result.current;
    expect(two.map((c) => `${c.phoneNumber}:${c.status}`)).toEqual(['1002:ONLINE', '1003:ONLINE']);
    expect(two[0]?.agent).toBe('web');
    act(() => void rig.pbx.startCall('1004', '1005')); // unrelated
    expect(result.current).toBe(two);
    act(() => rig.events().client({ phoneNumber: '1002', status: 'OFFLINE' }));
    expect(result.current.map((c) => c.status)).toEqual(['OFFLINE', 'ONLINE']);
    expect(result.current[1]).toBe(two[1]);
    expect(events).toEqual(['1002:ONLINE', '1003:ONLINE', '1002:OFFLINE']);
  });

  it('errors of the client are in useErrors and useLastError', async () => {
    const rig = makeRig();
    const { result } = renderHook(() => ({ all: useErrors(), last: useLastError() }), {
      wrapper: rig.wrapper,
    });
    expect(result.current).toEqual({ all: [], last: null });
    await act(() => rig.client.connectAsync('sim', '1001', { Password: 'nope' }));
    expect(result.current.last?.code).toBe('ACCESS_DENIED');
    expect(result.current.all).toHaveLength(1);
  });
});

import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OzError } from '../../src/core/errors';
import type { CallState } from '../../src/core/enums';
import {
  useCall,
  useCallStateEvent,
  useCalls,
  useIncomingCalls,
  useMessages,
  type CallTarget,
} from '../../src/react';
import { makeRig, settle } from './react-harness';

async function connected() {
  const rig = makeRig();
  await rig.connect();
  return rig;
}

describe('useCall', () => {
  it('with a number: start() calls it, then every control works and the end stays visible', async () => {
    const rig = await connected();
    const { result } = renderHook(
      () => {
        const call = useCall('1002');
        return { call, messages: useMessages(call.id) };
      },
      { wrapper: rig.wrapper },
    );
    const first = result.current.call;
    expect(first).toMatchObject({ call: null, id: null, state: null, ended: false });
    await act(() => result.current.call.start());
    const id = result.current.call.id;
    expect(id).toMatch(/^call-/);
    expect(result.current.call.call?.otherParty).toBe('1002');
    await waitFor(() => expect(result.current.call.state).toBe('IN_CALL'));
    // Every action keeps its identity across renders.
    expect(result.current.call.hangUp).toBe(first.hangUp);
    expect(result.current.call.start).toBe(first.start);

    await act(() => result.current.call.hold());
    await waitFor(() => expect(result.current.call.state).toBe('HOLD'));
    await act(() => result.current.call.unHold());
    await waitFor(() => expect(result.current.call.state).toBe('IN_CALL'));
    await act(() => result.current.call.mute());
    expect(result.current.call.call?.muted).toBe(true);
    await act(() => result.current.call.unmute());
    expect(result.current.call.call?.muted).toBe(false);
    await act(() => result.current.call.sendDtmf('5'));
    expect(rig.pbx.dtmfLog(id as string)).toEqual(['5']);
    await act(() => result.current.call.sendMessage('hi'));
    await waitFor(() =>
      expect(result.current.messages.map((m) => `${m.direction}:${m.text}`)).toEqual([
        'out:hi',
        'in:Echo: hi',
      ]),
    );
    // A second start() while the call is up is a double click, not a second call.
    await expect(result.current.call.start()).rejects.toMatchObject({ code: 'INVALID_STATE' });

    await act(() => result.current.call.hangUp());
    await waitFor(() => expect(result.current.call.ended).toBe(true));
    expect(result.current.call).toMatchObject({ id, state: 'COMPLETED' });
    expect(rig.client.store.getState().calls).toEqual({});
    // Another call ending replaces lastEndedCall; this hook still shows its own call's end.
    const { result: other } = renderHook(() => useCall('1003'), { wrapper: rig.wrapper });
    await act(() => other.current.start());
    await act(() => other.current.hangUp());
    await waitFor(() => expect(other.current.ended).toBe(true));
    expect(result.current.call).toMatchObject({ id, state: 'COMPLETED', ended: true });
    // And it can call again.
    await act(() => result.current.call.start());
    expect(result.current.call.id).not.toBe(id);
    expect(result.current.call.ended).toBe(false);
  });

  it('reports the outcome of busy and unknown numbers', async () => {
    const rig = await connected();
    const { result } = renderHook(
      () => ({ busy: useCall('1009'), gone: useCall({ number: '9999' }) }),
      {
        wrapper: rig.wrapper,
      },
    );
    await act(async () => {
      await result.current.busy.start();
      await result.current.gone.start();
    });
    await waitFor(() => {
      expect(result.current.busy).toMatchObject({ state: 'BUSY', ended: true });
      expect(result.current.gone).toMatchObject({ state: 'NOT_FOUND', ended: true });
    });
  });

  it('without an argument follows the current call: accept an incoming call', async () => {
    const rig = await connected();
    const { result } = renderHook(
      () => ({ call: useCall(), incoming: useIncomingCalls(), calls: useCalls() }),
      { wrapper: rig.wrapper },
    );
    expect(result.current.call.call).toBeNull();
    expect(result.current.incoming).toEqual([]);
    let id = '';
    act(() => void (id = rig.pbx.ringIncoming('1004')));
    expect(result.current.call).toMatchObject({ id, state: 'RINGING' });
    expect(result.current.call.call?.direction).toBe('inbound');
    expect(result.current.incoming.map((c) => c.id)).toEqual([id]);
    expect(result.current.calls.map((c) => c.id)).toEqual([id]);
    await act(() => result.current.call.accept());
    await waitFor(() => expect(result.current.call.state).toBe('IN_CALL'));
    expect(result.current.incoming).toEqual([]);
    await act(() => result.current.call.hangUp());
    await waitFor(() => expect(result.current.call.call).toBeNull());
    expect(result.current.calls).toEqual([]);
    // start(number) in current-call mode places a call that becomes the current one.
    await act(() => result.current.call.start('1005'));
    expect(result.current.call.call?.otherParty).toBe('1005');
    await act(() => result.current.call.hangUp());
  });

  it('rejects and forwards incoming calls', async () => {
    const rig = await connected();
    const { result } = renderHook(() => useIncomingCalls(), { wrapper: rig.wrapper });
    let a = '';
    let b = '';
    act(() => {
      a = rig.pbx.ringIncoming('1004');
      b = rig.pbx.ringIncoming('1005');
    });
    expect(result.current.map((c) => c.id)).toEqual([a, b]);
    const { result: ca } = renderHook(() => useCall(a), { wrapper: rig.wrapper });
    const { result: cb } = renderHook(() => useCall({ callId: b }), { wrapper: rig.wrapper });
    expect(ca.current.call?.otherParty).toBe('1004');
    expect(cb.current.call?.otherParty).toBe('1005');
    await act(() => ca.current.reject());
    await act(() => cb.current.forward('1003'));
    await waitFor(() => expect(result.current).toEqual([]));
    // A call id string stays a call id after the call has gone.
    expect(ca.current).toMatchObject({ id: a, state: 'REJECTED', ended: true });
    expect(cb.current).toMatchObject({ id: b, ended: true });
    expect(cb.current.call?.endReason).toBe('forwarded');
  });

  it('follows a Call object handed in, and start() starts it', async () => {
    const rig = await connected();
    const made = rig.client.createCall('1006');
    const { result } = renderHook((t: CallTarget) => useCall(t), {
      wrapper: rig.wrapper,
      initialProps: made,
    });
    expect(result.current.call).toMatchObject({ id: made.id, started: false, state: null });
    await act(() => result.current.start());
    await waitFor(() => expect(result.current.state).toBe('IN_CALL'));
    // Blind transfer ends this leg.
    await act(() => result.current.transfer('1003'));
    await waitFor(() => expect(result.current.ended).toBe(true));
    expect(result.current.call?.endReason).toBe('transferred');
  });

  it('attended transfer between two calls of the hook', async () => {
    const rig = await connected();
    const { result } = renderHook(() => ({ a: useCall('1002'), b: useCall('1003') }), {
      wrapper: rig.wrapper,
    });
    await act(async () => {
      await result.current.a.start();
      await result.current.b.start();
    });
    await waitFor(() => {
      expect(result.current.a.state).toBe('IN_CALL');
      expect(result.current.b.state).toBe('IN_CALL');
    });
    await act(() => result.current.a.transfer({ callId: result.current.b.id as string }));
    await waitFor(() => {
      expect(result.current.a.ended).toBe(true);
      expect(result.current.b.ended).toBe(true);
    });
  });

  it('actions reject with OzError and never throw', async () => {
    const rig = makeRig();
    const { result } = renderHook(
      () => ({ none: useCall(), to: useCall('1002'), bad: useCall('no way!') }),
      {
        wrapper: rig.wrapper,
      },
    );
    const fails = async (p: Promise<void>, code: OzError['code']) => {
      const err = await p.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(OzError);
      expect((err as OzError).code).toBe(code);
    };
    await fails(result.current.none.hangUp(), 'INVALID_STATE');
    await fails(result.current.none.start(), 'INVALID_ARGUMENT');
    await fails(result.current.bad.start(), 'INVALID_NUMBER');
    // Not connected yet: the core's NOT_CONNECTED, and no call is left behind.
    await act(() => fails(result.current.to.start(), 'NOT_CONNECTED'));
    expect(rig.client.store.getState().calls).toEqual({});
    await rig.connect();
    await act(() => result.current.to.start());
    await fails(result.current.to.accept(), 'INVALID_STATE'); // an outbound call
    await fails(result.current.to.sendDtmf('5'), 'INVALID_STATE'); // not answered yet
    await act(() => result.current.to.hangUp());
  });

  it("runs Ozeki's getUserById example: ANSWERED → sendMessage('Hello World!')", async () => {
    const rig = await connected();
    const states: CallState[] = [];
    const { result } = renderHook(
      () => {
        const admin = rig.client.helper.getUserById('admin');
        const call = useCall(admin?.devices[0]);
        useCallStateEvent((c, state) => {
          states.push(state);
          if (c.id === call.id && state === 'ANSWERED') c.sendMessage('Hello World!');
        });
        return { call, messages: useMessages(call.id) };
      },
      { wrapper: rig.wrapper },
    );
    await act(() => result.current.call.start());
    await waitFor(() => expect(result.current.messages[0]?.text).toBe('Hello World!'));
    expect(states).toEqual(['RINGING', 'ANSWERED', 'IN_CALL']);
    expect(result.current.call.call?.otherParty).toBe('1000');
    await act(() => result.current.call.hangUp());
  });

  it('useMessages returns the same empty list for a missing call', async () => {
    const rig = await connected();
    const { result, rerender } = renderHook(() => [useMessages('nope'), useMessages(null)], {
      wrapper: rig.wrapper,
    });
    const [a, b] = result.current;
    expect(a).toEqual([]);
    expect(a).toBe(b);
    act(() => void rig.pbx.startCall('1002', '1003'));
    await settle(10);
    rerender();
    expect(result.current[0]).toBe(a);
  });
});

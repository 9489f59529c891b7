import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Call } from '../../src/core/call';
import { usePickup, useSessions } from '../../src/react';
import { makeRig, settle } from './react-harness';

describe('usePickup', () => {
  it('answers a call ringing at another extension here, and says why it cannot', async () => {
    const rig = makeRig({ answerDelayMs: 5000 });
    await rig.connect('1001');
    const { result } = renderHook(() => ({ pickup: usePickup(), sessions: useSessions() }), {
      wrapper: rig.wrapper,
    });
    await expect(result.current.pickup('no-such-session')).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    let id = '';
    act(() => void (id = rig.pbx.startCall('1002', '1003')));
    await settle(5);
    let call: Call | null = null;
    await act(async () => {
      call = await result.current.pickup(id);
    });
    await settle(100);
    expect((call as Call | null)?.getCallState()).toBe('IN_CALL');
    expect((call as Call | null)?.getOtherParty()).toBe('1002');
    expect(result.current.sessions.find((s) => s.sessionId === id)).toBeUndefined();
    await act(() => rig.client.disconnectAsync());
  });
});

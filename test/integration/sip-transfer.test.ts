// Transfers through a real Kamailio, every party a real ozkit client: blind transfer by REFER
// (the transferee follows it), a failed blind transfer (the call stays), attended transfer by
// REFER with Replaces between two of the transferor's own calls, and call pickup (INVITE with
// Replaces to the caller of a ringing call).
import { beforeAll, describe, expect, it } from 'vitest';
import { blankSession } from '../../src/core/client';
import type { SessionRecord } from '../../src/core/types';
import { connectCall, dial, threeClients, waitFor, type TestClient } from './sip-helpers';

let a: TestClient;
let b: TestClient;
let c: TestClient;

const trio = threeClients('sip-transfer', {
  sip: { userAgentOptions: { transportOptions: { traceSip: true } } },
});
beforeAll(() => {
  ({ a, b, c } = trio);
});

const ended = (x: TestClient) => x.client.store.getState().lastEndedCall;

describe('SIP backend: transfer', () => {
  it('blind transfer: A–B up, B transfers A to C, A ends up talking to C', async () => {
    const { out: aCall, inc: bCall } = await connectCall(a, b);
    const toC = c.nextIncoming();
    const transfer = bCall.actions.transfer('1003');
    const cCall = await toC;
    expect(cCall.getOtherParty()).toBe('1001');
    expect(bCall.getRecord().pending).toBe('transfer');
    cCall.accept();
    await transfer; // resolves on the transferee's NOTIFY with 200
    await waitFor(() => ended(b)?.id === bCall.id, 'B ended');
    expect(ended(b)).toMatchObject({ state: 'COMPLETED', endReason: 'transferred' });
    await waitFor(() => aCall.getOtherParty() === '1003', 'A now with C');
    expect(aCall.getCallState()).toBe('IN_CALL');
    expect(a.liveCalls().map((r) => r.id)).toEqual([aCall.id]); // the same call moved on
    expect(cCall.getCallState()).toBe('IN_CALL');
    // A and C really share a dialog now
    const got: string[] = [];
    cCall.onMessageReceived((m) => got.push(m));
    await aCall.actions.sendMessage('hi C');
    await waitFor(() => got.length === 1, 'message at C');
    aCall.hangUp();
    await waitFor(() => cCall.getCallState() === 'COMPLETED', 'C ended');
  });

  it('a failed blind transfer is TRANSFER_FAILED and the call stays up', async () => {
    const { out: aCall, inc: bCall } = await connectCall(a, b);
    const err = await bCall.actions.transfer('1006').then(
      () => null,
      (e: unknown) => e,
    ); // 1006 is not registered: A's INVITE gets 404
    expect(err).toMatchObject({ code: 'TRANSFER_FAILED', statusCode: 404 });
    expect(String((err as Error).message)).toBe('The transfer to 1006 failed: not found (SIP 404)');
    expect(bCall.getRecord()).toMatchObject({ state: 'IN_CALL', pending: null });
    expect(aCall.getRecord()).toMatchObject({ state: 'IN_CALL', otherParty: '1002' });
    const got: string[] = [];
    bCall.onMessageReceived((m) => got.push(m));
    await aCall.actions.sendMessage('still here');
    await waitFor(() => got.length === 1, 'A–B still connected');
    bCall.hangUp();
    await waitFor(() => aCall.getCallState() === 'COMPLETED', 'A ended');
  });

  it('attended transfer: B holds A, calls C, then joins A and C (REFER with Replaces)', async () => {
    const { out: aCall, inc: bWithA } = await connectCall(a, b);
    await bWithA.actions.hold();
    await waitFor(() => aCall.getCallState() === 'HOLD', 'A held');
    const { out: bWithC, inc: cCall } = await connectCall(b, c);
    const cId = cCall.id;
    await bWithA.actions.transfer(bWithC);
    await waitFor(() => b.liveCalls().length === 0, 'both of B calls ended');
    expect(ended(b)?.endReason).toBe('transferred');
    await waitFor(
      () => aCall.getOtherParty() === '1003' && aCall.getCallState() === 'IN_CALL',
      'A with C',
    );
    await waitFor(() => cCall.getOtherParty() === '1001', 'C with A');
    expect(c.liveCalls().map((r) => r.id)).toEqual([cId]); // C's call was replaced in place
    expect(cCall.getCallState()).toBe('IN_CALL');
    const got: string[] = [];
    aCall.onMessageReceived((m) => got.push(m));
    await cCall.actions.sendMessage('hello A');
    await waitFor(() => got.length === 1, 'message at A');
    cCall.hangUp();
    await waitFor(() => aCall.getCallState() === 'COMPLETED', 'A ended');
  });

  it('pickup: C takes a call ringing at B; the caller accepts the INVITE with Replaces', async () => {
    const toB = b.nextIncoming();
    const { call: aCall, states } = dial(a, '1002');
    const bCall = await toB;
    await waitFor(() => states.includes('RINGING'), 'ringing');
    // The dialog identifiers a dialog-info NOTIFY would carry; here from A's SIP trace.
    const dlg = earlyDialog(a.logs);
    const session: SessionRecord = {
      ...blankSession('s1', 0),
      caller: '1001',
      callee: '1002',
      sipCallId: dlg.callId,
      callerTag: dlg.fromTag,
      calleeTag: dlg.toTag,
    };
    const picked = c.client.createCall('1001');
    await c
      .backend()
      .pickup(picked.id, session)
      .catch(() => {}); // core wiring comes with BLF
    await waitFor(() => aCall.getCallState() === 'IN_CALL', 'A answered by the pickup');
    expect(aCall.getOtherParty()).toBe('1003');
    expect(states).toEqual(['RINGING', 'ANSWERED', 'IN_CALL']);
    await waitFor(() => bCall.getCallState() === 'COMPLETED', 'B stopped ringing');
    expect(ended(b)).toMatchObject({ endReason: 'cancelled' });
    aCall.hangUp();
    await waitFor(() => a.liveCalls().length === 0, 'A ended');
    await waitFor(() => c.backend().debugCounts().calls === 0, 'C ended');
  });
});

/** Call-ID and tags of the early dialog, from the 180 Ringing in a client's SIP trace. */
function earlyDialog(logs: string[]): { callId: string; fromTag: string; toTag: string } {
  const ringing = [...logs]
    .reverse()
    .find((l) => /Received WebSocket text message:\s+SIP\/2\.0 180 /.test(l));
  const callId = ringing && /^Call-ID:\s*(\S+)/im.exec(ringing)?.[1];
  const fromTag = ringing && /^From:.*;tag=([^;\s]+)/im.exec(ringing)?.[1];
  const toTag = ringing && /^To:.*;tag=([^;\s]+)/im.exec(ringing)?.[1];
  if (!callId || !fromTag || !toTag) throw new Error('no 180 Ringing in the trace');
  return { callId, fromTag, toTag };
}

// Every basic call path through a real Kamailio, with CallState derived from the real SIP
// responses: answered, busy, not found, declined, cancelled, hung up by either side, early
// media, forward (302 followed end to end), two calls at once; nothing left behind after each.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestPbx } from '../pbx/pbx';
import { Inviter, UserAgent } from 'sip.js';
import {
  barePhone,
  connectCall,
  dial,
  threeClients,
  recordStates,
  waitFor,
  type TestClient,
} from './sip-helpers';

let pbx: TestPbx;
let a: TestClient; // 1001
let b: TestClient; // 1002
let c: TestClient; // 1003

const trio = threeClients('sip-calls');
beforeAll(() => {
  ({ pbx, a, b, c } = trio);
});

const ended = (x: TestClient) => x.client.store.getState().lastEndedCall;

describe('SIP backend: calls', () => {
  it('outbound answered: RINGING, ANSWERED, IN_CALL on both sides; caller hangs up', async () => {
    const incoming = b.nextIncoming();
    const { call: out, states } = dial(a, '1002');
    const inc = await incoming;
    expect(inc.getCallState()).toBe('RINGING');
    expect(inc.getOtherParty()).toBe('1001');
    expect(inc.direction).toBe('inbound');
    await waitFor(() => states.includes('RINGING'), 'caller RINGING');
    const incStates = recordStates(inc);
    inc.accept();
    await waitFor(
      () => out.getCallState() === 'IN_CALL' && inc.getCallState() === 'IN_CALL',
      'IN_CALL',
    );
    expect(states).toEqual(['RINGING', 'ANSWERED', 'IN_CALL']);
    expect(incStates).toEqual(['ANSWERED', 'IN_CALL']);
    out.hangUp();
    await waitFor(() => inc.getCallState() === 'COMPLETED', 'callee COMPLETED');
    expect(states.at(-1)).toBe('COMPLETED');
    expect(ended(a)).toMatchObject({ state: 'COMPLETED', endReason: 'local' });
    expect(ended(b)).toMatchObject({ state: 'COMPLETED', endReason: 'remote' });
  });

  it('callee hangs up: both COMPLETED', async () => {
    const { out, inc, outStates } = await connectCall(a, b);
    inc.hangUp();
    await waitFor(() => out.getCallState() === 'COMPLETED', 'caller COMPLETED');
    expect(outStates).toEqual(['RINGING', 'ANSWERED', 'IN_CALL', 'COMPLETED']);
    expect(ended(a)).toMatchObject({ endReason: 'remote' });
    expect(ended(b)).toMatchObject({ endReason: 'local' });
  });

  it('busy: a callee answering 486 makes the call BUSY with the status code', async () => {
    const phone = await barePhone(pbx, '1004', {
      onInvite: (inv) => void inv.reject({ statusCode: 486 }),
    });
    try {
      const { call, states } = dial(a, '1004');
      await waitFor(() => call.getCallState() === 'BUSY', 'BUSY');
      expect(states.at(-1)).toBe('BUSY');
      expect(ended(a)).toMatchObject({ state: 'BUSY', statusCode: 486 });
    } finally {
      await phone.stop();
    }
  });

  it('inbound: the caller is the user part of From, with its display name', async () => {
    const phone = await barePhone(pbx, '1004', {}, 'Dave Desk');
    try {
      const incoming = a.nextIncoming();
      const inviter = new Inviter(phone.ua, UserAgent.makeURI(`sip:1001@${pbx.domain}`)!);
      await inviter.invite();
      const inc = await incoming;
      expect(inc.getOtherParty()).toBe('1004');
      expect(inc.getOtherPartyName()).toBe('Dave Desk');
      expect(inc.getRecord()).toMatchObject({
        dialedNumber: '1001',
        type: 'AUDIO',
        state: 'RINGING',
      });
      inc.reject();
      await waitFor(() => inc.getCallState() === 'COMPLETED', 'rejected');
    } finally {
      await phone.stop();
    }
  });

  it('not found: an unregistered and an unknown extension are NOT_FOUND (404)', async () => {
    for (const number of ['1006', '9999']) {
      const { call } = dial(a, number);
      await waitFor(() => call.getCallState() === 'NOT_FOUND', `${number} NOT_FOUND`);
      expect(ended(a)).toMatchObject({ state: 'NOT_FOUND', statusCode: 404 });
    }
  });

  it('inbound reject: the caller sees REJECTED (603 Decline)', async () => {
    const incoming = b.nextIncoming();
    const { call: out, states } = dial(a, '1002');
    const inc = await incoming;
    await waitFor(() => states.includes('RINGING'), 'RINGING');
    inc.reject();
    await waitFor(() => out.getCallState() === 'REJECTED', 'REJECTED');
    expect(states).toEqual(['RINGING', 'REJECTED']);
    expect(ended(a)).toMatchObject({ state: 'REJECTED', statusCode: 603 });
    await waitFor(() => ended(b)?.id === inc.id, 'callee ended');
    expect(ended(b)).toMatchObject({ state: 'COMPLETED', endReason: 'local' });
  });

  it('caller cancels while it rings: callee COMPLETED (cancelled), caller COMPLETED (local)', async () => {
    const incoming = b.nextIncoming();
    const { call: out, states } = dial(a, '1002');
    const inc = await incoming;
    await waitFor(() => states.includes('RINGING'), 'RINGING');
    out.hangUp();
    await waitFor(() => inc.getCallState() === 'COMPLETED', 'callee COMPLETED');
    expect(ended(b)).toMatchObject({ endReason: 'cancelled', answeredAt: null });
    await waitFor(() => out.getCallState() === 'COMPLETED', 'caller COMPLETED');
    expect(ended(a)).toMatchObject({ state: 'COMPLETED', endReason: 'local', answeredAt: null });
  });

  it('early media: a 183 with SDP shows RINGING with earlyMedia, then the answer', async () => {
    const phone = await barePhone(pbx, '1005', {
      onInvite: (inv) => {
        void inv
          .progress({ statusCode: 183 })
          .then(() => new Promise((r) => setTimeout(r, 200)))
          .then(() => inv.accept());
      },
    });
    try {
      const { call, states } = dial(a, '1005');
      await waitFor(() => call.getRecord().earlyMedia, 'earlyMedia');
      expect(call.getCallState()).toBe('RINGING');
      await waitFor(() => call.getCallState() === 'IN_CALL', 'IN_CALL');
      expect(states).toEqual(['RINGING', 'ANSWERED', 'IN_CALL']);
      expect(call.getRecord().earlyMedia).toBe(false);
      call.hangUp();
      await waitFor(() => call.getCallState() === 'COMPLETED', 'COMPLETED');
    } finally {
      await phone.stop();
    }
  });

  it('forward: B forwards to C with a 302, the caller follows it and C answers', async () => {
    const toB = b.nextIncoming();
    const toC = c.nextIncoming();
    const { call: out, states } = dial(a, '1002');
    const atB = await toB;
    atB.forward('1003');
    const atC = await toC;
    expect(atC.getOtherParty()).toBe('1001');
    await waitFor(() => ended(b)?.id === atB.id, 'B ended');
    expect(ended(b)).toMatchObject({ state: 'COMPLETED', endReason: 'forwarded' });
    atC.accept();
    await waitFor(() => out.getCallState() === 'IN_CALL', 'caller IN_CALL');
    expect(states).toEqual(['RINGING', 'ANSWERED', 'IN_CALL']);
    expect(out.getOtherParty()).toBe('1003');
    atC.hangUp();
    await waitFor(() => out.getCallState() === 'COMPLETED', 'caller COMPLETED');
  });

  it('two calls at once: A talks to B and to C, each ends on its own', async () => {
    const one = await connectCall(a, b);
    const two = await connectCall(a, c);
    expect(a.liveCalls()).toHaveLength(2);
    expect(a.backend().debugCounts().calls).toBe(2);
    two.inc.hangUp();
    await waitFor(() => two.out.getCallState() === 'COMPLETED', 'second ended');
    expect(one.out.getCallState()).toBe('IN_CALL');
    expect(a.liveCalls()).toHaveLength(1);
    one.out.hangUp();
    await waitFor(() => one.inc.getCallState() === 'COMPLETED', 'first ended');
  });

  it('disconnect during a call: the peer gets the BYE, nothing is left, ACCESS_GRANTED again on connect', async () => {
    const { inc } = await connectCall(a, b);
    const backend = a.backend();
    await a.close();
    await waitFor(() => inc.getCallState() === 'COMPLETED', 'B saw the BYE');
    expect(ended(b)).toMatchObject({ endReason: 'remote' });
    expect(a.liveCalls()).toEqual([]);
    expect(backend.debugCounts()).toMatchObject({ calls: 0, sessions: 0, callTimers: 0 });
    expect(a.states.at(-1)?.State).toBe('CONNECTION_CLOSED');
    await a.connect();
    expect(a.states.at(-1)?.State).toBe('ACCESS_GRANTED');
  });
});

// In-call features through a real Kamailio: DTMF (SIP INFO with the signaling-only handler),
// MESSAGE in and out of dialog both ways, hold/unhold seen by both sides, far-end hold,
// simultaneous holds, and a refused hold that is never shown as held. (The 491/500 retry
// itself is unit-tested in test/unit/sip-hold.test.ts: real glare is too rare to force here.)
import { Messager, UserAgent, type Session, type SessionDescriptionHandler } from 'sip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallState } from '../../src/core/enums';
import type { TestPbx } from '../pbx/pbx';
import { SignalingOnlySessionDescriptionHandler } from '../pbx/signaling-sdh';
import {
  barePhone,
  connectCall,
  dial,
  threeClients,
  waitFor,
  type TestClient,
} from './sip-helpers';

let pbx: TestPbx;
let a: TestClient;
let b: TestClient;
let c: TestClient;

const trio = threeClients('sip-features');
beforeAll(() => {
  ({ pbx, a, b, c } = trio);
});

async function hangUpBoth(
  out: { hangUp(): void; getCallState(): CallState | null },
  inc: { getCallState(): CallState | null },
) {
  out.hangUp();
  await waitFor(
    () => inc.getCallState() === 'COMPLETED' && out.getCallState() === 'COMPLETED',
    'ended',
  );
}

describe('SIP backend: in-call features', () => {
  it('DTMF: keys sent by either side arrive at the other (SIP INFO dtmf-relay)', async () => {
    const { out, inc } = await connectCall(a, b);
    const atB: string[] = [];
    const atA: string[] = [];
    inc.onDtmfReceived((k) => atB.push(k));
    out.onDtmfReceived((k) => atA.push(k));
    for (const k of ['5', '#', '*', '0']) await out.actions.sendDtmf(k);
    await inc.actions.sendDtmf('9');
    await waitFor(() => atB.length === 4 && atA.length === 1, 'keys');
    expect(atB).toEqual(['5', '#', '*', '0']);
    expect(atA).toEqual(['9']);
    await hangUpBoth(out, inc);
  });

  it('messages inside the dialog, both ways', async () => {
    const { out, inc } = await connectCall(a, b);
    const atB: string[] = [];
    const atA: string[] = [];
    inc.onMessageReceived((m) => atB.push(m));
    out.onMessageReceived((m, rec) => atA.push(`${m}|${rec.from}|${rec.callId === out.id}`));
    await out.actions.sendMessage('hello from A');
    await inc.actions.sendMessage('hello from B');
    await waitFor(() => atB.length === 1 && atA.length === 1, 'messages');
    expect(atB).toEqual(['hello from A']);
    expect(atA).toEqual(['hello from B|1002|true']);
    const logA = a.client.store.getState().messages[out.id]?.map((m) => `${m.direction}:${m.text}`);
    expect(logA).toEqual(['out:hello from A', 'in:hello from B']);
    await hangUpBoth(out, inc);
  });

  it('messages outside a dialog: to a ringing party, and from a phone with no call', async () => {
    const incoming = c.nextIncoming();
    const { call: out } = dial(a, '1003');
    const atC = await incoming;
    const got: string[] = [];
    atC.onMessageReceived((m, rec) => got.push(`${m}|${rec.from}`));
    await out.actions.sendMessage('are you there?'); // not answered: out of dialog
    await waitFor(() => got.length === 1, 'out-of-dialog message at C');
    expect(got).toEqual(['are you there?|1001']);
    out.hangUp();
    await waitFor(() => atC.getCallState() === 'COMPLETED', 'C ended');

    // an out-of-dialog MESSAGE from a phone that has no call with B lands under party:<from>
    const phone = await barePhone(pbx, '1004');
    try {
      await new Messager(
        phone.ua,
        UserAgent.makeURI(`sip:1002@${pbx.domain}`)!,
        'ping',
        'text/plain',
      ).message();
      await waitFor(
        () => (b.client.store.getState().messages['party:1004']?.length ?? 0) === 1,
        'stored',
      );
      expect(b.client.store.getState().messages['party:1004']?.[0]).toMatchObject({
        direction: 'in',
        from: '1004',
        text: 'ping',
        callId: null,
      });
    } finally {
      await phone.stop();
    }
  });

  it('hold and unhold: both sides see HOLD, state changes only once the peer accepted', async () => {
    const { out, inc, outStates, incStates } = await connectCall(a, b);
    const pending: (string | null)[] = [];
    const unsub = a.client.store.subscribe((s) => {
      const p = s.calls[out.id]?.pending;
      if (p !== undefined && p !== pending.at(-1)) pending.push(p);
    });
    const hold = out.actions.hold();
    expect(out.getCallState()).toBe('IN_CALL'); // not yet: the re-INVITE is on its way
    await hold;
    expect(out.getCallState()).toBe('HOLD');
    expect(out.getRecord()).toMatchObject({ localHold: true, remoteHold: false, pending: null });
    await waitFor(() => inc.getCallState() === 'HOLD', 'B sees HOLD');
    expect(inc.getRecord()).toMatchObject({ remoteHold: true, localHold: false });
    await out.actions.unHold();
    await waitFor(() => inc.getCallState() === 'IN_CALL', 'B back IN_CALL');
    expect(out.getCallState()).toBe('IN_CALL');
    unsub();
    expect(pending).toEqual(['hold', null, 'unhold', null]);
    expect(outStates).toEqual(['RINGING', 'ANSWERED', 'IN_CALL', 'HOLD', 'IN_CALL']);
    expect(incStates).toEqual(['ANSWERED', 'IN_CALL', 'HOLD', 'IN_CALL']);
    await hangUpBoth(out, inc);
  });

  it('far-end hold: the callee holds, the caller shows HOLD (remoteHold)', async () => {
    const { out, inc } = await connectCall(a, b);
    await inc.actions.hold();
    await waitFor(() => out.getCallState() === 'HOLD', 'A sees HOLD');
    expect(out.getRecord()).toMatchObject({ remoteHold: true, localHold: false });
    await inc.actions.unHold();
    await waitFor(() => out.getCallState() === 'IN_CALL', 'A back IN_CALL');
    await hangUpBoth(out, inc);
  });

  it('both sides hold at the same instant: the re-INVITEs do not collide into a failure, both end up held', async () => {
    const { out, inc } = await connectCall(a, b);
    await Promise.all([out.actions.hold(), inc.actions.hold()]);
    expect(out.getRecord()).toMatchObject({ localHold: true, state: 'HOLD' });
    expect(inc.getRecord()).toMatchObject({ localHold: true, state: 'HOLD' });
    await waitFor(
      () => out.getRecord().remoteHold && inc.getRecord().remoteHold,
      'both see the other hold',
    );
    expect(a.errors.concat(b.errors).filter((e) => e.code === 'HOLD_FAILED')).toEqual([]);
    await hangUpBoth(out, inc);
  });

  it('a refused hold is HOLD_FAILED and never shown as held', async () => {
    // A far end whose media handler refuses any hold offer (SIP.js answers 488).
    class RefusesHold extends SignalingOnlySessionDescriptionHandler {
      override setDescription(sdp: string): Promise<void> {
        if (/a=sendonly/.test(sdp)) return Promise.reject(new Error('no hold here'));
        return super.setDescription(sdp);
      }
    }
    const phone = await barePhone(pbx, '1004', {
      onInvite: (inv) => void inv.accept(),
    });
    phone.ua.configuration.sessionDescriptionHandlerFactory = (
      s: Session,
    ): SessionDescriptionHandler => new RefusesHold(s);
    try {
      const { call } = dial(a, '1004');
      await waitFor(() => call.getCallState() === 'IN_CALL', 'IN_CALL');
      const seen: CallState[] = [];
      call.onCallStateChanged((s) => seen.push(s));
      const err = await call.actions.hold().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: 'HOLD_FAILED', statusCode: 488 });
      expect(String((err as Error).message)).toContain('did not accept the hold');
      expect(call.getRecord()).toMatchObject({ state: 'IN_CALL', localHold: false, pending: null });
      expect(seen).toEqual([]);
      expect(a.client.store.getState().errors.at(-1)?.code).toBe('HOLD_FAILED');
      call.hangUp();
      await waitFor(() => call.getCallState() === 'COMPLETED', 'ended');
    } finally {
      await phone.stop();
    }
  });
});

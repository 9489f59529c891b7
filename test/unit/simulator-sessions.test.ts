import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Call } from '../../src/core/call';
import type { CallState, SessionState } from '../../src/core/enums';
import type { Session } from '../../src/core/session';
import type { SimulatedPbxOptions } from '../../src/simulator';
import { simulatorRig } from './simulator-rig';

// Sessions (the switchboard view), lamps, pickup, session control, drops and background
// traffic of the simulated PBX, under the real core client on fake timers.

function setup(options: SimulatedPbxOptions = {}) {
  const { pbx, client, errors } = simulatorRig(options);
  const created: Session[] = [];
  const closed: Session[] = [];
  client.onSessionCreated((s) => created.push(s));
  client.onSessionClosed((s) => closed.push(s));
  const lamp = (id: string) => client.store.getState().extensionStates[id];
  const sessions = () => Object.values(client.store.getState().sessions);
  return { pbx, client, errors, created, closed, lamp, sessions };
}

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

async function connected(options: SimulatedPbxOptions = {}) {
  const t = setup(options);
  t.client.connect('simulator', '1001', { Password: 'demo' });
  await advance(60);
  return t;
}

/** A call between two other extensions, with the coarse states its Session went through. */
function watchSession(s: Session | undefined) {
  const states: SessionState[] = [];
  s?.onSessionStateChanged((_s, st) => states.push(st));
  return states;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('sessions between other extensions', () => {
  it('appear ringing, go in call, end with CALLERHUNGUP, and move both lamps', async () => {
    const { pbx, client, created, closed, lamp } = await connected();
    const id = pbx.startCall('1002', '1003');
    expect(created.map((s) => s.sessionId)).toEqual([id]);
    const session = created[0] as Session;
    const states = watchSession(session);
    expect(session).toMatchObject({
      caller: '1002',
      callee: '1003',
      callerDisplayName: 'Bence Kovács',
      calleeDisplayName: 'Chloé Martin',
      dialedNumber: '1003',
      sessionState: 'RINGING',
    });
    expect([lamp('1002'), lamp('1003')]).toEqual(['ringing', 'ringing']);
    await advance(1500);
    expect(states).toEqual(['IN_CALL']);
    expect([lamp('1002'), lamp('1003')]).toEqual(['busy', 'busy']);
    expect(Object.keys(client.helper.getActiveSessionsBySessionState('INCALL'))).toEqual([id]);
    pbx.endCall(id);
    expect(closed.map((s) => s.sessionId)).toEqual([id]);
    expect(session.record.pbxState).toBe('CALLERHUNGUP');
    expect(states).toEqual(['IN_CALL', 'COMPLETED']);
    expect([lamp('1002'), lamp('1003')]).toEqual(['idle', 'idle']);
    await advance(0);
    expect(client.store.getState().history[`session:${id}`]).toMatchObject({
      origin: 'observed',
      state: 'CallerHungUp',
      source: '1002',
      destination: '1003',
    });
  });

  it.each([
    ['1009', 'BUSY', 200],
    ['9999', 'NOT_FOUND', 200],
    ['1011', 'REJECTED', 1500],
  ])('to %s end %s', async (callee, final, after) => {
    const { pbx, created } = await connected();
    pbx.startCall('1002', callee);
    const states = watchSession(created[0]);
    await advance(after);
    expect(states).toEqual([final]);
  });

  it('calls the caller busy when the callee is already in a call', async () => {
    const { pbx, created } = await connected();
    pbx.startCall('1002', '1003');
    pbx.startCall('1004', '1003');
    const second = watchSession(created[1]);
    await advance(200);
    expect(second).toEqual(['BUSY']);
  });

  it('refuses a control call that involves the logged-in extension', async () => {
    const { pbx } = await connected();
    expect(() => pbx.startCall('1001', '1002')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => pbx.endCall('no-such-session')).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
  });

  it('started before login are announced after ACCESS_GRANTED', async () => {
    const t = setup();
    let createdBeforeGrant = -1;
    t.client.onConnectionStateChanged(() => (createdBeforeGrant = t.created.length));
    const id = t.pbx.startCall('1004', '1005');
    t.client.connect('simulator', '1001', { Password: 'demo' });
    await advance(60);
    expect(createdBeforeGrant).toBe(0);
    expect(t.created.map((s) => s.sessionId)).toEqual([id]);
  });

  it('follow only watched extensions on the lamps', async () => {
    const { pbx, lamp } = await connected();
    pbx.watch?.(['1002', '1003']);
    expect([lamp('1002'), lamp('1004'), lamp('1008')]).toEqual(['idle', 'unknown', 'unknown']);
  });
});

describe('pickup', () => {
  it('takes a ringing call of another extension into an own call', async () => {
    const { pbx, client, created, closed, lamp, sessions } = await connected();
    const id = pbx.startCall('1002', '1003');
    const call = (created[0] as Session).pickup();
    const states: CallState[] = [];
    call.onCallStateChanged((s) => states.push(s));
    await advance(20);
    expect(states).toEqual(['ANSWERED', 'IN_CALL']);
    expect(call.getOtherParty()).toBe('1002');
    expect(call.getOtherPartyName()).toBe('Bence Kovács');
    expect(closed.map((s) => [s.sessionId, s.record.pbxState])).toEqual([
      [id, 'TRANSFERCOMPLETED'],
    ]);
    expect(sessions()).toMatchObject([{ caller: '1002', callee: '1001', sessionState: 'IN_CALL' }]);
    expect([lamp('1001'), lamp('1002'), lamp('1003')]).toEqual(['busy', 'busy', 'idle']);
    // The original answer timer is gone: nothing changes when it would have fired.
    await advance(1500);
    expect(sessions()).toHaveLength(1);
    call.hangUp();
    await advance(20);
    expect(client.store.getState().calls).toEqual({});
  });

  it('fails for an answered session', async () => {
    const { pbx, client, created, errors } = await connected();
    pbx.startCall('1002', '1003');
    await advance(1500);
    const session = created[0] as Session;
    session.pickup();
    await advance(0);
    expect(errors.map((e) => e.code)).toEqual(['INVALID_STATE']);
    expect(client.store.getState().calls).toEqual({});
    // The backend refuses too, should a caller get past the core's check.
    await expect(pbx.pickup('c1', session.record)).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('session control', () => {
  async function inCall() {
    const t = await connected();
    const id = t.pbx.startCall('1002', '1003');
    await advance(1500);
    const session = t.client.getSession(id) as Session;
    return { ...t, id, session, states: watchSession(session) };
  }

  it('supports the third-party operations except listening in', async () => {
    const { pbx } = setup();
    expect(pbx.sessionControl.supports('hangup')).toBe(true);
    expect(pbx.sessionControl.supports('blindTransfer')).toBe(true);
    expect(pbx.sessionControl.supports('startListen')).toBe(false);
  });

  it('hangs a session up', async () => {
    const { session, closed, states, lamp } = await inCall();
    session.hangup();
    await advance(0);
    expect(states).toEqual(['COMPLETED']);
    expect(closed[0]?.record.pbxState).toBe('CALLERHUNGUP');
    expect(lamp('1003')).toBe('idle');
  });

  it('closes a session', async () => {
    const { session, closed } = await inCall();
    session.close();
    await advance(0);
    expect(closed[0]?.record.pbxState).toBe('ABORTED');
  });

  it('holds and resumes both parties', async () => {
    const { session, states, lamp } = await inCall();
    session.hold();
    await advance(0);
    expect(session.record.pbxState).toBe('ONHOLD');
    expect([lamp('1002'), lamp('1003')]).toEqual(['onhold', 'onhold']);
    session.unhold();
    await advance(0);
    expect(states).toEqual(['HOLD', 'IN_CALL']);
  });

  it('blind-transfers the other party to a new number', async () => {
    const { session, sessions, closed } = await inCall();
    session.blindTransfer('1003', '1004');
    await advance(0);
    expect(closed[0]?.record.pbxState).toBe('TRANSFERCOMPLETED');
    expect(sessions()).toMatchObject([{ caller: '1002', callee: '1004', sessionState: 'RINGING' }]);
    await advance(1500);
    expect(sessions()[0]?.sessionState).toBe('IN_CALL');
  });

  it('forwards a ringing session', async () => {
    const { pbx, client, closed, sessions } = await connected();
    const id = pbx.startCall('+442079460123', '1003');
    client.getSession(id)?.forward('8500');
    await advance(0);
    expect(closed[0]?.record.pbxState).toBe('REDIRECTED');
    expect(sessions()).toMatchObject([
      { caller: '+442079460123', callee: '8500', sessionState: 'IN_CALL' },
    ]);
  });

  it('records DTMF sent to a party', async () => {
    const { pbx, session, id } = await inCall();
    session.sendDtmf('7', '1003');
    await advance(0);
    expect(pbx.dtmfLog(id)).toEqual(['7']);
  });

  it('reports what it cannot do as an OzError', async () => {
    const { session, errors, pbx, client } = await inCall();
    session.startListen();
    session.blindTransfer('1002', '9999');
    await advance(0);
    expect(errors.map((e) => e.code)).toEqual(['NOT_SUPPORTED', 'SESSION_CONTROL_FAILED']);
    pbx.endCall(session.sessionId);
    await expect(pbx.sessionControl.perform('hangup', session.record, {})).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(client.store.getState().sessions).toEqual({});
  });

  it('acts on the session of an own call through the Call', async () => {
    const { client, sessions, errors } = await connected();
    const call = client.createCall('1002');
    const states: CallState[] = [];
    call.onCallStateChanged((s) => states.push(s));
    call.start();
    await advance(1700);
    const session = client.getSession(sessions()[0]?.sessionId ?? '') as Session;
    session.hold();
    await advance(0);
    expect(call.getCallState()).toBe('HOLD');
    session.unhold();
    session.forward('1003');
    await advance(0);
    expect(errors.map((e) => e.code)).toEqual(['NOT_SUPPORTED']);
    session.hangup();
    await advance(0);
    expect(states).toEqual(['RINGING', 'ANSWERED', 'IN_CALL', 'HOLD', 'IN_CALL', 'COMPLETED']);
    expect(call.getRecord().endReason).toBe('remote');
  });
});

describe('a dropped connection', () => {
  it('reconnects and brings sessions and lamps up to date', async () => {
    const { pbx, client, lamp, closed, errors } = await connected();
    const states: string[] = [];
    client.onConnectionStateChanged((i) => states.push(i.State));
    const call = client.createCall('1002');
    call.start();
    await advance(1700);
    const ended = pbx.startCall('1004', '1005');
    pbx.dropConnection();
    expect(states).toEqual(['CONNECTION_CLOSED']);
    expect(client.store.getState().connection).toMatchObject({ phase: 'reconnecting', attempt: 1 });
    expect(errors.map((e) => e.code)).toEqual(['CONNECTION_LOST']);
    expect(call.getRecord().controllable).toBe(false);
    await expect(call.actions.hold()).rejects.toMatchObject({ code: 'CONNECTION_LOST' });
    pbx.endCall(ended);
    const started = pbx.startCall('1006', '1007');
    expect(closed).toEqual([]);
    expect(lamp('1006')).toBe('idle');
    await advance(2000);
    expect(states).toEqual(['CONNECTION_CLOSED', 'ACCESS_GRANTED']);
    expect(call.getRecord().controllable).toBe(true);
    expect(closed.map((s) => [s.sessionId, s.record.pbxState])).toEqual([[ended, 'CANCELLED']]);
    // Started and answered while the client was away: it arrives in its current state.
    expect(client.getSession(started)?.sessionState).toBe('IN_CALL');
    expect(lamp('1006')).toBe('busy');
    expect(lamp('1004')).toBe('idle');
  });

  it('is back at once on refresh()', async () => {
    const { pbx, client } = await connected();
    pbx.dropConnection();
    pbx.refresh?.();
    expect(client.store.getState().connection.phase).toBe('registered');
  });
});

describe('background traffic', () => {
  async function run(seed: number, ms: number) {
    const t = await connected({ background: true, seed });
    let most = 0;
    const pairs: string[] = [];
    t.client.onSessionCreated((s) => pairs.push(`${s.caller}>${s.callee}`));
    for (let elapsed = 0; elapsed < ms; elapsed += 250) {
      await advance(250);
      most = Math.max(most, t.sessions().length);
    }
    return { ...t, most, pairs };
  }

  it('makes calls between other parties, at most three at once, and moves lamps', async () => {
    const lampsSeen = new Set<string>();
    const t = await run(42, 120_000);
    t.client.store.subscribe((s) => {
      for (const v of Object.values(s.extensionStates)) lampsSeen.add(v);
    });
    for (let i = 0; i < 120; i++) await advance(250);
    expect(t.pairs.length).toBeGreaterThan(5);
    expect(t.closed.length).toBeGreaterThan(3);
    expect(t.most).toBeLessThanOrEqual(3);
    for (const pair of t.pairs) expect(pair).not.toMatch(/\b(1001|1000|1012)\b/);
    expect(lampsSeen).toContain('ringing');
    expect(lampsSeen).toContain('busy');
    expect(t.errors).toEqual([]);
    t.client.disconnect();
    await advance(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is the same for the same seed', async () => {
    const a = await run(5, 60_000);
    a.client.disconnect();
    await advance(0);
    const b = await run(5, 60_000);
    expect(a.pairs.length).toBeGreaterThan(0);
    expect(b.pairs).toEqual(a.pairs);
  });

  it('leaves the own calls alone', async () => {
    const { client } = await run(9, 1_000);
    const call: Call = client.createCall('1000');
    const states: CallState[] = [];
    call.onCallStateChanged((s) => states.push(s));
    call.start();
    await advance(1700);
    expect(states).toEqual(['RINGING', 'ANSWERED', 'IN_CALL']);
  });
});

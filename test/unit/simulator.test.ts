import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Call } from '../../src/core/call';
import { CallState, ConnectionState } from '../../src/core/enums';
import type { BackendEvents } from '../../src/core/ports';
import type { HistoryRecord } from '../../src/core/types';
import { demoDirectory, type SimulatedPbx, type SimulatedPbxOptions } from '../../src/simulator';
import { simulatorRig } from './simulator-rig';

// The simulated PBX under the real core client, on vitest's fake timers. Delays: login 50 ms,
// 180 Ringing 200 ms, answer 1500 ms after that, local requests 20 ms, message echo 300 ms.

function setup(options: SimulatedPbxOptions = {}) {
  const { pbx, client, errors } = simulatorRig(options);
  return { pbx, client, errors };
}

type Client = ReturnType<typeof setup>['client'];

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

async function login(client: Client, user = '1001', password = 'demo') {
  client.connect('simulator', user, { Password: password });
  await advance(60);
}

/** Places a call and records every state it goes through. */
function dial(client: Client, number: string) {
  const call = client.createCall(number);
  const states: CallState[] = [];
  call.onCallStateChanged((s) => states.push(s));
  call.start();
  return { call, states };
}

const ownHistory = (client: Client): HistoryRecord[] =>
  Object.values(client.store.getState().history).filter((r) => r.origin === 'own');

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('login', () => {
  it('grants access to an extension with its password, asynchronously', async () => {
    const { client } = setup();
    const states: string[] = [];
    client.onConnectionStateChanged((i) => states.push(i.State));
    client.connect('simulator', '1001', { Password: 'demo' });
    await Promise.resolve();
    expect(states).toEqual([]);
    await advance(60);
    expect(states).toEqual([ConnectionState.ACCESS_GRANTED]);
    const { connection, extensionStates, users } = client.store.getState();
    expect(connection).toMatchObject({ phase: 'registered', server: 'simulator', user: '1001' });
    expect(Object.keys(users)).toHaveLength(demoDirectory.users.length);
    expect(extensionStates).toMatchObject({
      '1001': 'idle',
      '1002': 'idle',
      '1008': 'offline',
      '1009': 'busy',
      '8000': 'idle',
    });
  });

  it('has the directory loaded inside the ACCESS_GRANTED handler', async () => {
    const { client } = setup();
    let devices: readonly string[] | undefined;
    client.onConnectionStateChanged(() => {
      devices = client.helper.getUserById('admin')?.devices;
    });
    await login(client);
    expect(devices?.[0]).toBe('1000');
    expect(client.helper.getExtensionById('1000')?.type).toBe('SIP');
  });

  it.each([
    ['a wrong password', '1001', 'nope'],
    ['no password', '1001', undefined],
    ['an unknown extension', '4711', 'demo'],
  ])('denies access with %s', async (_what, user, password) => {
    const { client, errors } = setup();
    const states: string[] = [];
    client.onConnectionStateChanged((i) => states.push(i.State));
    client.connect('simulator', user, password === undefined ? {} : { Password: password });
    await advance(60);
    expect(states).toEqual([ConnectionState.ACCESS_DENIED]);
    expect(errors.map((e) => e.code)).toEqual(['ACCESS_DENIED']);
    expect(client.store.getState().connection.phase).toBe('failed');
    expect(client.store.getState().users).toEqual({});
  });

  it('takes per-extension passwords from options.credentials', async () => {
    const { client } = setup({ credentials: { '1001': 's3cret' } });
    const states: string[] = [];
    client.onConnectionStateChanged((i) => states.push(i.State));
    await login(client, '1001', 'demo');
    await login(client, '1002', 'demo');
    await login(client, '1001', 's3cret');
    // The core announces CONNECTION_CLOSED before each new attempt that replaces a connection.
    expect(states).toEqual([
      'ACCESS_DENIED',
      'CONNECTION_CLOSED',
      'ACCESS_GRANTED',
      'CONNECTION_CLOSED',
      'ACCESS_GRANTED',
    ]);
  });
});

describe('the Ozeki getUserById example', () => {
  it('connects, calls the admin, greets on ANSWERED, gets the echo and hangs up', async () => {
    const { client, errors } = setup();
    const states: CallState[] = [];
    const messages: string[] = [];
    let stateInAnswered: CallState | null = null;
    let call: Call | undefined;
    client.onConnectionStateChanged((info) => {
      if (info.State !== ConnectionState.ACCESS_GRANTED) return;
      const admin = client.helper.getUserById('admin');
      const outgoing = client.createCall(admin?.devices[0] ?? '');
      call = outgoing;
      outgoing.onCallStateChanged((state) => {
        states.push(state);
        if (state === CallState.ANSWERED) {
          stateInAnswered = outgoing.getCallState();
          outgoing.sendMessage('Hello World!');
        }
      });
      outgoing.onMessageReceived((text) => messages.push(text));
      outgoing.start();
    });
    client.connect('simulator', '1001', { Password: 'demo' });
    await advance(50 + 200);
    expect(states).toEqual(['RINGING']);
    expect(call?.getOtherParty()).toBe('1000');
    await advance(1500);
    expect(states).toEqual(['RINGING', 'ANSWERED', 'IN_CALL']);
    await advance(300);
    expect(messages).toEqual(['Echo: Hello World!']);
    call?.hangUp();
    await advance(20);
    expect(states).toEqual(['RINGING', 'ANSWERED', 'IN_CALL', 'COMPLETED']);
    expect(errors).toEqual([]);
    expect(stateInAnswered).not.toBeNull();
  });

  // The design: "getCallState() returns ANSWERED inside that callback". The core applies
  // ANSWERED and IN_CALL in one store update, so the callback already reads IN_CALL (see report).
  it('reads ANSWERED from getCallState() inside the ANSWERED callback', async () => {
    const { client } = setup();
    await login(client);
    const call = client.createCall('1000');
    let inside: CallState | null = null;
    call.onCallStateChanged((s) => {
      if (s === 'ANSWERED') inside = call.getCallState();
    });
    call.start();
    await advance(1700);
    expect(inside).toBe('ANSWERED');
  });
});

describe('outgoing calls', () => {
  it('answers after answerDelayMs, and the call leaves no ghost or handler behind', async () => {
    const { client } = setup({ answerDelayMs: 500 });
    await login(client);
    const before = client.listenerCount();
    const { call, states } = dial(client, '1002');
    call.onMessageReceived(() => {});
    expect(client.listenerCount()).toBe(before + 2);
    await advance(200);
    expect(states).toEqual(['RINGING']);
    await advance(499);
    expect(states).toEqual(['RINGING']);
    await advance(1);
    expect(states).toEqual(['RINGING', 'ANSWERED', 'IN_CALL']);
    call.hangUp();
    await advance(20);
    expect(states.at(-1)).toBe('COMPLETED');
    expect(call.getRecord().endReason).toBe('local');
    expect(client.store.getState().calls).toEqual({});
    expect(client.store.getState().sessions).toEqual({});
    expect(client.listenerCount()).toBe(before);
    expect(ownHistory(client)).toMatchObject([
      { state: 'CallerHungUp', source: '1001', destination: '1002', direction: 'Internal' },
    ]);
  });

  it.each([
    ['1009', ['BUSY'], 'Busy', 486],
    ['9999', ['NOT_FOUND'], 'NotFound', 404],
    ['12345', ['NOT_FOUND'], 'NotFound', 404],
    ['1008', ['NOT_FOUND'], 'NotFound', 480],
    ['1001', ['BUSY'], 'Busy', 486],
  ])('calling %s ends %j', async (number, expected, history, statusCode) => {
    const { client } = setup();
    await login(client);
    const { call, states } = dial(client, number);
    await advance(200);
    expect(states).toEqual(expected);
    expect(call.getRecord().statusCode).toBe(statusCode);
    expect(client.store.getState().calls).toEqual({});
    expect(ownHistory(client)[0]?.state).toBe(history);
  });

  it('lets a rejecting extension ring, then decline', async () => {
    const { client } = setup();
    await login(client);
    const { states } = dial(client, '1011');
    await advance(200);
    expect(states).toEqual(['RINGING']);
    expect(client.store.getState().extensionStates['1011']).toBe('ringing');
    await advance(1500);
    expect(states).toEqual(['RINGING', 'REJECTED']);
    expect(client.store.getState().extensionStates['1011']).toBe('idle');
    expect(ownHistory(client)[0]?.state).toBe('Rejected');
  });

  it.each(['+442079460999', '0612345678', '9000'])(
    'reaches the outside number %s, which rings and answers',
    async (number) => {
      const { client } = setup();
      await login(client);
      const { states } = dial(client, number);
      await advance(1700);
      expect(states).toEqual(['RINGING', 'ANSWERED', 'IN_CALL']);
      const [session] = Object.values(client.store.getState().sessions);
      expect(session).toMatchObject({
        caller: '1001',
        callee: number,
        destinationType: 'OutsideLine',
      });
    },
  );

  it('moves both lamps and shows the call as a session', async () => {
    const { client } = setup();
    await login(client);
    const lamps = () => {
      const s = client.store.getState().extensionStates;
      return [s['1001'], s['1002']];
    };
    const { call } = dial(client, '1002');
    await advance(200);
    expect(lamps()).toEqual(['ringing', 'ringing']);
    const [ringing] = Object.values(client.store.getState().sessions);
    expect(ringing).toMatchObject({
      caller: '1001',
      callee: '1002',
      calleeDisplayName: 'Bence Kovács',
      sessionState: 'RINGING',
      callerCallLegId: call.id,
    });
    await advance(1500);
    expect(lamps()).toEqual(['busy', 'busy']);
    expect(client.helper.getActiveCallsOfExtension('1002')).not.toEqual({});
    call.hold();
    await advance(20);
    expect(lamps()).toEqual(['onhold', 'onhold']);
    expect(Object.values(client.store.getState().sessions)[0]?.pbxState).toBe('CALLEEONHOLD');
    call.hangUp();
    await advance(20);
    expect(lamps()).toEqual(['idle', 'idle']);
    expect(client.store.getState().sessions).toEqual({});
  });
});

describe('call control', () => {
  async function answered(options: SimulatedPbxOptions = {}, number = '1002') {
    const t = setup(options);
    await login(t.client);
    const d = dial(t.client, number);
    await advance(1700);
    expect(d.states).toEqual(['RINGING', 'ANSWERED', 'IN_CALL']);
    return { ...t, ...d };
  }

  it('ends with CalleeHungUp when the far end hangs up', async () => {
    const { client, pbx, call, states } = await answered();
    pbx.hangUpRemote(call.id);
    expect(states.at(-1)).toBe('COMPLETED');
    expect(call.getRecord().endReason).toBe('remote');
    await advance(0); // the history store is asynchronous
    expect(ownHistory(client)[0]?.state).toBe('CalleeHungUp');
    expect(client.store.getState().calls).toEqual({});
  });

  it('holds and resumes: pending first, HOLD when the peer agreed', async () => {
    const { call, states } = await answered();
    call.hold();
    await Promise.resolve();
    expect(call.getRecord().pending).toBe('hold');
    expect(call.getCallState()).toBe('IN_CALL');
    await advance(20);
    expect(call.getRecord()).toMatchObject({ pending: null, localHold: true, state: 'HOLD' });
    call.unHold();
    await advance(20);
    expect(states.slice(3)).toEqual(['HOLD', 'IN_CALL']);
  });

  it('shows HOLD while the far end holds', async () => {
    const { pbx, call, states } = await answered();
    pbx.holdRemote(call.id, true);
    expect(call.getRecord()).toMatchObject({ remoteHold: true, state: 'HOLD' });
    pbx.holdRemote(call.id, false);
    expect(states.slice(3)).toEqual(['HOLD', 'IN_CALL']);
  });

  it('blind-transfers: the call completes and the other party rings the target', async () => {
    const { client, call, states } = await answered();
    call.transfer('1003');
    await Promise.resolve();
    expect(call.getRecord().pending).toBe('transfer');
    await advance(20);
    expect(states.at(-1)).toBe('COMPLETED');
    expect(call.getRecord().endReason).toBe('transferred');
    expect(ownHistory(client)[0]?.state).toBe('TransferCompleted');
    const sessions = Object.values(client.store.getState().sessions);
    expect(sessions).toMatchObject([{ caller: '1002', callee: '1003', sessionState: 'RINGING' }]);
    await advance(1500);
    expect(Object.values(client.store.getState().sessions)[0]?.sessionState).toBe('IN_CALL');
  });

  it('refuses to transfer to a number that does not exist; the call stays up', async () => {
    const { call, errors } = await answered();
    await expect(call.actions.transfer('9999')).rejects.toMatchObject({ code: 'TRANSFER_FAILED' });
    await advance(20);
    expect(call.getCallState()).toBe('IN_CALL');
    expect(errors.map((e) => e.code)).toEqual(['TRANSFER_FAILED']);
  });

  it('attended-transfers: both calls complete and their parties talk to each other', async () => {
    const { client, call: first, states: firstStates } = await answered();
    const second = dial(client, '+447700900123');
    await advance(1700);
    first.transfer(second.call);
    await advance(20);
    expect(firstStates.at(-1)).toBe('COMPLETED');
    expect(second.states.at(-1)).toBe('COMPLETED');
    expect(first.getRecord().endReason).toBe('transferred');
    expect(second.call.getRecord().endReason).toBe('transferred');
    expect(client.store.getState().calls).toEqual({});
    expect(Object.values(client.store.getState().sessions)).toMatchObject([
      { caller: '1002', callee: '+447700900123', sessionState: 'IN_CALL' },
    ]);
  });

  it('sends DTMF to the IVR, which answers at once and reads each key back', async () => {
    const { pbx, client } = setup();
    await login(client);
    const { call, states } = dial(client, '8000');
    const heard: string[] = [];
    call.onMessageReceived((text) => heard.push(text));
    await advance(200);
    expect(states).toEqual(['ANSWERED', 'IN_CALL']);
    call.sendDtmf('5');
    call.sendDtmf('#');
    await advance(20);
    expect(heard).toEqual(['You pressed 5', 'You pressed #']);
    expect(pbx.dtmfLog(call.id)).toEqual(['5', '#']);
  });

  it('echoes messages to a person without reading DTMF back', async () => {
    const { pbx, call } = await answered();
    const heard: string[] = [];
    call.onMessageReceived((text, record) => heard.push(`${record.from}: ${text}`));
    call.sendDtmf('1');
    call.sendMessage('ping');
    await advance(300);
    expect(heard).toEqual(['1002: Echo: ping']);
    expect(pbx.dtmfLog(call.id)).toEqual(['1']);
  });

  it('mutes, and accepts a camera and a display without media', async () => {
    const { pbx, call, errors } = await answered();
    await call.actions.mute();
    expect(call.isMuted()).toBe(true);
    await expect(
      pbx.attachCamera(call.id, {
        name: undefined,
        bandwidth: 0,
        quality: 0,
        getStream: () => Promise.reject(new Error('no camera in the simulator')),
      }),
    ).resolves.toBeUndefined();
    expect(() => pbx.setRemoteDisplay(call.id, 'remote')).not.toThrow();
    expect(errors).toEqual([]);
  });
});

describe('incoming calls', () => {
  async function ringing(from = '1004') {
    const t = setup();
    await login(t.client);
    const calls: Call[] = [];
    t.client.onIncomingCall((c) => calls.push(c));
    const id = t.pbx.ringIncoming(from);
    const call = calls[0] as Call;
    const states: CallState[] = [];
    call.onCallStateChanged((s) => states.push(s));
    return { ...t, id, call, states };
  }

  it('rings with the caller from the directory, then is accepted', async () => {
    const { client, call, states, id } = await ringing();
    expect(call.id).toBe(id);
    expect(call.getCallState()).toBe('RINGING');
    expect(call.getOtherParty()).toBe('1004');
    expect(call.getOtherPartyName()).toBe('David Okafor');
    expect(client.store.getState().extensionStates['1004']).toBe('ringing');
    call.accept();
    await advance(20);
    expect(states).toEqual(['ANSWERED', 'IN_CALL']);
    expect(Object.values(client.store.getState().sessions)).toMatchObject([
      { caller: '1004', callee: '1001', sessionState: 'IN_CALL' },
    ]);
    call.hangUp();
    await advance(20);
    expect(ownHistory(client)[0]).toMatchObject({ state: 'CalleeHungUp', direction: 'Internal' });
  });

  it('is rejected', async () => {
    const { client, call, states } = await ringing('+442079460123');
    call.reject();
    await advance(20);
    expect(states).toEqual(['REJECTED']);
    expect(client.store.getState().calls).toEqual({});
    expect(ownHistory(client)[0]).toMatchObject({ state: 'Rejected', direction: 'Inbound' });
  });

  it('is given up by the caller after 30 s of ringing', async () => {
    const { client, call, states } = await ringing();
    await advance(29_999);
    expect(states).toEqual([]);
    await advance(1);
    expect(states).toEqual(['COMPLETED']);
    expect(call.getRecord().endReason).toBe('remote');
    expect(ownHistory(client)[0]?.state).toBe('NotAnswered');
  });

  it('is forwarded while ringing', async () => {
    const { client, call, states } = await ringing('+442079460123');
    call.forward('1005');
    await advance(20);
    expect(states).toEqual(['COMPLETED']);
    expect(call.getRecord().endReason).toBe('forwarded');
    expect(ownHistory(client)[0]?.state).toBe('Redirected');
    expect(Object.values(client.store.getState().sessions)).toMatchObject([
      { caller: '+442079460123', callee: '1005', sessionState: 'RINGING' },
    ]);
  });

  it('ends when the caller hangs up after answer', async () => {
    const { pbx, call, states } = await ringing();
    call.accept();
    await advance(20);
    pbx.hangUpRemote(call.id);
    expect(states).toEqual(['ANSWERED', 'IN_CALL', 'COMPLETED']);
  });
});

describe('the backend port', () => {
  const events = (): BackendEvents => ({
    now: () => Date.now(),
    connection: vi.fn(),
    incomingCall: vi.fn(),
    callProgress: vi.fn(),
    message: vi.fn(),
    dtmf: vi.fn(),
    directory: vi.fn(),
    extensionStates: vi.fn(),
    sessions: vi.fn(),
    client: vi.fn(),
    error: vi.fn(),
  });

  async function connected(): Promise<{ pbx: SimulatedPbx; ev: BackendEvents }> {
    const { pbx } = setup();
    const ev = events();
    const done = pbx.connect(
      { serverAddress: '', user: '1001', password: 'demo', properties: {} },
      ev,
    );
    await advance(50);
    await done;
    return { pbx, ev };
  }

  it('pushes the directory before announcing ACCESS_GRANTED', async () => {
    const { ev } = await connected();
    const order = (fn: unknown) => vi.mocked(fn as () => void).mock.invocationCallOrder[0] ?? 0;
    expect(order(ev.directory)).toBeLessThan(order(ev.connection));
    expect(ev.connection).toHaveBeenCalledWith({
      phase: 'registered',
      state: 'ACCESS_GRANTED',
      server: 'simulator',
    });
  });

  it('rejects every operation on an unknown call with INVALID_STATE', async () => {
    const { pbx } = await connected();
    const camera = { name: undefined, bandwidth: 0, quality: 0, getStream: vi.fn() };
    for (const p of [
      pbx.hangUp('nope'),
      pbx.hold('nope'),
      pbx.accept('nope', { type: 'AUDIO' }),
      pbx.transfer('nope', '1002'),
      pbx.sendDtmf('nope', '1'),
      pbx.setMuted('nope', true),
      pbx.attachCamera('nope', camera),
    ]) {
      await expect(p).rejects.toMatchObject({ name: 'OzError', code: 'INVALID_STATE' });
    }
    expect(() => pbx.setRemoteDisplay('nope', 'x')).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
    expect(() => pbx.hangUpRemote('nope')).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
    expect(camera.getStream).not.toHaveBeenCalled();
  });

  it('refuses to call before it is connected', async () => {
    const { pbx } = setup();
    await expect(pbx.startCall('c1', '1002', { type: 'AUDIO' })).rejects.toMatchObject({
      code: 'NOT_CONNECTED',
    });
    expect(() => pbx.ringIncoming('1002')).toThrow(
      expect.objectContaining({ code: 'NOT_CONNECTED' }),
    );
  });

  it('stops every timer on disconnect', async () => {
    const { pbx } = await connected();
    await pbx.startCall('c1', '1002', { type: 'AUDIO' });
    pbx.ringIncoming('1003');
    pbx.startCall('1004', '1005');
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await pbx.disconnect();
    expect(vi.getTimerCount()).toBe(0);
    expect(pbx.extension).toBeNull();
  });
});

describe('disconnect and two clients', () => {
  it('ends own calls and closes the connection once', async () => {
    const { client } = setup();
    await login(client);
    const states: string[] = [];
    client.onConnectionStateChanged((i) => states.push(i.State));
    const { states: callStates } = dial(client, '1002');
    await advance(1700);
    client.disconnect();
    await advance(0);
    expect(callStates.at(-1)).toBe('COMPLETED');
    expect(states).toEqual(['CONNECTION_CLOSED']);
    expect(client.store.getState().calls).toEqual({});
    expect(client.store.getState().sessions).toEqual({});
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps two clients on two simulators apart', async () => {
    const a = setup();
    const b = setup();
    await login(a.client, '1001');
    await login(b.client, '1002');
    dial(a.client, '1003');
    await advance(200);
    expect(Object.keys(a.client.store.getState().sessions)).toHaveLength(1);
    expect(b.client.store.getState().sessions).toEqual({});
    expect(b.client.store.getState().extensionStates['1003']).toBe('idle');
    expect(a.client.store.getState().connection.user).toBe('1001');
    expect(b.client.store.getState().connection.user).toBe('1002');
  });
});

import { describe, expect, it } from 'vitest';
import type { BackendEvents, ConnectionUpdate } from '../../src/core/ports';
import { createSipBackend } from '../../src/sip';
import { mediaOptions } from '../../src/sip/call-entry';

function events(log: ConnectionUpdate[] = []): BackendEvents {
  const noop = () => {};
  return {
    now: () => Date.now(),
    connection: (u) => log.push(u),
    incomingCall: noop,
    callProgress: noop,
    message: noop,
    dtmf: noop,
    directory: noop,
    extensionStates: noop,
    sessions: noop,
    client: noop,
    error: noop,
  };
}

describe('sip backend (no server)', () => {
  it('is the sip kind with video, attended transfer and pickup', () => {
    const b = createSipBackend({});
    expect(b.kind).toBe('sip');
    expect(b.capabilities).toEqual({ video: true, attendedTransfer: true, pickup: true });
  });

  it('every operation before connect is NOT_CONNECTED; hangUp and disconnect are harmless', async () => {
    const b = createSipBackend({});
    await expect(b.startCall('c1', '1002', { type: 'AUDIO' })).rejects.toMatchObject({
      code: 'NOT_CONNECTED',
    });
    await expect(b.sendMessage({ callId: null, to: '1002' }, 'hi')).rejects.toMatchObject({
      code: 'NOT_CONNECTED',
    });
    await expect(b.hold('c1')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    await expect(b.hangUp('c1')).resolves.toBeUndefined();
    await expect(b.disconnect()).resolves.toBeUndefined();
  });

  it('a bad server address is INVALID_ARGUMENT before anything is opened', async () => {
    const b = createSipBackend({});
    await expect(
      b.connect(
        { serverAddress: 'not a host', user: '1001', password: 'x', properties: {} },
        events(),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('an unreachable server: CONNECTION_FAILED naming it, nothing left running', async () => {
    const g = globalThis as { WebSocket?: unknown };
    const had = g.WebSocket;
    const { default: WS } = await import('ws');
    g.WebSocket = WS;
    try {
      const log: ConnectionUpdate[] = [];
      const b = createSipBackend({ sip: { domain: 'ozkit.test' } });
      await expect(
        b.connect(
          { serverAddress: 'ws://127.0.0.1:9', user: '1001', password: 'x', properties: {} },
          events(log),
        ),
      ).rejects.toMatchObject({
        code: 'CONNECTION_FAILED',
        message: 'Could not open a WebSocket to ws://127.0.0.1:9',
      });
      expect(log).toEqual([{ phase: 'connecting', server: 'ws://127.0.0.1:9' }]);
      expect(b.debugCounts()).toMatchObject({ calls: 0, callTimers: 0, userAgentSessions: 0 });
    } finally {
      g.WebSocket = had;
    }
  });

  it('CallType.VIDEO asks the media handler for camera and microphone, AUDIO for the microphone', () => {
    expect(mediaOptions('VIDEO')).toEqual({ constraints: { audio: true, video: true } });
    expect(mediaOptions('AUDIO')).toEqual({ constraints: { audio: true, video: false } });
  });
});

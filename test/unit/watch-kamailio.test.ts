import { describe, expect, it } from 'vitest';
import { blankSession } from '../../src/core/client';
import type { SessionRecord } from '../../src/core/types';
import { createKamailioSessionControl, readDialogs } from '../../src/sip/kamailio';
import { parseSubscriptionState } from '../../src/sip/watch';

type Handler = (method: string, params: unknown[]) => { status?: number; body: unknown };

function fakeFetch(handler: Handler) {
  const calls: { method: string; params: unknown[] }[] = [];
  const fetch = (_url: string, init: RequestInit): Promise<Response> => {
    const req = JSON.parse(String(init.body)) as { method: string; params: unknown[]; id: number };
    calls.push({ method: req.method, params: req.params });
    const { status = 200, body } = handler(req.method, req.params);
    const text =
      typeof body === 'string'
        ? body
        : JSON.stringify({ jsonrpc: '2.0', id: req.id, ...(body as object) });
    return Promise.resolve(new Response(text, { status }));
  };
  return { fetch, calls };
}

const session = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  ...blankSession('c1', 0),
  sessionState: 'IN_CALL',
  pbxState: 'INCALL',
  answeredAt: 1,
  stateChangedAt: 1,
  caller: '1001',
  callee: '1002',
  source: '1001',
  destination: '1002',
  dialedNumber: '1002',
  sipCallId: 'call-1',
  callerTag: 'B',
  ...over,
});

const dlg = (hId: number, callerTag: string, state = 4) => ({
  h_entry: 7,
  h_id: hId,
  'call-id': 'call-1',
  state,
  caller: { tag: callerTag },
  callee: { tag: 'x' },
});

describe('Kamailio session control', () => {
  it('supports hang-up style operations only', () => {
    const c = createKamailioSessionControl({ rpcUrl: 'http://127.0.0.1:1/RPC' });
    expect(['hangup', 'close', 'closeWithHangup'].every((op) => c.supports(op as 'hangup'))).toBe(
      true,
    );
    for (const op of [
      'hold',
      'unhold',
      'forward',
      'blindTransfer',
      'sendDtmf',
      'startListen',
      'stopListen',
    ] as const)
      expect(c.supports(op)).toBe(false);
  });

  it('finds the dialog by Call-ID (and caller tag) and ends it', async () => {
    const f = fakeFetch((method) =>
      method === 'dlg.list_match'
        ? { body: { result: [dlg(1, 'A'), dlg(2, 'B')] } }
        : { body: { result: null } },
    );
    const c = createKamailioSessionControl({ rpcUrl: 'http://x/RPC', fetch: f.fetch });
    await c.perform('hangup', session(), {});
    expect(f.calls).toEqual([
      { method: 'dlg.list_match', params: ['callid', 'eq', 'call-1'] },
      { method: 'dlg.end_dlg', params: [7, 2] },
    ]);
  });

  it('falls back to dlg.list where dlg.list_match is missing', async () => {
    const f = fakeFetch((method) => {
      if (method === 'dlg.list_match')
        return { status: 500, body: { error: { code: 500, message: 'Method Not Found' } } };
      if (method === 'dlg.list')
        return { body: { result: [{ ...dlg(3, 'Z'), 'call-id': 'other' }, dlg(4, 'Q')] } };
      return { body: { result: null } };
    });
    const c = createKamailioSessionControl({ rpcUrl: 'http://x/RPC', fetch: f.fetch });
    await c.perform('closeWithHangup', session(), {});
    expect(f.calls.map((x) => x.method)).toEqual(['dlg.list_match', 'dlg.list', 'dlg.end_dlg']);
    expect(f.calls[2]?.params).toEqual([7, 4]);
  });

  it('reports SESSION_CONTROL_FAILED with a clear message', async () => {
    const gone = fakeFetch(() => ({
      status: 404,
      body: { error: { code: 404, message: 'Not found' } },
    }));
    const c1 = createKamailioSessionControl({ rpcUrl: 'http://x/RPC', fetch: gone.fetch });
    await expect(c1.perform('hangup', session(), {})).rejects.toMatchObject({
      code: 'SESSION_CONTROL_FAILED',
      sessionId: 'c1',
      message: expect.stringContaining('no live dialog with Call-ID call-1'),
    });

    // Kamailio answers end_dlg on an early dialog with success and leaves it ringing
    const early = fakeFetch(() => ({ body: { result: [dlg(1, 'B', 2)] } }));
    const c2 = createKamailioSessionControl({ rpcUrl: 'http://x/RPC', fetch: early.fetch });
    await expect(c2.perform('hangup', session(), {})).rejects.toMatchObject({
      code: 'SESSION_CONTROL_FAILED',
      message: expect.stringContaining('can only end answered calls; call-1 is still ringing'),
    });
    expect(early.calls.map((c) => c.method)).toEqual(['dlg.list_match']);

    const refused = fakeFetch((method) =>
      method === 'dlg.end_dlg'
        ? { status: 404, body: { error: { code: 404, message: 'Dialog not found' } } }
        : { body: { result: [dlg(1, 'B')] } },
    );
    const c4 = createKamailioSessionControl({ rpcUrl: 'http://x/RPC', fetch: refused.fetch });
    await expect(c4.perform('hangup', session(), {})).rejects.toMatchObject({
      code: 'SESSION_CONTROL_FAILED',
      message: 'Kamailio dlg.end_dlg failed: dlg.end_dlg: 404 Dialog not found',
    });

    const html = fakeFetch(() => ({ status: 502, body: '<html>bad gateway</html>' }));
    const c3 = createKamailioSessionControl({ rpcUrl: 'http://x/RPC', fetch: html.fetch });
    await expect(c3.perform('hangup', session(), {})).rejects.toMatchObject({
      code: 'SESSION_CONTROL_FAILED',
      message: expect.stringContaining('HTTP 502, not JSON-RPC'),
    });

    const down = createKamailioSessionControl({
      rpcUrl: 'http://x/RPC',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(down.perform('close', session(), {})).rejects.toMatchObject({
      code: 'SESSION_CONTROL_FAILED',
      message: expect.stringContaining('fetch failed'),
    });

    const noId = createKamailioSessionControl({ rpcUrl: 'http://x/RPC', fetch: gone.fetch });
    await expect(
      noId.perform('hangup', session({ sipCallId: undefined }), {}),
    ).rejects.toMatchObject({
      code: 'SESSION_CONTROL_FAILED',
      message: expect.stringContaining('no SIP Call-ID'),
    });
    await expect(noId.perform('hold', session(), {})).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
    });
  });

  it('times out', async () => {
    const hang = (_u: string, init: RequestInit) =>
      new Promise<Response>((_r, reject) =>
        init.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        ),
      );
    const c = createKamailioSessionControl({ rpcUrl: 'http://x/RPC', fetch: hang, timeoutMs: 20 });
    await expect(c.perform('hangup', session(), {})).rejects.toMatchObject({
      message: expect.stringContaining('no answer within 20 ms'),
    });
  });

  it('reads dialog lists defensively', () => {
    expect(readDialogs({ Dialogs: [dlg(1, 'a')] })).toHaveLength(1);
    expect(readDialogs([null, 1, { h_entry: 'x' }, dlg(2, 'b')]).map((d) => d.hId)).toEqual([2]);
    expect(readDialogs('nope')).toEqual([]);
  });
});

describe('Subscription-State', () => {
  it('parses state, reason, expires and retry-after', () => {
    expect(parseSubscriptionState('active;expires=300')).toEqual({ state: 'active', expires: 300 });
    expect(parseSubscriptionState('Terminated;reason=Timeout;retry-after=5')).toEqual({
      state: 'terminated',
      reason: 'timeout',
      retryAfter: 5,
    });
    expect(parseSubscriptionState(undefined)).toEqual({ state: '' });
  });
});

// Initial SUBSCRIBEs are paced: at most N await their first answer on one UA, so watching a
// big PBX does not put thousands of requests on the wire at once. Drives the real subscription
// code against a fake user-agent core that records each SUBSCRIBE and lets the test answer it.
import { describe, expect, it } from 'vitest';
import { Core, UserAgent } from 'sip.js';
import { createExtensionWatcher } from '../../src/sip/watch';
import { SlotGate } from '../../src/sip/watch/gate';
import { createSipSubscription, type SubscriptionListener } from '../../src/sip/watch/subscription';
import { dummyDialogInfo, recordingEvents } from './watch-helpers';

interface SentSubscribe {
  uri: string;
  event: string;
  answered: boolean;
  /** The server's first NOTIFY (subscription up). */
  notify(): void;
  reject(code: number): void;
}

function fakeUa() {
  const sent: SentSubscribe[] = [];
  const ua = {
    isConnected: () => false, // stop() then just drops the dialog
    configuration: { uri: UserAgent.makeURI('sip:1003@ozkit.test') },
    contact: { toString: () => '<sip:1003@ozkit.test;transport=ws>' },
    userAgentCore: {
      configuration: { supportedOptionTags: [] as string[] },
      makeOutgoingRequestMessage: (
        _m: string,
        ruri: unknown,
        _f: unknown,
        _t: unknown,
        _o: unknown,
        headers: string[],
      ) => ({
        uri: String(ruri),
        event: headers.find((h) => h.startsWith('Event: '))?.slice(7) ?? '',
      }),
      subscribe(
        message: { uri: string; event: string },
        delegate: Core.OutgoingSubscribeRequestDelegate,
      ) {
        const s: SentSubscribe = {
          ...message,
          answered: false,
          notify() {
            s.answered = true;
            const dialog = {
              subscriptionState: Core.SubscriptionState.Active,
              subscriptionExpires: 600,
              delegate: undefined,
              dispose() {},
            };
            delegate.onNotify?.({
              request: {
                accept() {},
                message: {
                  body: dummyDialogInfo(message.uri),
                  getHeader: (h: string) =>
                    h === 'Subscription-State'
                      ? 'active;expires=600'
                      : 'application/dialog-info+xml',
                },
              },
              subscription: dialog,
            } as unknown as Parameters<
              NonNullable<Core.OutgoingSubscribeRequestDelegate['onNotify']>
            >[0]);
          },
          reject(code) {
            s.answered = true;
            delegate.onReject?.({
              message: { statusCode: code, reasonPhrase: 'No', getHeader: () => undefined },
            } as unknown as Core.IncomingResponse);
          },
        };
        sent.push(s);
        return { waitNotifyStop() {} };
      },
    },
  } as unknown as UserAgent;
  const inFlight = () => sent.filter((s) => !s.answered).length;
  return { ua, sent, inFlight };
}

const quiet: SubscriptionListener = { onStart() {}, onNotify() {}, onFailure() {} };
const spec = (ext: string) => ({
  uri: `sip:${ext}@ozkit.test`,
  event: 'dialog',
  accept: 'application/dialog-info+xml',
  expires: 600,
});
const exts = (n: number) => Array.from({ length: n }, (_, i) => String(2000 + i));

describe('SUBSCRIBE pacing', () => {
  it('keeps at most N initial SUBSCRIBEs unanswered, in order, until every one is sent', async () => {
    const { ua, sent, inFlight } = fakeUa();
    const gate = new SlotGate(5);
    const subs = exts(40).map((e) => createSipSubscription(ua, spec(e), quiet, () => {}, gate));
    for (const s of subs) s.start();
    expect(sent).toHaveLength(5);
    expect(gate.queued).toBe(35);
    let i = 0;
    while (sent.some((s) => !s.answered)) {
      const next = sent.find((s) => !s.answered);
      // a refusal frees its slot just as an accepted subscription does
      if (i++ % 3 === 0) next?.reject(404);
      else next?.notify();
      expect(inFlight()).toBeLessThanOrEqual(5);
    }
    expect(sent.map((s) => s.uri)).toEqual(exts(40).map((e) => `sip:${e}@ozkit.test`));
    expect(gate.queued).toBe(0);
    await Promise.all(subs.map((s) => s.stop()));
  });

  it('a subscription stopped while queued is never sent; one stopped in flight frees its slot', async () => {
    const { ua, sent } = fakeUa();
    const gate = new SlotGate(2);
    const [a, b, c, d] = exts(4).map((e) =>
      createSipSubscription(ua, spec(e), quiet, () => {}, gate),
    );
    for (const s of [a, b, c, d]) s?.start();
    expect(sent.map((s) => s.uri)).toEqual(['sip:2000@ozkit.test', 'sip:2001@ozkit.test']);
    await c?.stop(); // queued: dropped
    await a?.stop(); // in flight, never answered: its slot goes to d
    expect(sent.map((s) => s.uri)).toEqual([
      'sip:2000@ozkit.test',
      'sip:2001@ozkit.test',
      'sip:2003@ozkit.test',
    ]);
    await Promise.all([b?.stop(), d?.stop()]);
  });

  it('the watcher paces its dialog and presence SUBSCRIBEs per UA (default 16)', async () => {
    const { ua, sent } = fakeUa();
    const watcher = createExtensionWatcher({});
    watcher.setTargets(exts(100));
    watcher.attach({
      ua,
      domain: 'ozkit.test',
      events: recordingEvents().events,
      now: () => 1_000,
    });
    expect(sent).toHaveLength(16);
    for (let k = 0; k < 50; k++) sent.find((s) => !s.answered)?.notify();
    expect(sent).toHaveLength(66);
    while (sent.some((s) => !s.answered)) sent.find((s) => !s.answered)?.notify();
    expect(sent).toHaveLength(200);
    expect(new Set(sent.map((s) => `${s.event} ${s.uri}`)).size).toBe(200);
    // A new registration (new UA) starts with a fresh gate, not the old one's debts.
    const next = fakeUa();
    watcher.attach({
      ua: next.ua,
      domain: 'ozkit.test',
      events: recordingEvents().events,
      now: () => 1_000,
    });
    expect(next.sent).toHaveLength(16);
    await watcher.detach();
  });
});

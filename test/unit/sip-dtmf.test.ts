import type { Session } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { dtmfRelayBody, parseDtmfInfo, sendDtmf } from '../../src/sip/dtmf';

type InfoOptions = {
  requestOptions: { body: { contentType: string; content: string } };
  requestDelegate: {
    onAccept(): void;
    onReject(r: { message: { statusCode: number; reasonPhrase: string } }): void;
  };
};

function fakeSession(sdhSends: boolean | null, answer: number) {
  const infos: InfoOptions[] = [];
  const session = {
    sessionDescriptionHandler: sdhSends === null ? undefined : { sendDtmf: () => sdhSends },
    info(o: InfoOptions) {
      infos.push(o);
      queueMicrotask(() =>
        answer < 300
          ? o.requestDelegate.onAccept()
          : o.requestDelegate.onReject({ message: { statusCode: answer, reasonPhrase: 'No' } }),
      );
      return Promise.resolve();
    },
  };
  return { session: session as unknown as Session, infos };
}

describe('sip/dtmf', () => {
  it('parses dtmf-relay and dtmf bodies, including the numeric * and #', () => {
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toBe('5');
    expect(parseDtmfInfo('Application/DTMF-Relay; charset=x', 'signal= #\r\n')).toBe('#');
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=10\r\n')).toBe('*');
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=11\r\n')).toBe('#');
    expect(parseDtmfInfo('application/dtmf', '7')).toBe('7');
    expect(parseDtmfInfo('application/dtmf-relay', 'Duration=160')).toBeNull();
    expect(parseDtmfInfo('text/plain', 'Signal=5')).toBeNull();
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=55')).toBeNull();
    expect(parseDtmfInfo(undefined, 'Signal=5')).toBeNull();
  });

  it('builds the INFO body', () => {
    expect(dtmfRelayBody('9')).toBe('Signal=9\r\nDuration=160\r\n');
  });

  it('RFC 4733 when the media handler sends it: no INFO', async () => {
    const { session, infos } = fakeSession(true, 200);
    await expect(sendDtmf(session, '5', 'c1')).resolves.toBe('rtp');
    expect(infos).toEqual([]);
  });

  it('SIP INFO when the media handler cannot (or there is none)', async () => {
    for (const sdh of [false, null]) {
      const { session, infos } = fakeSession(sdh, 200);
      await expect(sendDtmf(session, '#', 'c1')).resolves.toBe('info');
      expect(infos[0]?.requestOptions.body).toMatchObject({
        contentType: 'application/dtmf-relay',
        content: 'Signal=#\r\nDuration=160\r\n',
      });
    }
  });

  it('a refused INFO is DTMF_FAILED with the status code', async () => {
    const { session } = fakeSession(false, 415);
    await expect(sendDtmf(session, '1', 'c1')).rejects.toMatchObject({
      code: 'DTMF_FAILED',
      statusCode: 415,
      callId: 'c1',
    });
  });
});

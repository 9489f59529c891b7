import { describe, expect, it } from 'vitest';
import { hasVideo, isHoldOffer, mediaSections } from '../../src/sip/sdp';

const sdp = (lines: string[]) =>
  ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', ...lines, ''].join(
    '\r\n',
  );
const audio = (dir?: string) => [
  'm=audio 4000 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  ...(dir ? [`a=${dir}`] : []),
];

describe('sip/sdp', () => {
  it('sendonly or inactive from the peer is a hold; sendrecv and recvonly are not', () => {
    expect(isHoldOffer(sdp(audio('sendonly')))).toBe(true);
    expect(isHoldOffer(sdp(audio('inactive')))).toBe(true);
    expect(isHoldOffer(sdp(audio('sendrecv')))).toBe(false);
    expect(isHoldOffer(sdp(audio('recvonly')))).toBe(false);
    expect(isHoldOffer(sdp(audio()))).toBe(false);
  });

  it('session-level direction applies to media without their own; media level wins', () => {
    expect(isHoldOffer(sdp(['a=sendonly', ...audio()]))).toBe(true);
    expect(isHoldOffer(sdp(['a=sendonly', ...audio('sendrecv')]))).toBe(false);
  });

  it('the RFC 2543 form c=0.0.0.0 is a hold; rejected streams (port 0) do not count', () => {
    expect(isHoldOffer(sdp(['m=audio 4000 RTP/AVP 0', 'c=IN IP4 0.0.0.0']))).toBe(true);
    expect(isHoldOffer(sdp([...audio('sendonly'), 'm=video 0 RTP/AVP 96']))).toBe(true);
    expect(isHoldOffer(sdp([...audio('sendonly'), 'm=video 5000 RTP/AVP 96', 'a=sendrecv']))).toBe(
      false,
    );
  });

  it('finds active video', () => {
    expect(hasVideo(sdp([...audio(), 'm=video 5000 RTP/AVP 96']))).toBe(true);
    expect(hasVideo(sdp([...audio(), 'm=video 0 RTP/AVP 96']))).toBe(false);
    expect(hasVideo(undefined)).toBe(false);
    expect(
      mediaSections(sdp([...audio('inactive'), 'm=video 5000 RTP/AVP 96'])).map(
        (m) => `${m.kind}:${m.direction}`,
      ),
    ).toEqual(['audio:inactive', 'video:sendrecv']);
  });
});

// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CameraSource } from '../../src/core/ports';
import { CallMedia, asWebSdh } from '../../src/sip/media';

let n = 0;
class FakeTrack {
  enabled = true;
  stopped = false;
  readonly id = `t${n++}`;
  constructor(readonly kind: 'audio' | 'video') {}
  stop() {
    this.stopped = true;
  }
  clone() {
    return new FakeTrack(this.kind);
  }
}
class FakeStream extends EventTarget {
  tracks: FakeTrack[] = [];
  constructor(...t: FakeTrack[]) {
    super();
    this.tracks = t;
  }
  getTracks = () => this.tracks;
  getAudioTracks = () => this.tracks.filter((t) => t.kind === 'audio');
  getVideoTracks = () => this.tracks.filter((t) => t.kind === 'video');
  getTrackById = (id: string) => this.tracks.find((t) => t.id === id) ?? null;
  addTrack = (t: FakeTrack) => void this.tracks.push(t);
  removeTrack = (t: FakeTrack) => void (this.tracks = this.tracks.filter((x) => x !== t));
}
class FakeSender {
  params: { encodings: Record<string, unknown>[] } = { encodings: [{ active: true }] };
  constructor(public track: FakeTrack | null) {}
  replaceTrack = vi.fn(async (t: FakeTrack) => void (this.track = t));
  getParameters = () => structuredClone(this.params);
  setParameters = vi.fn(
    async (p: { encodings: Record<string, unknown>[] }) => void (this.params = p),
  );
}
function fakeSdh(opts: { video?: boolean } = {}) {
  const mic = new FakeTrack('audio');
  const senders = [new FakeSender(mic)];
  if (opts.video) senders.push(new FakeSender(new FakeTrack('video')));
  const remote = new FakeStream(new FakeTrack('audio'));
  const pc = {
    getSenders: () => senders,
    getReceivers: () => remote.tracks.map((track) => ({ track })),
    getTransceivers: () => [],
    addTrack: vi.fn((t: FakeTrack) => {
      const s = new FakeSender(t);
      senders.push(s);
      return s;
    }),
  };
  return {
    peerConnection: pc,
    remoteMediaStream: remote,
    localMediaStream: new FakeStream(mic),
    senders,
    mic,
    remote,
  };
}
const camera = (
  enc?: Record<string, number>,
): CameraSource & { encoding?: () => Record<string, number> } => {
  const stream = new FakeStream(new FakeTrack('video'));
  return {
    name: undefined,
    bandwidth: 0,
    quality: 0,
    getStream: async () => stream as unknown as MediaStream,
    ...(enc ? { encoding: () => enc } : {}),
  };
};

beforeEach(() => {
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    configurable: true,
    writable: true,
    value: null,
  });
  document.body.innerHTML = '<video id="remote"></video><div id="not-video"></div>';
});
afterEach(() => vi.restoreAllMocks());

const audios = () =>
  [...document.querySelectorAll('audio[data-ozkit-remote-audio]')] as HTMLAudioElement[];

describe('sip/media (browser)', () => {
  it('remote audio plays in an <audio autoplay> the kit creates, and is removed when the call ends', () => {
    const sdh = fakeSdh();
    const m = new CallMedia('c1', () => {});
    m.attach(sdh);
    expect(audios()).toHaveLength(1);
    const el = audios()[0]!;
    expect(el.autoplay).toBe(true);
    expect(el.getAttribute('data-ozkit-remote-audio')).toBe('c1');
    expect(el.srcObject).toBe(sdh.remote);
    expect(HTMLMediaElement.prototype.play).toHaveBeenCalled();
    m.attach(sdh); // same handler again: still one element
    expect(audios()).toHaveLength(1);
    m.dispose();
    expect(audios()).toHaveLength(0);
    expect(m.resources).toBe(0);
  });

  it('setRemoteDisplay: by id or element, muted (sound goes through the <audio>), one per call', () => {
    const sdh = fakeSdh();
    const m = new CallMedia('c1', () => {});
    m.setRemoteDisplay('remote'); // before media: remembered
    m.attach(sdh);
    const video = document.getElementById('remote') as HTMLVideoElement;
    expect(video.srcObject).toBe(sdh.remote);
    expect(video.muted).toBe(true);
    const other = document.createElement('video');
    m.setRemoteDisplay(other);
    expect(other.srcObject).toBe(sdh.remote);
    expect(video.srcObject).toBeNull(); // only one remote display per call
    m.dispose();
    expect(other.srcObject).toBeNull();
  });

  it('setRemoteDisplay errors: unknown id is MEDIA_FAILED, a non-media element INVALID_ARGUMENT', () => {
    const m = new CallMedia('c1', () => {});
    expect(() => m.setRemoteDisplay('nope')).toThrowError(
      expect.objectContaining({ code: 'MEDIA_FAILED', callId: 'c1' }),
    );
    expect(() => m.setRemoteDisplay('not-video')).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('a remote video track arriving later is reported and shown', () => {
    const sdh = fakeSdh();
    const seen: boolean[] = [];
    const m = new CallMedia('c1', (v) => seen.push(v));
    m.attach(sdh);
    m.setRemoteDisplay('remote');
    sdh.remote.addTrack(new FakeTrack('video'));
    sdh.remote.dispatchEvent(new Event('addtrack'));
    expect(seen).toEqual([true]);
    m.dispose();
    sdh.remote.dispatchEvent(new Event('addtrack')); // listener gone
    expect(seen).toEqual([true]);
  });

  it('mute disables the microphone track only; hold disables sending and receiving', () => {
    const sdh = fakeSdh({ video: true });
    const m = new CallMedia('c1', () => {});
    m.attach(sdh);
    m.setMuted(true);
    expect(sdh.senders.map((s) => s.track?.enabled)).toEqual([false, true]);
    m.setHeld(true);
    expect(sdh.senders.map((s) => s.track?.enabled)).toEqual([false, false]);
    expect(sdh.remote.tracks.every((t) => !t.enabled)).toBe(true);
    m.setHeld(false);
    m.setMuted(false);
    expect(sdh.senders.map((s) => s.track?.enabled)).toEqual([true, true]);
  });

  it('attachCamera replaces the video track of a video call, with the camera encoding, no re-INVITE', async () => {
    const sdh = fakeSdh({ video: true });
    const m = new CallMedia('c1', () => {});
    m.attach(sdh);
    const renegotiate = vi.fn(async () => {});
    await m.attachCamera(camera({ maxBitrate: 80000 }), renegotiate);
    const videoSender = sdh.senders[1]!;
    expect(videoSender.replaceTrack).toHaveBeenCalledOnce();
    expect(renegotiate).not.toHaveBeenCalled();
    expect(videoSender.params.encodings[0]).toEqual({ active: true, maxBitrate: 80000 });
    expect(sdh.localMediaStream.getVideoTracks()).toHaveLength(1);
  });

  it('attachCamera on an audio call adds a video track and renegotiates', async () => {
    const sdh = fakeSdh();
    const m = new CallMedia('c1', () => {});
    m.attach(sdh);
    const renegotiate = vi.fn(async () => {});
    const cam = camera();
    await m.attachCamera(cam, renegotiate);
    expect(sdh.peerConnection.addTrack).toHaveBeenCalledOnce();
    expect(renegotiate).toHaveBeenCalledOnce();
    // the call got a clone: ending the call does not kill the camera's own track
    const own = (await cam.getStream()).getVideoTracks()[0] as unknown as FakeTrack;
    expect(sdh.senders[1]!.track).not.toBe(own);
  });

  it('signaling-only handler (Node tests): no DOM work, camera is MEDIA_FAILED', async () => {
    expect(asWebSdh({ sendDtmf: () => false })).toBeNull();
    const m = new CallMedia('c1', () => {});
    m.attach({ close() {} });
    expect(audios()).toHaveLength(0);
    m.setMuted(true);
    await expect(m.attachCamera(camera(), async () => {})).rejects.toMatchObject({
      code: 'MEDIA_FAILED',
    });
  });
});

import { OzError } from '../core/errors';
import type { CameraSource } from '../core/ports';

/** What the kit uses of SIP.js's Web SessionDescriptionHandler (duck-typed: tests inject others). */
export interface WebSdhLike {
  readonly peerConnection: RTCPeerConnection | undefined;
  readonly remoteMediaStream: MediaStream;
  readonly localMediaStream: MediaStream;
}

export function asWebSdh(sdh: unknown): WebSdhLike | null {
  if (typeof sdh !== 'object' || sdh === null) return null;
  const s = sdh as Partial<WebSdhLike>;
  return 'peerConnection' in s && s.remoteMediaStream && s.localMediaStream
    ? (s as WebSdhLike)
    : null;
}

type Display = string | HTMLMediaElement | null;

function dom(): Document | undefined {
  return typeof document === 'undefined' ? undefined : document;
}

function play(el: HTMLMediaElement): void {
  try {
    const p = el.play() as Promise<void> | undefined;
    // Autoplay policies may refuse before a user gesture; the element plays once allowed.
    p?.catch?.(() => {});
  } catch {
    // not implemented (test DOMs)
  }
}

/**
 * The media of one call in a browser: remote audio in an <audio> element the kit creates and
 * removes, remote video in the app's element (one per call), mute/hold of the local tracks and
 * the camera. Everything is a no-op with a media handler that has no RTCPeerConnection (the
 * signaling-only one in Node tests).
 */
export class CallMedia {
  #sdh: WebSdhLike | null = null;
  #audio: HTMLAudioElement | null = null;
  #display: HTMLMediaElement | null = null;
  #displayTarget: Display = null;
  #unlisten: (() => void) | null = null;
  #muted = false;
  #held = false;
  readonly #callId: string;
  readonly #onRemoteVideo: (hasVideo: boolean) => void;
  /** The chosen speaker's deviceId, applied with setSinkId where the browser has it. */
  readonly #speaker: () => string | null;

  constructor(
    callId: string,
    onRemoteVideo: (hasVideo: boolean) => void,
    speaker: () => string | null = () => null,
  ) {
    this.#callId = callId;
    this.#onRemoteVideo = onRemoteVideo;
    this.#speaker = speaker;
  }

  /** A media handler appeared (early media or answer): play the remote stream. */
  attach(sdh: unknown): void {
    const web = asWebSdh(sdh);
    if (!web || web === this.#sdh) return;
    this.#unlisten?.();
    this.#sdh = web;
    const stream = web.remoteMediaStream;
    const onTracks = () => {
      this.#render();
      this.#onRemoteVideo(stream.getVideoTracks().length > 0);
    };
    stream.addEventListener?.('addtrack', onTracks);
    stream.addEventListener?.('removetrack', onTracks);
    this.#unlisten = () => {
      stream.removeEventListener?.('addtrack', onTracks);
      stream.removeEventListener?.('removetrack', onTracks);
    };
    this.#render();
    if (stream.getVideoTracks().length > 0) this.#onRemoteVideo(true);
  }

  #render(): void {
    const stream = this.#sdh?.remoteMediaStream;
    const doc = dom();
    if (!stream || !doc) return;
    if (!this.#audio) {
      const el = doc.createElement('audio');
      el.autoplay = true;
      el.setAttribute('data-ozkit-remote-audio', this.#callId);
      el.hidden = true;
      (doc.body ?? doc.documentElement).appendChild(el);
      this.#audio = el;
    }
    if (this.#audio.srcObject !== stream) this.#audio.srcObject = stream;
    const sink = this.#speaker();
    const el = this.#audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (sink && typeof el.setSinkId === 'function') void el.setSinkId(sink).catch(() => {});
    play(this.#audio);
    if (this.#displayTarget !== null) this.#showIn(this.#displayTarget);
  }

  /** Ozeki's setRemoteDisplay: the element (or its id) that shows the remote video; null = none. */
  setRemoteDisplay(target: Display): void {
    this.#displayTarget = target;
    if (target === null) {
      this.#clearDisplay();
      return;
    }
    this.#showIn(target);
  }

  #showIn(target: string | HTMLMediaElement): void {
    const doc = dom();
    let el: HTMLElement | null;
    if (typeof target === 'string') {
      if (!doc) return;
      el = doc.getElementById(target);
      if (!el) {
        throw new OzError(
          'MEDIA_FAILED',
          `No element with id "${target}" to show the remote video in`,
          {
            callId: this.#callId,
          },
        );
      }
    } else el = target;
    const isMedia =
      typeof HTMLMediaElement !== 'undefined' ? el instanceof HTMLMediaElement : 'srcObject' in el;
    if (!isMedia) {
      throw new OzError(
        'INVALID_ARGUMENT',
        'setRemoteDisplay needs a <video> element (or its id)',
        {
          callId: this.#callId,
        },
      );
    }
    const media = el as HTMLMediaElement;
    if (this.#display && this.#display !== media) this.#clearDisplay();
    this.#display = media;
    const stream = this.#sdh?.remoteMediaStream ?? null;
    if (media.srcObject !== stream) media.srcObject = stream;
    // The sound plays through the kit's <audio>; the video element would double it.
    media.muted = true;
    media.autoplay = true;
    media.setAttribute?.('playsinline', '');
    if (stream) play(media);
  }

  #clearDisplay(): void {
    if (this.#display) this.#display.srcObject = null;
    this.#display = null;
  }

  setMuted(muted: boolean): void {
    this.#muted = muted;
    this.#applyTracks();
  }

  setHeld(held: boolean): void {
    this.#held = held;
    this.#applyTracks();
  }

  #applyTracks(): void {
    const pc = this.#sdh?.peerConnection;
    if (!pc) return;
    for (const sender of pc.getSenders()) {
      if (!sender.track) continue;
      sender.track.enabled =
        sender.track.kind === 'audio' ? !this.#muted && !this.#held : !this.#held;
    }
    for (const receiver of pc.getReceivers()) receiver.track.enabled = !this.#held;
  }

  /**
   * Sends the camera's video: replaces the video track of the call or adds one; a new m=video
   * (or a direction change) needs a re-INVITE, done by `renegotiate`. The camera's bandwidth
   * and quality go to the sender's encoding.
   */
  async attachCamera(camera: CameraSource, renegotiate: () => Promise<void>): Promise<void> {
    const sdh = this.#sdh;
    const pc = sdh?.peerConnection;
    if (!sdh || !pc) {
      throw new OzError('MEDIA_FAILED', 'This call has no WebRTC media to send a camera on', {
        callId: this.#callId,
      });
    }
    const stream = await camera.getStream();
    const original = stream.getVideoTracks()[0];
    if (!original)
      throw new OzError('MEDIA_FAILED', 'The camera gave no video track', { callId: this.#callId });
    // A clone: SIP.js stops the call's tracks when it ends; the camera stays usable.
    const track = original.clone();
    let sender = pc.getSenders().find((s) => s.track?.kind === 'video');
    let needsOffer = false;
    if (sender) {
      await sender.replaceTrack(track);
    } else {
      const transceiver = pc
        .getTransceivers()
        .find(
          (t) =>
            t.currentDirection !== 'stopped' &&
            t.receiver.track.kind === 'video' &&
            !t.sender.track,
        );
      if (transceiver) {
        sender = transceiver.sender;
        await sender.replaceTrack(track);
        if (transceiver.direction !== 'sendrecv' && transceiver.direction !== 'sendonly') {
          transceiver.direction = 'sendrecv';
          needsOffer = true;
        }
      } else {
        sender = pc.addTrack(track, sdh.localMediaStream);
        needsOffer = true;
      }
    }
    const local = sdh.localMediaStream;
    for (const old of local.getVideoTracks()) {
      if (old === track) continue;
      local.removeTrack(old);
      old.stop();
    }
    if (!local.getTrackById(track.id)) local.addTrack(track);
    track.enabled = !this.#held;
    if (needsOffer) await renegotiate();
    await applyEncoding(sender, camera);
  }

  /** The call ended: the kit's <audio> goes away, the app's video element is emptied. */
  dispose(): void {
    this.#unlisten?.();
    this.#unlisten = null;
    if (this.#audio) {
      try {
        this.#audio.pause();
      } catch {
        // not implemented (test DOMs)
      }
      this.#audio.srcObject = null;
      this.#audio.remove();
      this.#audio = null;
    }
    this.#clearDisplay();
    this.#displayTarget = null;
    this.#sdh = null;
  }

  /** Elements and listeners this call still holds (0 after dispose). */
  get resources(): number {
    return (this.#audio ? 1 : 0) + (this.#display ? 1 : 0) + (this.#unlisten ? 1 : 0);
  }
}

type Encoding = { maxBitrate?: number; scaleResolutionDownBy?: number };

function encodingOf(camera: CameraSource): Encoding | null {
  const fn = (camera as CameraSource & { encoding?: unknown }).encoding;
  if (typeof fn !== 'function') return null;
  const enc = (fn as () => Encoding).call(camera);
  return enc && Object.keys(enc).length > 0 ? enc : null;
}

async function applyEncoding(sender: RTCRtpSender, camera: CameraSource): Promise<void> {
  const enc = encodingOf(camera);
  if (!enc) return;
  const params = sender.getParameters();
  // Before negotiation a sender may have no encodings yet; setParameters cannot add one then.
  if (!params.encodings || params.encodings.length === 0) return;
  params.encodings = params.encodings.map((e, i) => (i === 0 ? { ...e, ...enc } : e));
  try {
    await sender.setParameters(params);
  } catch {
    // Bitrate and scaling are hints; a browser that refuses them still sends video.
  }
}

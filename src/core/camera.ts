import type { CameraSource } from './ports';
import { OzError } from './errors';

/**
 * Ozeki's OzCamera over getUserMedia. Creating one touches no browser API; the stream is asked
 * for only when a call needs it (never on mount or import).
 */
export class OzCamera implements CameraSource {
  bandwidth = 0;
  quality = 0;
  #stream: Promise<MediaStream> | null = null;

  private constructor(readonly name: string | undefined) {}

  /** No argument: the default camera. A name is matched against device labels or ids. */
  static getCameraByName(name?: string): OzCamera {
    return new OzCamera(name);
  }

  /**
   * bandwidth: max bytes per second for outgoing video (0 = what quality needs);
   * quality: 1–100 (0 = what fits the bandwidth). Applied as RTCRtpSender maxBitrate/scale.
   */
  setQuality(bandwidth: number, quality: number): void {
    if (
      !Number.isFinite(bandwidth) ||
      bandwidth < 0 ||
      !Number.isFinite(quality) ||
      quality < 0 ||
      quality > 100
    ) {
      throw new OzError('INVALID_ARGUMENT', 'setQuality(bandwidth ≥ 0, quality 0–100)');
    }
    this.bandwidth = Math.floor(bandwidth);
    this.quality = Math.floor(quality);
  }

  /** RTCRtpEncodingParameters for the current setting (used by the SIP backend). */
  encoding(): { maxBitrate?: number; scaleResolutionDownBy?: number } {
    const out: { maxBitrate?: number; scaleResolutionDownBy?: number } = {};
    if (this.bandwidth > 0) out.maxBitrate = this.bandwidth * 8;
    if (this.quality > 0 && this.quality < 100)
      out.scaleResolutionDownBy = Math.max(1, 100 / this.quality / 1.5);
    return out;
  }

  async getStream(): Promise<MediaStream> {
    this.#stream ??= this.#open();
    return this.#stream;
  }

  async #open(): Promise<MediaStream> {
    const md = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    if (!md?.getUserMedia)
      throw new OzError('MEDIA_FAILED', 'This environment has no camera access (getUserMedia)');
    try {
      let deviceId: string | undefined;
      if (this.name) {
        const devices = await md.enumerateDevices();
        const match = devices.find(
          (d) => d.kind === 'videoinput' && (d.label === this.name || d.deviceId === this.name),
        );
        if (!match) throw new OzError('MEDIA_FAILED', `No camera named "${this.name}"`);
        deviceId = match.deviceId;
      }
      return await md.getUserMedia({
        video: deviceId ? { deviceId: { exact: deviceId } } : true,
        audio: false,
      });
    } catch (err) {
      this.#stream = null;
      throw OzError.from(err, 'MEDIA_FAILED', 'The camera could not be opened');
    }
  }

  /** Stops the camera's tracks (the call ended or the app is done with it). */
  release(): void {
    const s = this.#stream;
    this.#stream = null;
    void s?.then((m) => m.getTracks().forEach((t) => t.stop())).catch(() => {});
  }
}

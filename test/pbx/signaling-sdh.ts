// A signaling-only SessionDescriptionHandler for SIP.js 0.21 in Node (no WebRTC there):
// it offers/answers a fixed PCMU SDP so INVITE/200/ACK, hold/unhold re-INVITEs and BYE
// run through the real PBX. Nothing is ever sent to the advertised RTP port.
import type {
  BodyAndContentType,
  Session,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
  SessionDescriptionHandlerOptions,
} from 'sip.js';

export type SdpDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

let sessionCounter = 1000;

function fixedSdp(sessId: number, version: number, port: number, direction: SdpDirection): string {
  return [
    'v=0',
    `o=- ${sessId} ${version} IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP 0 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    `a=${direction}`,
    '',
  ].join('\r\n');
}

// SIP.js's web SDH options carry `hold`; the core options type does not declare it.
function wantsHold(options: SessionDescriptionHandlerOptions | undefined): boolean {
  return (
    typeof options === 'object' &&
    'hold' in options &&
    (options as { hold?: unknown }).hold === true
  );
}

export class SignalingOnlySessionDescriptionHandler implements SessionDescriptionHandler {
  /** Last SDP received from the peer, for assertions. */
  remoteSdp: string | undefined;
  /** Direction attribute of the last remote SDP ("sendonly" = the peer put us on hold). */
  remoteDirection: SdpDirection = 'sendrecv';
  /** Direction we offered/answered last. */
  localDirection: SdpDirection = 'sendrecv';
  private readonly sessId = ++sessionCounter;
  private version = 0;
  private readonly port = 40000 + (sessionCounter % 1000) * 2;

  constructor(readonly session: Session) {}

  close(): void {}

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  getDescription(options?: SessionDescriptionHandlerOptions): Promise<BodyAndContentType> {
    this.version++;
    let direction: SdpDirection = 'sendrecv';
    if (wantsHold(options))
      direction = 'sendonly'; // we put the peer on hold
    else if (this.remoteDirection === 'sendonly')
      direction = 'recvonly'; // answering a hold offer
    else if (this.remoteDirection === 'inactive') direction = 'inactive';
    this.localDirection = direction;
    return Promise.resolve({
      contentType: 'application/sdp',
      body: fixedSdp(this.sessId, this.version, this.port, direction),
    });
  }

  setDescription(sdp: string): Promise<void> {
    this.remoteSdp = sdp;
    const m = /a=(sendrecv|sendonly|recvonly|inactive)/.exec(sdp);
    this.remoteDirection = m ? (m[1] as SdpDirection) : 'sendrecv';
    return Promise.resolve();
  }

  rollbackDescription(): Promise<void> {
    return Promise.resolve();
  }

  /** No RTP here: false tells callers to fall back to SIP INFO (application/dtmf-relay). */
  sendDtmf(): boolean {
    return false;
  }
}

export const signalingOnlySdhFactory: SessionDescriptionHandlerFactory = (session: Session) =>
  new SignalingOnlySessionDescriptionHandler(session);

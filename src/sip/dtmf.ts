import type { Session } from 'sip.js';
import { OzError } from '../core/errors';
import { describeStatus, statusOf } from './status';

export const DTMF_RELAY = 'application/dtmf-relay';
const KEY = /^[0-9*#A-Da-d]$/;

/** The body of a SIP INFO carrying one key (application/dtmf-relay, as most PBXs expect). */
export function dtmfRelayBody(key: string, durationMs = 160): string {
  return `Signal=${key}\r\nDuration=${durationMs}\r\n`;
}

/**
 * The key of an incoming INFO, or null when it carries no DTMF. Accepts application/dtmf-relay
 * ("Signal=5", also the numeric 10/11 some gateways send for * and #) and application/dtmf.
 */
export function parseDtmfInfo(
  contentType: string | undefined,
  body: string | undefined,
): string | null {
  if (!contentType || body === undefined) return null;
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  let raw: string | undefined;
  if (type === DTMF_RELAY) {
    raw = /^\s*signal\s*=\s*(\S+)\s*$/im.exec(body)?.[1];
  } else if (type === 'application/dtmf') {
    raw = body.trim();
  }
  if (raw === undefined) return null;
  if (raw === '10') return '*';
  if (raw === '11') return '#';
  return KEY.test(raw) ? raw.toUpperCase() : null;
}

interface DtmfCapable {
  sendDtmf(tones: string, options?: { duration: number; interToneGap: number }): boolean;
}

function canSendDtmf(x: unknown): x is DtmfCapable {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { sendDtmf?: unknown }).sendDtmf === 'function'
  );
}

/**
 * RFC 4733 through the media handler when it can (a WebRTC sender with DTMF), else a SIP INFO.
 * Resolves when the key was sent (RTP) or the peer accepted the INFO.
 */
export function sendDtmf(session: Session, key: string, callId: string): Promise<'rtp' | 'info'> {
  const sdh = session.sessionDescriptionHandler;
  if (canSendDtmf(sdh) && sdh.sendDtmf(key, { duration: 100, interToneGap: 70 })) {
    return Promise.resolve('rtp');
  }
  return new Promise((resolve, reject) => {
    session
      .info({
        requestOptions: {
          body: {
            contentDisposition: 'render',
            contentType: DTMF_RELAY,
            content: dtmfRelayBody(key),
          },
        },
        requestDelegate: {
          onAccept: () => resolve('info'),
          onReject: (r) => {
            const { code, phrase } = statusOf(r);
            reject(
              new OzError(
                'DTMF_FAILED',
                `The other party refused the key "${key}": ${describeStatus(code, phrase)}`,
                {
                  callId,
                  statusCode: code,
                },
              ),
            );
          },
        },
      })
      .catch((err: unknown) =>
        reject(OzError.from(err, 'DTMF_FAILED', `The key "${key}" could not be sent`, { callId })),
      );
  });
}

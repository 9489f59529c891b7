import { URI, type Session } from 'sip.js';
import { OzError } from '../core/errors';
import type { CallEntry } from './call-entry';
import { describeStatus, statusOf } from './status';
import type { Timers } from './timers';

/** Blind transfer to a URI, or attended transfer to another own call (REFER with Replaces). */
export type ReferTarget = { uri: URI; label: string } | { session: Session; label: string };

/** Longest wait for the transferee's final NOTIFY. */
const TRANSFER_TIMEOUT_MS = 60_000;

/**
 * SIP.js writes a URI target into Refer-To as it is, without angle brackets; a URI that
 * carries headers (?Replaces=) needs them.
 */
class BracketedUri extends URI {
  override toString(): string {
    return `<${super.toString()}>`;
  }
}

/**
 * Attended transfer: Refer-To is the other call's party (its AOR, not its Contact as SIP.js
 * would write) with Replaces for that dialog, so the transferee's new call shows who it is
 * with, and the PBX routes it like any call to that extension.
 */
export function replacesTarget(other: Session): URI {
  const d = other.dialog;
  if (!d) throw new OzError('INVALID_STATE', 'The other call is not answered yet');
  const aor = d.remoteURI;
  const replaces = `${d.callId};to-tag=${d.remoteTag};from-tag=${d.localTag}`;
  return new BracketedUri(
    aor.scheme,
    aor.user ?? '',
    aor.host,
    aor.port,
    {},
    {
      Replaces: [encodeURIComponent(replaces)],
    },
  );
}

/** The status code of a message/sipfrag body ("SIP/2.0 200 OK"), or null. */
export function parseSipfrag(body: string | undefined): number | null {
  const m = /^\s*SIP\/2\.0\s+(\d{3})\b/i.exec(body ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * Sends the REFER and waits for the outcome the transferee reports in its NOTIFYs (RFC 3515):
 * resolves on a 2xx sipfrag, rejects with TRANSFER_FAILED on a refused REFER, a failed
 * sipfrag or no final answer in time. The call itself stays up on failure.
 */
export function referAndWait(entry: CallEntry, target: ReferTarget, timers: Timers): Promise<void> {
  if (entry.transfer) {
    return Promise.reject(
      new OzError('INVALID_STATE', 'A transfer of this call is already in progress', {
        callId: entry.id,
      }),
    );
  }
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const cancelTimer = timers.set(() => settle(false, 408, 'No answer'), TRANSFER_TIMEOUT_MS);
    const settle = (ok: boolean, code?: number, phrase?: string, error?: OzError) => {
      if (done) return;
      done = true;
      cancelTimer();
      entry.cleanups.delete(cancelTimer);
      if (entry.transfer === pending) entry.transfer = null;
      if (ok) {
        resolve();
        return;
      }
      const why = code !== undefined ? describeStatus(code, phrase) : 'no answer';
      reject(
        error ??
          new OzError('TRANSFER_FAILED', `The transfer to ${target.label} failed: ${why}`, {
            callId: entry.id,
            ...(code !== undefined ? { statusCode: code } : {}),
          }),
      );
    };
    const pending = { accepted: false, settle };
    entry.transfer = pending;
    entry.cleanups.add(cancelTimer);
    const referTo = 'uri' in target ? target.uri : replacesTarget(target.session);
    entry.session
      .refer(referTo, {
        requestDelegate: {
          onAccept: () => {
            pending.accepted = true;
          },
          onReject: (r) => {
            const { code, phrase } = statusOf(r);
            settle(false, code, phrase);
          },
        },
        onNotify: (notification) => {
          void notification.accept().catch(() => {});
          const code = parseSipfrag(notification.request.body);
          if (code === null || code < 200) return;
          if (code < 300) settle(true);
          else settle(false, code);
        },
      })
      .catch((err: unknown) =>
        settle(
          false,
          undefined,
          undefined,
          OzError.from(
            err,
            'TRANSFER_FAILED',
            `The transfer to ${target.label} could not be sent`,
            {
              callId: entry.id,
            },
          ),
        ),
      );
  });
}

import { Messager, type Core, type Session, type URI, type UserAgent } from 'sip.js';
import { OzError } from '../core/errors';
import { describeStatus, statusOf } from './status';

const TEXT = 'text/plain';

/** The text of an incoming MESSAGE, or null when it is not text (answered 415 then). */
export function messageText(request: Core.IncomingRequestMessage): string | null {
  const type = (request.getHeader('content-type') ?? TEXT).split(';')[0]?.trim().toLowerCase();
  if (!type?.startsWith('text/')) return null;
  return request.body ?? '';
}

function delegateFor(
  to: string,
  resolve: () => void,
  reject: (e: OzError) => void,
): Core.OutgoingRequestDelegate {
  return {
    onAccept: () => resolve(),
    onReject: (r) => {
      const { code, phrase } = statusOf(r);
      reject(
        new OzError(
          'MESSAGE_FAILED',
          `The message to ${to} was not delivered: ${describeStatus(code, phrase)}`,
          {
            statusCode: code,
          },
        ),
      );
    },
  };
}

/** MESSAGE inside the call's dialog; resolves when the peer accepted it. */
export function sendInDialog(session: Session, to: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    session
      .message({
        requestOptions: {
          body: { contentDisposition: 'render', contentType: TEXT, content: text },
        },
        requestDelegate: delegateFor(to, resolve, reject),
      })
      .catch((err: unknown) =>
        reject(OzError.from(err, 'MESSAGE_FAILED', `The message to ${to} could not be sent`)),
      );
  });
}

/** MESSAGE outside any dialog (RFC 3428), routed by the PBX to the user's registrations. */
export function sendOutOfDialog(ua: UserAgent, uri: URI, to: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    new Messager(ua, uri, text, TEXT)
      .message({ requestDelegate: delegateFor(to, resolve, reject) })
      .catch((err: unknown) =>
        reject(OzError.from(err, 'MESSAGE_FAILED', `The message to ${to} could not be sent`)),
      );
  });
}

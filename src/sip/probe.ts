import { UserAgent } from 'sip.js';
import type { Timers } from './timers';

/**
 * SIP.js never notices a server that goes silent without closing the socket (its CRLF
 * keep-alive has no timeout), so an OPTIONS goes to the domain every `intervalMs`; any answer
 * counts (even 404/405: the server is alive), no answer before the next one is due is a drop.
 * Returns the function that stops it.
 */
export function startProbe(
  ua: UserAgent,
  domain: string,
  intervalMs: number,
  timers: Timers,
  onSilent: () => void,
): { stop(): void; now(): void } {
  let stopped = false;
  let cancelNext: (() => void) | null = null;
  let cancelTimeout: (() => void) | null = null;
  const target = UserAgent.makeURI(`sip:${domain}`);

  const send = () => {
    cancelNext?.();
    cancelNext = null;
    if (stopped || !target || cancelTimeout) return;
    let answered = false;
    cancelTimeout = timers.set(() => {
      cancelTimeout = null;
      if (!answered && !stopped) {
        stopped = true;
        onSilent();
      }
    }, intervalMs);
    const done = () => {
      if (answered || stopped) return;
      answered = true;
      cancelTimeout?.();
      cancelTimeout = null;
      schedule();
    };
    try {
      const core = ua.userAgentCore;
      const message = core.makeOutgoingRequestMessage(
        'OPTIONS',
        target,
        ua.configuration.uri,
        target,
        {},
      );
      core.request(message, {
        onAccept: done,
        onReject: (r) => {
          // SIP.js turns a transport failure into a local 503 and a timeout into a 408, both
          // without headers: that is no answer from the server.
          if (r.message.hasHeader('via')) done();
        },
        onRedirect: done,
      });
    } catch {
      // Sending failed (transport gone): the timeout above reports the drop.
    }
  };
  const schedule = () => {
    if (!stopped) cancelNext = timers.set(send, intervalMs);
  };
  schedule();
  return {
    stop() {
      stopped = true;
      cancelNext?.();
      cancelTimeout?.();
      cancelNext = cancelTimeout = null;
    },
    now: send,
  };
}

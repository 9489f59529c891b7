import type { LogConnector, LogLevel } from 'sip.js';
import { createRedactingLogger, type LogSink, type Logger } from '../core/log';

export const LOG_CATEGORY = 'ozkit.sip';

export interface SipLogger extends Logger {
  /** SIP.js's logConnector: everything SIP.js logs, redacted before it reaches the app's sink. */
  readonly connector: LogConnector;
  readonly enabled: boolean;
  debug(message: string): void;
  warn(message: string): void;
}

/** `secrets()` returns the password while connected: it is cut out of every line, verbatim. */
export function createSipLogger(
  sink: LogSink | undefined,
  secrets: () => readonly string[],
): SipLogger {
  const inner = createRedactingLogger(sink, secrets);
  const log = (level: LogLevel, category: string, message: string) => {
    try {
      inner.log(level, category, message);
    } catch {
      // A throwing sink must not break SIP processing.
    }
  };
  return {
    enabled: sink !== undefined,
    log,
    connector: (level, category, label, content) =>
      log(level, label ? `${category} ${label}` : category, content),
    debug: (message) => log('debug', LOG_CATEGORY, message),
    warn: (message) => log('warn', LOG_CATEGORY, message),
  };
}

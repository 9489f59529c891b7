/** Log levels the kit uses; the app chooses the sink. */
export type LogLevel = 'debug' | 'log' | 'warn' | 'error';
export type LogSink = (level: LogLevel, category: string, message: string) => void;

const HEADER = /^((?:proxy-)?authorization|www-authenticate|proxy-authenticate)\s*:.*$/gim;
const DIGEST_PARAM = /\b(response|password|nonce|cnonce)\s*=\s*("[^"]*"|[^,\s]+)/gi;
const JSON_SECRET = /("(?:password|Password|secret|token)"\s*:\s*)"[^"]*"/g;

/**
 * Removes credentials from a log line: Authorization/Proxy-Authorization headers (and the
 * challenges), digest responses and password-like JSON fields. Applied to everything the SIP
 * stack logs before it reaches any sink.
 */
export function redact(text: string): string {
  return text
    .replace(HEADER, (_m, name: string) => `${name}: [redacted]`)
    .replace(DIGEST_PARAM, (_m, k: string) => `${k}=[redacted]`)
    .replace(JSON_SECRET, '$1"[redacted]"');
}

export interface Logger {
  log(level: LogLevel, category: string, message: string): void;
}

/** A logger that redacts first; `secrets` are exact strings (the password) never let through. */
export function createRedactingLogger(
  sink: LogSink | undefined,
  secrets: () => readonly string[],
): Logger {
  return {
    log(level, category, message) {
      if (!sink) return;
      let text = redact(message);
      for (const s of secrets()) if (s) text = text.split(s).join('[redacted]');
      sink(level, category, text);
    },
  };
}

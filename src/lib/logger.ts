import pino, { type Logger } from 'pino';

/** Personal fields never reach the logs, wherever they appear in a logged object. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.email',
  '*.phone',
  '*.name',
  '*.token',
  '*.idNumber',
  'email',
  'phone',
  'password',
  'token',
];

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'yinling', ...base },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type { Logger };

/** Query parameters that carry a credential (emailed single-use links) and must not reach the logs. */
const SECRET_PARAMS = /([?&](?:token|next)=)[^&#]*/g;

export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_PARAMS, '$1[redacted]');
}

/** What a request log line says about the request: no headers, no query values that are secrets. */
export function requestSummary(req: {
  id?: unknown;
  method?: string;
  url?: string;
  remoteAddress?: string;
  socket?: { remoteAddress?: string };
}) {
  return {
    id: req.id,
    method: req.method,
    url: redactUrl(req.url),
    remoteAddress: req.remoteAddress ?? req.socket?.remoteAddress,
  };
}

/**
 * The access log's serializers, given the raw request and response (pino-http's `wrapSerializers: false`):
 * the wrapped defaults would first copy every request and response header, on every request, for fields
 * the log line leaves out.
 */
export const accessLogSerializers = {
  req: requestSummary,
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
  err: pino.stdSerializers.err,
};

/** Typed errors thrown by services; one middleware turns them into HTTP answers. */
export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  readonly details?: ErrorDetail[] | Record<string, unknown>;

  constructor(
    code: string,
    httpStatus: number,
    message: string,
    options: { details?: AppError['details']; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.httpStatus = httpStatus;
    this.details = options.details;
  }
}

export class ValidationError extends AppError {
  constructor(message = 'The request is not valid.', details?: ErrorDetail[]) {
    super('VALIDATION_FAILED', 400, message, { details });
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in first.') {
    super('UNAUTHORIZED', 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You may not do this.') {
    super('FORBIDDEN', 403, message);
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Resource', message?: string) {
    super('NOT_FOUND', 404, message ?? `${what} not found.`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'CONFLICT', details?: AppError['details']) {
    super(code, 409, message, { details });
  }
}

export class TooManyRequestsError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = 'Too many attempts. Try again later.') {
    super('TOO_MANY_REQUESTS', 429, message, { details: { retryAfterSeconds } });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A dependency (Redis, the queue) is down for a moment; the answer carries Retry-After. */
export class ServiceUnavailableError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message = 'The service is temporarily unavailable.', cause?: unknown, retryAfterSeconds = 30) {
    super('SERVICE_UNAVAILABLE', 503, message, { cause });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The Retry-After (seconds) an error's answer carries: 429 and 503 say when to try again. */
export function retryAfterOf(error: AppError): number | undefined {
  return error instanceof TooManyRequestsError || error instanceof ServiceUnavailableError
    ? error.retryAfterSeconds
    : undefined;
}

import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { ZodError } from 'zod';
import { AppError, type ErrorDetail, retryAfterOf } from '../errors';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  code?: unknown;
  keyValue?: Record<string, unknown>;
}

function fromZod(err: ZodError): AppError {
  const details: ErrorDetail[] = err.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  return new AppError('VALIDATION_FAILED', 400, 'Some fields are not valid.', { details });
}

/** Maps anything thrown to an AppError; unknown errors become a 500 with no internals shown. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return fromZod(err);
  if (err instanceof mongoose.Error.CastError) {
    return new AppError('VALIDATION_FAILED', 400, 'Some fields are not valid.', {
      details: [{ path: err.path, message: `Invalid ${err.kind}` }],
    });
  }
  if (err instanceof mongoose.Error.ValidationError) {
    const details = Object.values(err.errors).map((e) => ({ path: e.path, message: e.message }));
    return new AppError('VALIDATION_FAILED', 400, 'Some fields are not valid.', { details });
  }
  if (err instanceof mongoose.Error.StrictModeError || err instanceof mongoose.Error.StrictPopulateError) {
    return new AppError('VALIDATION_FAILED', 400, err.message);
  }
  const e = (err ?? {}) as HttpishError;
  if (e.code === 11000) {
    const fields = Object.keys(e.keyValue ?? {});
    return new AppError('DUPLICATE', 409, 'A record with the same value already exists.', {
      details: fields.map((f) => ({ path: f, message: 'already taken' })),
    });
  }
  if (e.type === 'entity.parse.failed')
    return new AppError('MALFORMED_JSON', 400, 'The body is not valid JSON.');
  if (e.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', 413, 'The body is too large.');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    return new AppError('UNSUPPORTED_ENCODING', 415, 'The body encoding is not supported.');
  }
  const status = e.status ?? e.statusCode;
  if (status && status >= 400 && status < 500 && e.expose !== false) {
    return new AppError('BAD_REQUEST', status, (err as Error).message || 'Bad request.');
  }
  return new AppError('INTERNAL', 500, 'Something went wrong on our side.', { cause: err });
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = toAppError(err);
  if (appError.httpStatus >= 500) req.log?.error({ err }, 'request failed');
  else req.log?.info({ code: appError.code, status: appError.httpStatus }, 'request refused');
  if (res.headersSent) return;
  const retryAfter = retryAfterOf(appError);
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.details !== undefined) body.error.details = appError.details;
  if (typeof req.id === 'string') body.error.requestId = req.id;
  res.status(appError.httpStatus).json(body);
};

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', 404, `No route for ${req.method} ${req.path}.`));
};

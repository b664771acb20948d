import busboy from 'busboy';
import type { Request, RequestHandler, Response } from 'express';
import { AppError, type ErrorDetail, ValidationError } from '../errors';

/**
 * multipart/form-data bodies (file uploads), read with busboy as a stream: one file of at most
 * `maxFileBytes` is kept in memory; past that it is marked `truncated` and its bytes are dropped. Once the
 * body is larger than the file may be (plus `HEADROOM` for the other fields and the part headers),
 * parsing stops there: the fields read so far (a form sends `_csrf` first) and the truncated file are
 * what the caller gets, and the rest of the body is never parsed.
 */

export interface UploadedFile {
  field: string;
  /** The name as the client sent it (not yet made safe). */
  fileName: string;
  /** The part's Content-Type as declared by the client. */
  declaredType: string;
  /** The bytes; empty when truncated. */
  data: Buffer;
  /** The file was larger than allowed. */
  truncated: boolean;
}

export interface MultipartBody {
  fields: Record<string, string>;
  file?: UploadedFile;
  /** Parts that do not belong (a second file, a file under another name, an overlong field). */
  problems: ErrorDetail[];
}

export interface MultipartOptions {
  fileField: string;
  maxFileBytes: number;
}

const HEADROOM = 64 * 1024;
const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 4096;

export const isMultipart = (req: Request): boolean =>
  /^multipart\/form-data\b/i.test(req.get('content-type') ?? '');

/** Reads a multipart body; 415 when it is not one, 400 when it is malformed. */
export function readMultipart(req: Request, options: MultipartOptions): Promise<MultipartBody> {
  if (!isMultipart(req)) {
    return Promise.reject(
      new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Send the file as multipart/form-data.'),
    );
  }
  const { fileField, maxFileBytes } = options;
  const cap = maxFileBytes + HEADROOM;
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: {
          // busboy cuts a file off when it reaches the limit: one byte more tells "too large" from "just fits".
          fileSize: maxFileBytes + 1,
          files: 1,
          fields: MAX_FIELDS,
          fieldSize: MAX_FIELD_BYTES,
          parts: MAX_FIELDS + 1,
        },
      });
    } catch {
      reject(new ValidationError('The multipart body is not valid (no boundary).'));
      return;
    }
    const body: MultipartBody = { fields: {}, problems: [] };
    let chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (err?: AppError) => {
      if (settled) return;
      settled = true;
      req.off('data', count);
      if (err) reject(err);
      else resolve(body);
    };
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= cap) return;
      req.unpipe(parser);
      chunks = [];
      body.file = {
        field: fileField,
        fileName: '',
        declaredType: '',
        ...body.file,
        data: Buffer.alloc(0),
        truncated: true,
      };
      settle();
    };
    req.on('data', count);
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) body.problems.push({ path: `body.${name}`, message: 'too long' });
      else body.fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== fileField || body.file) {
        body.problems.push({ path: `body.${name}`, message: `send one file, named ${fileField}` });
        stream.resume();
        return;
      }
      const file: UploadedFile = {
        field: name,
        fileName: info.filename ?? '',
        declaredType: info.mimeType ?? '',
        data: Buffer.alloc(0),
        truncated: false,
      };
      body.file = file;
      stream.on('data', (chunk: Buffer) => {
        if (!file.truncated) chunks.push(chunk);
      });
      stream.on('limit', () => {
        file.truncated = true;
        chunks = [];
      });
      stream.on('end', () => {
        file.data = file.truncated ? Buffer.alloc(0) : Buffer.concat(chunks);
        chunks = [];
      });
    });
    parser.on('filesLimit', () =>
      body.problems.push({ path: `body.${fileField}`, message: 'send one file at a time' }),
    );
    parser.on('fieldsLimit', () => body.problems.push({ path: 'body', message: 'too many fields' }));
    parser.on('partsLimit', () => body.problems.push({ path: 'body', message: 'too many parts' }));
    parser.on('error', () => settle(new ValidationError('The multipart body is not valid.')));
    parser.on('close', () => settle());
    req.pipe(parser);
  });
}

/** The file of a read body, or 400 naming the field; parts that do not belong are a 400 as well. */
export function fileOf(body: MultipartBody, field: string): UploadedFile {
  if (body.problems.length > 0)
    throw new ValidationError('Some parts of the form are not valid.', body.problems);
  if (!body.file)
    throw new ValidationError('Choose a file.', [{ path: `body.${field}`, message: 'required' }]);
  return body.file;
}

/** Where a page's multipart form waits for its route (see pageMultipart). */
export const PAGE_UPLOAD = 'upload';
export type PageUpload = { body: MultipartBody } | { error: AppError };

/**
 * Pages: a signed-in visitor's multipart form is read before the CSRF check, so the check finds the
 * form's `_csrf` field in req.body as with any other form (the token travels the same way, and every
 * unsafe page request is still checked). The file, or why it could not be read, waits on
 * res.locals.upload for the route. Anonymous visitors' multipart bodies are not read.
 */
export function pageMultipart(options: MultipartOptions): RequestHandler {
  return async (req, res, next) => {
    if (req.method !== 'POST' || !res.locals.actor || !isMultipart(req)) return next();
    try {
      const body = await readMultipart(req, options);
      req.body = body.fields;
      res.locals[PAGE_UPLOAD] = { body } satisfies PageUpload;
    } catch (err) {
      if (!(err instanceof AppError)) return next(err);
      req.body = {};
      res.locals[PAGE_UPLOAD] = { error: err } satisfies PageUpload;
    }
    next();
  };
}

/**
 * A stored file, always as a download: never shown inline (a PDF or image opened in the site's origin
 * could run or mislead), its type as found from its bytes, and not kept by caches along the way.
 * The name goes in Content-Disposition with an ASCII fallback and RFC 5987 `filename*` (UTF-8).
 */
export function sendDownload(
  res: Response,
  file: { fileName: string; contentType: string; data: Buffer },
): void {
  res.attachment(file.fileName);
  res.set({
    'Content-Type': file.contentType,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  res.status(200).send(file.data);
}

import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { Express } from 'express';
import request from 'supertest';

type Ref = { $ref: string };
interface HeaderObject {
  required?: boolean;
  schema?: unknown;
}
interface ResponseObject {
  content?: Record<string, { schema: unknown }>;
  headers?: Record<string, HeaderObject | Ref>;
}
interface Operation {
  responses: Record<string, ResponseObject | Ref>;
  requestBody?: { content?: Record<string, { schema: unknown }> };
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
  security?: unknown[];
}
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas?: Record<string, unknown>; responses?: Record<string, ResponseObject> } & Record<
    string,
    unknown
  >;
}

/** One response as it went over the wire. */
export interface ObservedResponse {
  method: string;
  /** The concrete path, e.g. /api/v1/needs/65f…; the query string is ignored. */
  path: string;
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/**
 * Checks responses against an OpenAPI document (OpenAPI 3.1 schemas are JSON Schema 2020-12): the
 * operation must document the status, the body must match its schema (or be absent when it documents
 * none), and a documented required header (Retry-After) must be there and match its schema.
 */
export function createContract(doc: OpenApiDoc) {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'openapi', components: doc.components });
  const cache = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: unknown): ValidateFunction => {
    let validate = cache.get(key);
    if (!validate) {
      const rewritten = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'),
      );
      validate = ajv.compile(rewritten as object);
      cache.set(key, validate);
    }
    return validate;
  };
  const deref = <T>(value: T | Ref): T => {
    if (value && typeof value === 'object' && '$ref' in value && typeof value.$ref === 'string') {
      const parts = value.$ref.replace(/^#\//, '').split('/');
      let node: unknown = doc;
      for (const part of parts) node = (node as Record<string, unknown>)?.[part];
      if (node === undefined) throw new Error(`unresolved reference ${value.$ref}`);
      return deref(node as T | Ref);
    }
    return value as T;
  };

  // Literal paths first, then those with fewer parameters: /experts/me wins over /experts/{id}.
  const templates = Object.keys(doc.paths)
    .map((template) => ({
      template,
      params: (template.match(/\{/g) ?? []).length,
      regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}/?$`),
    }))
    .sort((a, b) => a.params - b.params);

  /** The documented path template a concrete path belongs to, if any. */
  function templateOf(path: string): string | undefined {
    return templates.find((t) => t.regex.test(path))?.template;
  }

  /** What is wrong with a response of a documented operation (empty when nothing is). */
  function problems(
    method: string,
    template: string,
    status: number,
    body: unknown,
    options: {
      headers?: ObservedResponse['headers'];
      bodyWhereNone?: 'refuse' | 'ignore';
      /** The response's Content-Type: a file of a documented media type (a download) is not JSON. */
      contentType?: string;
    } = {},
  ): string[] {
    const key = `${method.toUpperCase()} ${template} ${status}`;
    const operation = doc.paths[template]?.[method.toLowerCase()];
    if (!operation) return [`${method.toUpperCase()} ${template} is not in the OpenAPI document`];
    const documented = operation.responses[String(status)];
    if (!documented) return [`${key}: the status is not documented for this operation`];
    const response = deref(documented);
    const out: string[] = [];
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const spec = deref(header);
      const value = options.headers?.[name.toLowerCase()];
      if (value === undefined) {
        if (spec.required) out.push(`${key}: the documented header ${name} is missing`);
        continue;
      }
      if (spec.schema === undefined) continue;
      const text = String(value);
      const typed = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
      const validate = compile(`${key} header ${name}`, spec.schema);
      if (!validate(typed)) out.push(`${key}: header ${name}: ${text}: ${ajv.errorsText(validate.errors)}`);
    }
    const mediaType = options.contentType?.split(';')[0].trim().toLowerCase();
    if (mediaType && !isJson(mediaType) && response.content?.[mediaType]) return out;
    const schema = response.content?.['application/json']?.schema;
    if (schema === undefined) {
      if (body !== undefined && options.bodyWhereNone !== 'ignore')
        out.push(`${key}: a body was sent where the document describes none`);
      return out;
    }
    if (body === undefined) return [...out, `${key}: the document describes a JSON body, none was sent`];
    const validate = compile(key, schema);
    if (!validate(JSON.parse(JSON.stringify(body)))) {
      out.push(`${key}: the body does not match the document: ${ajv.errorsText(validate.errors)}`);
    }
    return out;
  }

  /** Checks one observed response; responses outside the documented paths and methods are not checked. */
  function check(observed: ObservedResponse): string[] {
    const method = observed.method.toLowerCase();
    if (!METHODS.has(method)) return [];
    const template = templateOf(observed.path);
    if (!template || !doc.paths[template][method]) return [];
    const contentType = observed.headers['content-type'];
    const options = { headers: observed.headers, contentType: contentType ? String(contentType) : undefined };
    return problems(method, template, observed.status, observed.body, options).map(
      (p) =>
        `${p}\n    first seen at ${observed.method.toUpperCase()} ${observed.path}: ${summarise(observed.body)}`,
    );
  }

  return { doc, templateOf, problems, check };
}

function summarise(body: unknown): string {
  const text = body === undefined ? 'no body' : JSON.stringify(body);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** The document the app serves, read over HTTP. */
export async function servedDocument(app: Express): Promise<OpenApiDoc> {
  return (await request(app).get('/openapi.json')).body as OpenApiDoc;
}

/**
 * Checks a response against the OpenAPI document the app serves: `documented(method, pathTemplate,
 * status, body)` throws when the operation does not document the status or the body does not match.
 */
export async function openApiContract(app: Express) {
  const contract = createContract(await servedDocument(app));
  return function expectDocumented(method: string, path: string, status: number, body: unknown): void {
    // supertest gives {} for an empty body, so an empty answer cannot be told apart here.
    const found = contract.problems(method, path, status, body, { bodyWhereNone: 'ignore' });
    if (found.length > 0) throw new Error(found.join('\n'));
  };
}

/** What a watched app's responses broke of the document so far. */
export interface ContractWatch {
  /** Every distinct violation seen, with the first request that showed it. */
  readonly violations: readonly string[];
  /** Returns the violations seen since the last call and forgets them. */
  take(): string[];
}

const isJson = (contentType: string | undefined) => /^application\/(.+\+)?json\b/i.test(contentType ?? '');

/**
 * Puts a middleware in front of the app (first in its router stack, so routes and the error handler
 * are all behind it) that captures every /api/v1 response — status, headers and JSON body — and checks
 * it against the document. Tests only: it buffers each body it sees.
 */
export function watchContract(app: Express, doc: OpenApiDoc): ContractWatch {
  const contract = createContract(doc);
  const seen = new Map<string, string>();
  let fresh: string[] = [];
  app.use(function contractWatch(req, res, next) {
    if (!req.originalUrl.startsWith('/api/v1/')) return next();
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : Buffer.from(chunk as Uint8Array),
      );
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: typeof res, ...args: unknown[]) {
      keep(args[0], args[1]);
      return (write as (...a: unknown[]) => boolean).apply(this, args);
    } as typeof res.write;
    res.end = function (this: typeof res, ...args: unknown[]) {
      keep(args[0], args[1]);
      return (end as (...a: unknown[]) => typeof res).apply(this, args);
    } as typeof res.end;
    res.on('finish', () => {
      const contentType = res.getHeader('content-type') as string | undefined;
      const raw = Buffer.concat(chunks);
      let body: unknown;
      const found: string[] = [];
      if (raw.length > 0 && req.method !== 'HEAD') {
        if (!isJson(contentType)) body = { nonJsonBody: contentType ?? 'no content type' };
        else {
          try {
            body = JSON.parse(raw.toString('utf8'));
          } catch {
            found.push(`${req.method} ${req.originalUrl} ${res.statusCode}: the body is not JSON`);
          }
        }
      }
      found.push(
        ...contract.check({
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          headers: res.getHeaders() as ObservedResponse['headers'],
          body,
        }),
      );
      for (const violation of found) {
        const key = violation.split('\n')[0];
        if (seen.has(key)) continue;
        seen.set(key, violation);
        fresh.push(violation);
      }
    });
    next();
  });
  // app.use appended the layer; move it in front of everything createApp mounted.
  const stack = (app as unknown as { router: { stack: unknown[] } }).router.stack;
  stack.unshift(stack.pop());
  return {
    get violations() {
      return [...seen.values()];
    },
    take() {
      const out = fresh;
      fresh = [];
      return out;
    },
  };
}

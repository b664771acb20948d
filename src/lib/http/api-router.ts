import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { type Request, type Response, Router } from 'express';
import { type ZodType, z } from 'zod';
import type { Actor, Role } from '../actor';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { type ErrorStatus, errorResponseRef, openApiRegistry } from '../openapi';
import { answerAbandoned, expensiveRoute } from './overload';
import { type RequestSchemas, validate, validated } from './validate';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Parsed<S extends RequestSchemas> = ReturnType<typeof validated<S>>;

export interface RouteSpec<S extends RequestSchemas> {
  method: Method;
  /** Express-style path relative to the router's base, e.g. '/:id/verify'. */
  path: string;
  summary: string;
  /** 'public': anyone; an array: only these roles. */
  access: 'public' | 'signed-in' | readonly Role[];
  request?: S;
  /**
   * A multipart/form-data body (file uploads), documented with this schema (a file is a string of
   * format binary); the handler reads the stream itself (http/files.ts), so it is not validated here.
   */
  multipart?: ZodType;
  /**
   * The success status and its body schema (omit the schema for an empty 204). `binary`: the media
   * types of a file the handler sends itself, instead of JSON.
   */
  success: {
    status: 200 | 201 | 202 | 204;
    schema?: ZodType;
    description?: string;
    binary?: readonly string[];
  };
  /**
   * The error statuses only this route's own logic answers (e.g. 404, 409, 410). The statuses every
   * route shares are added by the router where they can occur: 400, 401 and 503 everywhere; 403 on
   * routes with a role check or an unsafe method (CSRF); 413/415 with a body; 429 behind a limiter or
   * on an expensive route. Listing one of those here as well is harmless.
   */
  errors?: Array<404 | 409 | 410 | 413 | 415 | 429 | 503>;
  /**
   * A route whose work is heavy (candidate lists, reports, list searches): skipped when the client has
   * already gone, and limited to EXPENSIVE_MAX_PER_USER requests of one user at once (429).
   */
  expensive?: boolean;
  /**
   * The handler answers with a strong ETag, and 304 without a body when If-None-Match names it
   * (http/conditional.ts): the ETag header, the If-None-Match parameter and the 304 are documented.
   */
  conditional?: boolean;
  handler: (ctx: {
    req: Request;
    res: Response;
    input: Parsed<S>;
    actor: Actor;
  }) => Promise<unknown> | unknown;
}

export const toOpenApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

const UNSAFE_METHODS = new Set<Method>(['post', 'put', 'patch', 'delete']);

/** What the router stack of Express 5 holds (the router package's Layer). */
interface StackLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): unknown;
}

type RouteShape = Pick<
  RouteSpec<RequestSchemas>,
  'method' | 'path' | 'access' | 'request' | 'multipart' | 'errors' | 'expensive'
>;

/** The error statuses a route can answer, in order: its own and those the app answers around it. */
function errorStatuses(spec: RouteShape, limited: boolean): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>([400, 401, 503, ...(spec.errors ?? [])]);
  // A bearer token that is not valid is refused before any route, public or not (authenticate).
  // 403: the role check, or a cookie session's unsafe request without its CSRF token (csrfProtection).
  if (spec.access !== 'public' || UNSAFE_METHODS.has(spec.method)) statuses.add(403);
  if (spec.request?.body || spec.multipart) {
    statuses.add(413);
    statuses.add(415);
  }
  if (limited || spec.expensive) statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
}

const ETagHeader = {
  description:
    'A strong entity tag of this answer (always sent); send it back in If-None-Match to be told "not modified"',
  schema: { type: 'string' as const },
};

/** What a conditional route adds to its document: If-None-Match, the ETag of its answer, and 304. */
function conditionalResponses(
  request: NonNullable<RouteConfig['request']>,
  responses: Record<string, ResponseConfig | { $ref: string }>,
  success: number,
): void {
  request.headers = z.object({
    'if-none-match': z.string().optional().openapi({
      description: 'The ETag of an answer already held: 304 without a body while it is still current',
    }),
  });
  const ok = responses[success] as ResponseConfig;
  responses[success] = { ...ok, headers: { ...ok.headers, ETag: ETagHeader } };
  responses[304] = {
    description: 'Not modified: the answer whose ETag was sent in If-None-Match is still current',
    headers: { ETag: ETagHeader },
  };
}

/** The actor of a request, or 401. */
export function actorOf(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new UnauthorizedError();
  return actor;
}

function authorise(res: Response, access: RouteSpec<RequestSchemas>['access']): Actor | undefined {
  if (access === 'public') return res.locals.actor as Actor | undefined;
  const actor = actorOf(res);
  if (access !== 'signed-in' && !access.includes(actor.role)) throw new ForbiddenError();
  return actor;
}

/**
 * A router whose every route is validated by its zod schemas and registered in the OpenAPI
 * document with the same schemas, so the contract cannot drift from the code.
 */
export function createApiRouter(basePath: string, tag: string) {
  const router = Router();
  const ownLayers = new Set<unknown>();

  function route<S extends RequestSchemas>(spec: RouteSpec<S>): void {
    const request: RouteConfig['request'] = {};
    // The registry wants object schemas here; validate() accepts any zod type for the same parts.
    if (spec.request?.params) request.params = spec.request.params as never;
    if (spec.request?.query) request.query = spec.request.query as never;
    if (spec.request?.body) {
      request.body = { content: { 'application/json': { schema: spec.request.body } }, required: true };
    }
    if (spec.multipart) {
      request.body = { content: { 'multipart/form-data': { schema: spec.multipart } }, required: true };
    }
    const binary = { type: 'string', format: 'binary' } as const;
    const responses: Record<string, ResponseConfig | { $ref: string }> = {
      [spec.success.status]: spec.success.binary
        ? {
            description: spec.success.description ?? 'A file',
            content: Object.fromEntries(spec.success.binary.map((type) => [type, { schema: binary }])),
          }
        : spec.success.schema
          ? {
              description: spec.success.description ?? 'OK',
              content: { 'application/json': { schema: spec.success.schema } },
            }
          : { description: spec.success.description ?? 'No content' },
    };
    if (spec.conditional) conditionalResponses(request, responses, spec.success.status);
    for (const status of errorStatuses(spec, limited(spec))) responses[status] = errorResponseRef(status);
    openApiRegistry.registerPath({
      method: spec.method,
      path: toOpenApiPath(`/api/v1${basePath}${spec.path === '/' ? '' : spec.path}`),
      summary: spec.summary,
      tags: [tag],
      security: spec.access === 'public' ? [] : [{ bearerAuth: [] }, { cookieAuth: [] }],
      request,
      responses,
    });

    const schemas = (spec.request ?? {}) as S;
    // Access is checked before input, so a caller without rights learns nothing about the shape.
    const guard = (_req: Request, res: Response, next: (err?: unknown) => void) => {
      authorise(res, spec.access);
      next();
    };
    const before = router.stack.length;
    const gates = spec.expensive ? [expensiveRoute] : [];
    router[spec.method](spec.path, guard, validate(schemas), ...gates, async (req, res) => {
      const actor = res.locals.actor as Actor;
      const result = await spec.handler({ req, res, input: validated(res, schemas), actor });
      // Serialising a large answer for a client that has left is work for nobody.
      if (res.headersSent || answerAbandoned(req, res)) return;
      if (spec.success.status === 204 || result === undefined) res.status(spec.success.status).end();
      else res.status(spec.success.status).json(result);
    });
    for (const layer of router.stack.slice(before)) ownLayers.add(layer);
  }

  /**
   * Whether a feature mounted middleware of its own in front of this route (router.use or a route of the
   * same method and path added before it): today those are the rate limiters of sign-in, password reset
   * and sign-up, which answer 429 (and 503 when Redis is down).
   */
  function limited(spec: RouteShape): boolean {
    const sample = spec.path.replace(/:\w+/g, 'x');
    return (router.stack as unknown as StackLayer[]).some(
      (layer) =>
        !ownLayers.has(layer) &&
        (!layer.route || layer.route.methods[spec.method] === true) &&
        Boolean(layer.match(sample)),
    );
  }

  return { router, route, basePath };
}

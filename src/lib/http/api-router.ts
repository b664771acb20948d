import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { type Request, type Response, Router } from 'express';
import type { ZodType } from 'zod';
import type { Actor, Role } from '../actor';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { ErrorResponseSchema, openApiRegistry } from '../openapi';
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
  /** The success status and its body schema (omit the schema for an empty 204). */
  success: { status: 200 | 201 | 202 | 204; schema?: ZodType; description?: string };
  /** Which error statuses this route can answer besides 400/401/403 (e.g. 404, 409, 429). */
  errors?: Array<404 | 409 | 413 | 429 | 503>;
  handler: (ctx: {
    req: Request;
    res: Response;
    input: Parsed<S>;
    actor: Actor;
  }) => Promise<unknown> | unknown;
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input (the fields at fault are in error.details)',
  401: 'Not signed in, or the token is not valid',
  403: 'Signed in, but this role may not do this (or the CSRF token is missing)',
  404: 'Not found (or not visible to you)',
  409: 'Conflicts with the current state; nothing was changed',
  413: 'Body too large',
  429: 'Too many attempts; see Retry-After',
  503: 'A dependency is unavailable',
};

export const toOpenApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

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

  function route<S extends RequestSchemas>(spec: RouteSpec<S>): void {
    const request: RouteConfig['request'] = {};
    // The registry wants object schemas here; validate() accepts any zod type for the same parts.
    if (spec.request?.params) request.params = spec.request.params as never;
    if (spec.request?.query) request.query = spec.request.query as never;
    if (spec.request?.body) {
      request.body = { content: { 'application/json': { schema: spec.request.body } }, required: true };
    }
    const responses: Record<string, ResponseConfig> = {
      [spec.success.status]: spec.success.schema
        ? {
            description: spec.success.description ?? 'OK',
            content: { 'application/json': { schema: spec.success.schema } },
          }
        : { description: spec.success.description ?? 'No content' },
    };
    const errorStatuses = [400, ...(spec.access === 'public' ? [] : [401, 403]), ...(spec.errors ?? [])];
    for (const status of errorStatuses) {
      responses[status] = {
        description: ERROR_TEXT[status] ?? 'Error',
        content: { 'application/json': { schema: ErrorResponseSchema } },
      };
    }
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
    router[spec.method](spec.path, guard, validate(schemas), async (req, res) => {
      const actor = res.locals.actor as Actor;
      const result = await spec.handler({ req, res, input: validated(res, schemas), actor });
      if (res.headersSent) return;
      if (spec.success.status === 204 || result === undefined) res.status(spec.success.status).end();
      else res.status(spec.success.status).json(result);
    });
  }

  return { router, route, basePath };
}

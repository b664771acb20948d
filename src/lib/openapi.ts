import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

/** Every /api/v1 route registers itself here beside its handler (see http/api-router.ts). */
export const openApiRegistry = new OpenAPIRegistry();

export const ErrorResponseSchema = openApiRegistry.register(
  'ErrorResponse',
  z.object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  }),
);

openApiRegistry.registerComponent('securitySchemes', 'bearerAuth', {
  type: 'http',
  scheme: 'bearer',
  description: 'An opaque API token from POST /api/v1/auth/login with `token` or POST /api/v1/auth/tokens',
});
openApiRegistry.registerComponent('securitySchemes', 'cookieAuth', {
  type: 'apiKey',
  in: 'cookie',
  name: 'yl.sid',
  description: 'Browser session; unsafe requests also need the X-CSRF-Token header',
});

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } };

const RETRY_AFTER_SCHEMA = { type: 'integer', minimum: 0 } as const;
openApiRegistry.registerComponent('headers', 'RetryAfter', {
  description: 'Seconds to wait before trying again',
  required: true,
  schema: RETRY_AFTER_SCHEMA,
});
const retryAfter = { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } };

/**
 * The error answers every route shares, as response components: the API router refers to them from
 * each operation where they can occur (see http/api-router.ts), so no route repeats them.
 */
const ERROR_RESPONSES = {
  400: ['BadRequest', 'Invalid input (the fields at fault are in error.details), or a body that is not JSON'],
  401: ['Unauthorized', 'Not signed in, or the bearer token is malformed, not valid, expired or revoked'],
  403: [
    'Forbidden',
    'Signed in, but this role may not do this; or a cookie session sent an unsafe request without its X-CSRF-Token',
  ],
  404: ['NotFound', 'Not found (or not visible to you)'],
  409: ['Conflict', 'Conflicts with the current state; nothing was changed'],
  410: ['Gone', 'The emailed link has expired'],
  413: ['PayloadTooLarge', 'The body is larger than the server accepts'],
  415: ['UnsupportedMediaType', 'The body has a charset or content encoding the server does not read'],
  429: [
    'TooManyRequests',
    'Too many attempts, or too many expensive requests of yours at once; try again after Retry-After seconds',
  ],
  503: [
    'ServiceUnavailable',
    'The server is busy (overloaded), or a dependency (database, Redis, the queue) is unavailable for a moment; try again after Retry-After seconds',
  ],
} as const;
export type ErrorStatus = keyof typeof ERROR_RESPONSES;

for (const [status, [name, description]] of Object.entries(ERROR_RESPONSES)) {
  const headers = status === '429' || status === '503' ? retryAfter : undefined;
  openApiRegistry.registerComponent('responses', name, {
    description,
    ...(headers && { headers }),
    content: errorContent,
  });
}

/** A reference to the shared response of an error status. */
export const errorResponseRef = (status: ErrorStatus) => ({
  $ref: `#/components/responses/${ERROR_RESPONSES[status][0]}`,
});

let cached: ReturnType<OpenApiGeneratorV31['generateDocument']> | undefined;

export function buildOpenApiDocument(publicUrl: string) {
  cached ??= new OpenApiGeneratorV31(openApiRegistry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Yinling 银龄 API',
      version: '1.0.0',
      description:
        'Matching retired senior experts with employers across the Chongqing–Hubei–Hunan–Guizhou border region.',
    },
    servers: [{ url: publicUrl }],
  });
  return cached;
}

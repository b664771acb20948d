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

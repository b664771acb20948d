import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { Context } from '../../context';
import { buildOpenApiDocument } from '../../lib/openapi';

/** The OpenAPI 3.1 document generated from the zod schemas, and Swagger UI served from local assets. */
export function docsRouter(ctx: Context): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(buildOpenApiDocument(ctx.config.http.publicUrl));
  });
  router.use(
    '/docs',
    swaggerUi.serveFiles(undefined, { swaggerUrl: '/openapi.json' }),
    swaggerUi.setup(undefined, {
      swaggerUrl: '/openapi.json',
      customSiteTitle: 'Yinling 银龄 API',
      swaggerOptions: { url: '/openapi.json' },
    }),
  );
  return router;
}

import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { Context } from '../../context';
import { buildOpenApiDocument } from '../../lib/openapi';

/**
 * Swagger UI's "Try it out" runs in the browser with the page's cookies, so a signed-in person's POST
 * is a cookie-session request, and the CSRF check wants the session's token in X-CSRF-Token, which
 * Swagger UI does not know. Before an unsafe request without a bearer token, this asks
 * GET /api/v1/auth/session for the token — a same-origin read that another site cannot make — and
 * sends it along. Nothing is exempted from the check.
 *
 * It runs in the browser: swagger-ui-express writes functions of the options into swagger-ui-init.js by
 * their source text, so the body is plain ES5 in a string rather than compiled (and instrumented) code.
 */
const ADD_CSRF_TOKEN = `
  var method = String(request.method || 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return request;
  var headers = request.headers || (request.headers = {});
  for (var name in headers) {
    var lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'x-csrf-token') return request;
  }
  return fetch('/api/v1/auth/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (res) { return res.ok ? res.json() : null; })
    .then(function (session) {
      if (session && session.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
      return request;
    })
    .catch(function () { return request; });
`;
const addCsrfToken = new Function('request', ADD_CSRF_TOKEN);

/** The OpenAPI 3.1 document generated from the zod schemas, and Swagger UI served from local assets. */
export function docsRouter(ctx: Context): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(buildOpenApiDocument(ctx.config.http.publicUrl));
  });
  // serveFiles writes swagger-ui-init.js from these options, setup the page
  const options = {
    swaggerUrl: '/openapi.json',
    customSiteTitle: 'Yinling 银龄 API',
    swaggerOptions: { url: '/openapi.json', requestInterceptor: addCsrfToken },
  };
  router.use('/docs', swaggerUi.serveFiles(undefined, options), swaggerUi.setup(undefined, options));
  return router;
}

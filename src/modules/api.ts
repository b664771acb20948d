import { Router } from 'express';
import type { AppContext } from '../lib/context';
import { authRoutes } from './accounts/auth.routes';

/** Every feature's /api/v1 router, mounted at its base path. */
export function apiRouter(ctx: AppContext): Router {
  const api = Router();
  for (const feature of [authRoutes(ctx)]) {
    api.use(feature.basePath, feature.router);
  }
  return api;
}

import { Router } from 'express';
import type { AppContext } from '../lib/context';
import { adminRoutes } from './accounts/admin.routes';
import { authRoutes } from './accounts/auth.routes';
import { auditRoutes } from './audit/audit.routes';
import { regionsRoutes } from './regions/regions.routes';

/** Every feature's /api/v1 router, mounted at its base path. */
export function apiRouter(ctx: AppContext): Router {
  const api = Router();
  for (const feature of [authRoutes(ctx), adminRoutes(), auditRoutes(), regionsRoutes()]) {
    api.use(feature.basePath, feature.router);
  }
  return api;
}

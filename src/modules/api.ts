import { Router } from 'express';
import type { Context } from '../context';
import { adminRoutes } from './accounts/admin.routes';
import { authRoutes } from './accounts/auth.routes';
import { apartmentRoutes } from './apartments/apartments.routes';
import { auditRoutes } from './audit/audit.routes';
import { callsRoutes, myCallApplicationsRoutes } from './calls/calls.routes';
import { emailRoutes } from './email/email.routes';
import { expertsRoutes } from './experts/experts.routes';
import { liaisonRoutes } from './liaisons/liaison.routes';
import { matchesRoutes } from './matches/matches.routes';
import { meRoutes } from './me/me.routes';
import { needRoutes } from './needs/need.routes';
import { organisationRoutes } from './organisations/organisation.routes';
import { quotaRoutes } from './organisations/quota.routes';
import { interestRoutes } from './ranking/interest.routes';
import { matchingRoutes } from './ranking/ranking.routes';
import { recommendedNeedsRoutes } from './ranking/recommended-needs.routes';
import { regionsRoutes } from './regions/regions.routes';
import { reportsRoutes } from './reports/reports.routes';
import { countOpenRequests } from './services/open-requests.service';
import { serviceRequestRoutes, servicesRoutes } from './services/services.routes';
import { taxonomyRoutes } from './taxonomy/taxonomy.routes';

/** Every feature's /api/v1 router, mounted at its base path. */
export function apiRouter(ctx: Context): Router {
  const api = Router();
  // biome-ignore format: one feature per line, so adding one is a one-line change
  const features = [
    authRoutes(ctx),
    adminRoutes(ctx),
    auditRoutes(),
    regionsRoutes(),
    taxonomyRoutes(),
    organisationRoutes(ctx),
    quotaRoutes(ctx),
    needRoutes(ctx),
    expertsRoutes(ctx),
    meRoutes(ctx),
    emailRoutes(),
    ...matchingRoutes(ctx),
    recommendedNeedsRoutes(ctx),
    ...interestRoutes(ctx),
    ...matchesRoutes(ctx),
    reportsRoutes(),
    servicesRoutes(),
    serviceRequestRoutes(ctx),
    apartmentRoutes(ctx),
    liaisonRoutes(ctx, countOpenRequests),
    callsRoutes(ctx),
    myCallApplicationsRoutes(),
  ];
  for (const feature of features) api.use(feature.basePath, feature.router);
  return api;
}

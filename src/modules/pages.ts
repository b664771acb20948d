import { type Express, Router } from 'express';
import type { Context } from '../context';
import { pageMultipart } from '../lib/http/files';
import {
  configureViews,
  languageLocals,
  languageSwitch,
  pageAssets,
  pageErrorHandler,
  pageNotFound,
  skipApi,
  textSizeSwitch,
  userLocals,
} from '../lib/http/pages';
import { accountEmailPages } from './accounts/account-emails.pages';
import { authPages } from './accounts/auth.pages';
import { currentUser } from './accounts/auth.service';
import { authenticate } from './accounts/authenticate.middleware';
import { pageCsrfProtection, sessionMiddleware } from './accounts/session.middleware';
import { staffAdminPages } from './accounts/staff.pages';
import { apartmentPages } from './apartments/apartments.pages';
import { auditPages } from './audit/audit.pages';
import { callPages } from './calls/calls.pages';
import { digestPages } from './digests/digests.pages';
import { assistedRegistrationPages } from './experts/assisted-registration.pages';
import { coordinatorExpertPages } from './experts/coordinator-expert.pages';
import { expertOfferPages } from './experts/expert-offers.pages';
import { expertPages } from './experts/experts.pages';
import { expertListPages } from './experts/experts-list.pages';
import { coordinatorDashboardPages } from './home/coordinator-dashboard.pages';
import { homePages } from './home/home.pages';
import { referenceHelpers } from './home/reference-helpers';
import { liaisonPages } from './liaisons/liaison.pages';
import { matchPages } from './matches/matches.pages';
import { offerLinkPages } from './matches/offer-link.pages';
import { personalDataPages } from './me/me.pages';
import { needPages } from './needs/need.pages';
import { needListPages } from './needs/needs-list.pages';
import { organisationPages } from './organisations/organisation.pages';
import { organisationListPages } from './organisations/organisations-list.pages';
import { quotaPages } from './organisations/quota.pages';
import { quotaAdminPages } from './organisations/quota-admin.pages';
import { batchPages } from './ranking/batch.pages';
import { coordinatorNeedPages } from './ranking/coordinator-needs.pages';
import { recommendedNeedPages } from './ranking/recommended-needs.pages';
import { travelTimePages } from './regions/travel-times.pages';
import { reportsPages } from './reports/reports.pages';
import { catalogueAdminPages } from './services/catalogue.pages';
import { countOpenRequests } from './services/open-requests.service';
import { servicePages } from './services/services.pages';
import { MAX_ATTACHMENT_BYTES } from './services/services.schemas';

/**
 * The server-rendered pages at `/` (the JSON API stays under /api/v1): the view engine, the assets,
 * and every feature's page router, behind the cookie session, authentication and CSRF protection.
 * Conventions for page authors: the comment at the top of src/lib/http/pages.ts.
 */
export function mountPages(app: Express, ctx: Context): void {
  configureViews(app, ctx.config, referenceHelpers);
  app.use('/assets', pageAssets());

  const pages = Router();
  // A multipart form (a file upload) is read before the CSRF check, which then finds its _csrf field.
  const uploads = pageMultipart({ fileField: 'file', maxFileBytes: MAX_ATTACHMENT_BYTES });
  pages.use(skipApi, languageLocals, sessionMiddleware(ctx), authenticate(ctx), uploads, pageCsrfProtection);
  pages.use(userLocals(currentUser));
  pages.get('/lang', languageSwitch(ctx.config.auth.cookieSecure));
  pages.get('/text-size', textSizeSwitch(ctx.config.auth.cookieSecure));
  // biome-ignore format: one feature per line, so adding one is a one-line change
  const features = [
    homePages(),
    authPages(ctx),
    accountEmailPages(ctx),
    expertPages(ctx),
    expertOfferPages(ctx),
    recommendedNeedPages(ctx),
    organisationPages(ctx),
    quotaPages(ctx),
    needPages(ctx),
    callPages(ctx),
    personalDataPages(ctx),
    offerLinkPages(ctx),
    digestPages(ctx),
    coordinatorDashboardPages(ctx),
    coordinatorNeedPages(ctx),
    assistedRegistrationPages(ctx),
    coordinatorExpertPages(ctx),
    batchPages(ctx),
    matchPages(ctx),
    expertListPages(),
    needListPages(),
    organisationListPages(),
    reportsPages(),
    travelTimePages(),
    auditPages(),
    liaisonPages(ctx, countOpenRequests),
    apartmentPages(ctx),
    servicePages(ctx),
    catalogueAdminPages(),
    staffAdminPages(ctx),
    quotaAdminPages(),
  ];
  for (const feature of features) pages.use(feature);
  pages.use(pageNotFound, pageErrorHandler);
  app.use(pages);
}

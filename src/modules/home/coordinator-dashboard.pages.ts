import { type Response, Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../context';
import type { FieldErrors } from '../../lib/http/page-forms';
import { submitForm } from '../../lib/http/page-forms';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { IdParams } from '../../lib/schemas';
import { RejectOrganisationBody } from '../organisations/organisation.schemas';
import { rejectOrganisation, verifyOrganisation } from '../organisations/verification.service';
import { coordinatorOverview } from './coordinator-overview.service';

async function renderDashboard(res: Response, errors?: FieldErrors, values: Record<string, unknown> = {}) {
  const overview = await coordinatorOverview(pageActor(res));
  res.status(errors ? 400 : 200).render('coordinator/dashboard', {
    titleKey: 'coordinator.title',
    ...overview,
    errors,
    values,
  });
}

/** Errors of one row's form, keyed so they sit beside that row's field ("orgReject.<id>.reason"). */
export function rowErrors(prefix: string, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      field === '_form' ? field : `${prefix}.${field}`,
      message,
    ]),
  );
}

/** The coordinator's start page, and verifying or rejecting the organisations listed on it. */
export function coordinatorDashboardPages(ctx: Context): Router {
  const router = Router();
  router.use('/coordinator', requireRole('coordinator', 'admin'));

  router.get('/coordinator', async (_req, res) => {
    await renderDashboard(res);
  });

  router.post('/coordinator/organisations/:id/verify', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const done = await submitForm(z.object({}), {}, pageT(res), () =>
      verifyOrganisation(ctx, pageActor(res), id),
    );
    if (!done.ok) return renderDashboard(res, done.errors);
    res.redirect(303, '/coordinator?done=orgVerified');
  });

  router.post('/coordinator/organisations/:id/reject', async (req, res) => {
    const { id } = IdParams.parse(req.params);
    const input = { reason: typeof req.body.reason === 'string' ? req.body.reason : '' };
    const done = await submitForm(RejectOrganisationBody, input, pageT(res), (valid) =>
      rejectOrganisation(ctx, pageActor(res), id, valid.reason),
    );
    if (!done.ok) {
      return renderDashboard(res, rowErrors(`orgReject.${id}`, done.errors), {
        [`orgReject.${id}.reason`]: input.reason,
      });
    }
    res.redirect(303, '/coordinator?done=orgRejected');
  });

  return router;
}

import { Router } from 'express';
import { readListPage } from '../../lib/http/list-pages';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { getOrganisationRecords } from '../organisations/organisation-records.service';
import { NEED_STATUSES } from './need.model';
import { ListNeedsQuery, NEED_SORTS, type NeedView } from './need.schemas';
import { listNeeds } from './need.service';

const PATH = '/coordinator/needs';

/** The coordinators' list of needs in every status: title, employer, county, field, status, sort, pages. */
export function needListPages(): Router {
  const router = Router();
  router.get(PATH, requireRole('coordinator', 'admin'), async (req, res) => {
    const actor = pageActor(res);
    const list = await readListPage(PATH, req, pageT(res), ListNeedsQuery, (q) => listNeeds(actor, q));
    // Staff get the full view of each need; the employer's name is shown beside it.
    const needs = (list.result?.items ?? []) as NeedView[];
    const orgs = await getOrganisationRecords([...new Set(needs.map((n) => n.organisationId))]);
    const nameOf = new Map(orgs.map((o) => [String(o._id), o.name]));
    res.status(list.status).render('coordinator/needs', {
      titleKey: 'needList.title',
      ...list,
      rows: needs.map((n) => ({ ...n, organisationName: nameOf.get(n.organisationId) ?? '—' })),
      statuses: NEED_STATUSES,
      sorts: NEED_SORTS,
      sort: list.values.sort ?? '-createdAt',
    });
  });
  return router;
}

import { Router } from 'express';
import { listUrl, readListPage } from '../../lib/http/list-pages';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { ORGANISATION_STATUSES, ORGANISATION_TYPES } from './organisation.model';
import { ListOrganisationsQuery, ORGANISATION_SORTS } from './organisation.schemas';
import { listOrganisations } from './organisation.service';

const PATH = '/coordinator/organisations';

/** The coordinators' list of organisations: name or credit code, status, type, county, sort, pages. */
export function organisationListPages(): Router {
  const router = Router();
  router.get(PATH, requireRole('coordinator', 'admin'), async (req, res) => {
    const actor = pageActor(res);
    const list = await readListPage(PATH, req, pageT(res), ListOrganisationsQuery, (q) =>
      listOrganisations(actor, q),
    );
    res.status(list.status).render('coordinator/organisations', {
      titleKey: 'orgList.title',
      ...list,
      rows: (list.result?.items ?? []).map((o) => ({
        ...o,
        needsUrl: listUrl('/coordinator/needs', { employer: o.name }),
        matchesUrl: listUrl('/coordinator/matches', { organisationId: o.id }),
      })),
      statuses: ORGANISATION_STATUSES,
      types: ORGANISATION_TYPES,
      sorts: ORGANISATION_SORTS,
      sort: list.values.sort ?? '-createdAt',
    });
  });
  return router;
}

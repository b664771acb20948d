import { Router } from 'express';
import { readListPage } from '../../lib/http/list-pages';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { EXPERT_STATUSES, TITLE_LEVELS } from './expert-levels';
import { ListExpertsQuery } from './experts.schemas';
import { listExperts } from './experts-query';

const PATH = '/coordinator/experts';
/** The sorts in the order the form offers them: the default (latest change) first. */
const SORT_CHOICES = [
  '-updatedAt',
  'name',
  '-name',
  '-createdAt',
  'createdAt',
  '-yearsOfExperience',
] as const;

/** The coordinators' list of experts: search by name or pinyin, filters, sort, pages; the URL holds it all. */
export function expertListPages(): Router {
  const router = Router();
  router.get(PATH, requireRole('coordinator', 'admin'), async (req, res) => {
    const actor = pageActor(res);
    const list = await readListPage(PATH, req, pageT(res), ListExpertsQuery, (q) => listExperts(actor, q));
    res.status(list.status).render('coordinator/experts', {
      titleKey: 'expertList.title',
      ...list,
      statuses: EXPERT_STATUSES,
      titleLevels: TITLE_LEVELS,
      sorts: SORT_CHOICES,
      sort: list.values.sort ?? '-updatedAt',
    });
  });
  return router;
}

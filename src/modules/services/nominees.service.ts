import type { Actor } from '../../lib/actor';
import { NotFoundError } from '../../lib/errors';
import { expertLabels } from '../experts/expert-records.service';
import { getLedger } from '../organisations/quota.service';

export interface Nominee {
  expertId: string;
  name: string;
}

/** The key talents the employer's organisation has on its exclusive track this year, for whom it may file. */
export async function nomineesOf(actor: Actor): Promise<Nominee[]> {
  if (actor.role !== 'employer' || !actor.organisationId) return [];
  const ledger = await getLedger(actor, actor.organisationId);
  const ids = ledger.activeNominations
    .filter((n) => n.kind === 'exclusive_expert' && n.expertId)
    .map((n) => n.expertId as string);
  const labels = await expertLabels(ids);
  return ids.map((expertId) => ({ expertId, name: labels.get(expertId)?.name ?? '' }));
}

/** One of the employer's nominees, or 404 (another organisation's expert does not exist for it). */
export async function nomineeOf(actor: Actor, expertId: string): Promise<Nominee> {
  const found = (await nomineesOf(actor)).find((n) => n.expertId === expertId);
  if (!found) throw new NotFoundError('Expert');
  return found;
}

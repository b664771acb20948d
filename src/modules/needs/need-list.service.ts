import type { Context } from '../../context';
import { type Actor, isStaff } from '../../lib/actor';
import { strongEtag } from '../../lib/http/conditional';
import type { ListNeedsQuery } from './need.schemas';
import { listNeeds } from './need.service';

/**
 * Who shares a page of the list: every staff member sees the same, an employer its organisation's.
 * Experts' pages name organisations (kept apart from needs) and a search by organisation name reads
 * organisations too, so neither is cached; nor is a filter the actor may not use (its 400 comes first).
 */
function audienceOf(actor: Actor, query: ListNeedsQuery): string | undefined {
  if (query.employer !== undefined) return undefined;
  if (isStaff(actor)) return 'staff';
  if (actor.role === 'employer' && actor.organisationId && query.organisationId === undefined) {
    return `organisation:${actor.organisationId}`;
  }
  return undefined;
}

/** The query's values in a fixed order, so that the same list is one key however the URL was written. */
const keyOf = (query: ListNeedsQuery): string =>
  JSON.stringify(Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * One page of the need list for the API: its ETag at once, its JSON when asked (none for a request
 * whose If-None-Match names the ETag). Staff's and employers' pages come from the process's cache
 * (ctx.needLists) while the needs' change token stands — one Redis read per request instead of the
 * page's query, count and views; the others are read every time, their ETag the digest of the answer.
 */
export async function needListPage(
  ctx: Context,
  actor: Actor,
  query: ListNeedsQuery,
): Promise<{ etag: string; json(): Promise<string> }> {
  const audience = audienceOf(actor, query);
  const version = audience === undefined ? undefined : await ctx.changes.read('needs');
  if (audience === undefined || version === undefined) {
    const json = JSON.stringify(await listNeeds(actor, query));
    return { etag: strongEtag(json), json: async () => json };
  }
  const key = `${audience}|${keyOf(query)}`;
  return {
    etag: strongEtag(`${key}|${version}`),
    json: () => ctx.needLists.page(key, version, async () => JSON.stringify(await listNeeds(actor, query))),
  };
}

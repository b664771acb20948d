import type { Context } from '../../context';
import { type Actor, isStaff } from '../../lib/actor';
import type { ChangeTopic } from '../../lib/change-tokens';
import { strongEtag } from '../../lib/http/conditional';
import type { ListNeedsQuery } from './need.schemas';
import { listNeeds } from './need.service';

/**
 * Who shares a page of the list, and what it is read from: every staff member sees the same, an employer
 * its organisation's, every expert the same board (it names organisations and shows only verified ones'
 * needs, so it is kept against the organisations too). Not cached: a search by organisation name (it
 * reads organisations to find needs), nor a filter the actor may not use (its 400 comes first).
 */
function audienceOf(actor: Actor, query: ListNeedsQuery): { key: string; topics: ChangeTopic[] } | undefined {
  if (query.employer !== undefined) return undefined;
  if (isStaff(actor)) return { key: 'staff', topics: ['needs'] };
  if (query.organisationId !== undefined) return undefined;
  if (actor.role === 'employer' && actor.organisationId) {
    return { key: `organisation:${actor.organisationId}`, topics: ['needs'] };
  }
  if (actor.role === 'expert' && query.priority === undefined) {
    return { key: 'experts', topics: ['needs', 'organisations'] };
  }
  return undefined;
}

/** The query's values in a fixed order, so that the same list is one key however the URL was written. */
const keyOf = (query: ListNeedsQuery): string =>
  JSON.stringify(Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * One page of the need list for the API: its ETag at once, its JSON when asked (none for a request
 * whose If-None-Match names the ETag). Staff's, employers' and experts' pages come from the process's
 * cache (ctx.needLists) while the change tokens they are kept against stand — one Redis read per request
 * instead of the page's query, count and views; the others are read every time, their ETag the digest of
 * the answer.
 */
export async function needListPage(
  ctx: Context,
  actor: Actor,
  query: ListNeedsQuery,
): Promise<{ etag: string; json(): Promise<string> }> {
  const audience = audienceOf(actor, query);
  const version = audience === undefined ? undefined : await ctx.changes.version(audience.topics);
  if (audience === undefined || version === undefined) {
    const json = JSON.stringify(await listNeeds(actor, query));
    return { etag: strongEtag(json), json: async () => json };
  }
  const key = `${audience.key}|${keyOf(query)}`;
  return {
    etag: strongEtag(`${key}|${version}`),
    json: () => ctx.needLists.page(key, version, async () => JSON.stringify(await listNeeds(actor, query))),
  };
}

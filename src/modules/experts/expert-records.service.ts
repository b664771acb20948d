import type { ClientSession } from 'mongoose';
import { mongo, Types } from 'mongoose';
import { Expert, type ExpertRecord } from './expert.model';

/**
 * Calls for other modules (matching, the match workflow, reports). They take ids, not an Actor:
 * the calling module has already decided the caller may act.
 */

export type { ExpertRecord };

/** One profile as stored, whatever its status; undefined when the id is unknown. */
export async function getExpertRecord(
  id: string,
  session?: ClientSession,
): Promise<ExpertRecord | undefined> {
  const doc = await Expert.findById(id)
    .session(session ?? null)
    .lean<ExpertRecord>();
  return doc ?? undefined;
}

export async function getExpertRecords(ids: readonly string[]): Promise<ExpertRecord[]> {
  return Expert.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } })
    .sort({ _id: 1 })
    .lean<ExpertRecord[]>();
}

/**
 * Experts the matching engine may consider: active (not paused, not deleted), optionally holding one of
 * the taxonomy codes (at any depth below it). Paged by _id so a large pool can be read in batches.
 */
export async function findMatchableExperts(
  options: { codes?: readonly string[]; afterId?: string; limit?: number } = {},
): Promise<ExpertRecord[]> {
  const filter: Record<string, unknown> = { status: 'active', 'availability.paused': { $ne: true } };
  if (options.codes && options.codes.length > 0) filter.taxonomyCodes = { $in: options.codes };
  if (options.afterId) filter._id = { $gt: new Types.ObjectId(options.afterId) };
  return Expert.find(filter)
    .sort({ _id: 1 })
    .limit(options.limit ?? 1000)
    .lean<ExpertRecord[]>();
}

export type CounterDelta = Partial<Record<'activeEngagements' | 'pendingOffers', number>>;

/**
 * Adds to the workflow's counters in one conditional update; a decrement that would go below zero
 * changes nothing and answers false (the caller's state and the counter disagree: investigate, don't clamp).
 */
export async function adjustExpertCounters(
  expertId: string,
  delta: CounterDelta,
  session?: ClientSession,
): Promise<boolean> {
  const filter: Record<string, unknown> = { _id: new Types.ObjectId(expertId) };
  const inc: Record<string, number> = {};
  for (const [key, n] of Object.entries(delta)) {
    if (!n) continue;
    inc[key] = n;
    if (n < 0) filter[key] = { $gte: -n };
  }
  if (Object.keys(inc).length === 0) return true;
  const res = await Expert.updateOne(filter, { $inc: inc }, { session });
  return res.modifiedCount === 1;
}

/** Names and counties of experts by id, as lists show them (an unknown id is left out). */
export async function expertLabels(
  ids: readonly unknown[],
): Promise<Map<string, { name: string; residenceCounty: string | null }>> {
  if (ids.length === 0) return new Map();
  const experts = await Expert.find({ _id: { $in: ids } })
    .select('name residenceCounty')
    .lean<Pick<ExpertRecord, '_id' | 'name' | 'residenceCounty'>[]>();
  return new Map(
    experts.map((e) => [String(e._id), { name: e.name, residenceCounty: e.residenceCounty ?? null }]),
  );
}

/** How many expert records there are, from the collection's metadata (no scan): to size a store before a build. */
export async function estimatedExpertCount(): Promise<number> {
  return Expert.estimatedDocumentCount();
}

/**
 * One batch of expertBatchesChangedSince: the experts' ids at once (to look up what belongs to them), their
 * records decoded one at a time as the caller reaches them. A build holds a batch across that look-up:
 * as BSON bytes it is a few buffers, where 2,000 decoded profiles outlived the young generation (garbage
 * collection was a third of a cold build's time).
 */
export interface ExpertBatch {
  readonly ids: readonly Types.ObjectId[];
  /** Each record decoded when reached; keep none beyond its turn (a build keeps what it needs of it). */
  records(): Iterable<ExpertRecord>;
}

/**
 * Experts whose record changed at or after `since`, as one cursor read in batches of `batchSize`, only `fields` (the ranking store's
 * build): the caller asks for the next batch before it decodes this one, so reading and decoding overlap.
 * In no particular order: one cursor needs no paging key, and an expert edited during the read is at
 * worst read twice (the index on updatedAt serves a recent `since`; a cold start reads everything).
 */
export async function* expertBatchesChangedSince(
  since: Date,
  fields: readonly string[],
  batchSize: number,
): AsyncGenerator<ExpertBatch> {
  // the driver's cursor, taken a server batch at a time, as BSON bytes (`raw`): mongoose's cursor costs a
  // promise and a post-find hook run per document, and the driver would decode a whole batch at once
  const cursor = Expert.collection.find<Uint8Array>(
    { updatedAt: { $gte: since } },
    { projection: Object.fromEntries(fields.map((f) => [f, 1])), batchSize, raw: true },
  );
  let batch: Uint8Array[] = [];
  try {
    while (await cursor.hasNext()) {
      for (const doc of cursor.readBufferedDocuments(batchSize - batch.length)) batch.push(doc);
      if (batch.length < batchSize) continue;
      yield rawBatch(batch);
      batch = [];
    }
    if (batch.length > 0) yield rawBatch(batch);
  } finally {
    await cursor.close();
  }
}

function rawBatch(docs: readonly Uint8Array[]): ExpertBatch {
  return {
    ids: docs.map(idOfRaw),
    *records() {
      for (const doc of docs) yield mongo.BSON.deserialize(doc) as ExpertRecord;
    },
  };
}

/** The first bytes of an ObjectId element (type 7) named `_id`. */
const OBJECT_ID_ELEMENT = [0x07, 0x5f, 0x69, 0x64, 0x00];

/** The `_id` of a BSON document, read from its bytes (MongoDB writes `_id` first) without decoding the rest. */
function idOfRaw(doc: Uint8Array): Types.ObjectId {
  // copied (Buffer#slice would share): an id must not keep the server's whole reply alive
  if (OBJECT_ID_ELEMENT.every((b, k) => doc[4 + k] === b))
    return new Types.ObjectId(Uint8Array.prototype.slice.call(doc, 9, 21));
  return (mongo.BSON.deserialize(doc) as ExpertRecord)._id;
}

/** Places each expert has left overall: their maximum less engagements and pending offers (≥ 0). */
export async function expertSpareCapacity(ids: readonly string[]): Promise<Map<string, number>> {
  const experts = await Expert.find({ _id: { $in: ids } })
    .select('availability.maxConcurrent activeEngagements pendingOffers')
    .lean<ExpertRecord[]>();
  return new Map(
    experts.map((e) => [
      String(e._id),
      Math.max(0, (e.availability?.maxConcurrent ?? 1) - e.activeEngagements - e.pendingOffers),
    ]),
  );
}

const HEX_ID = /^[a-f0-9]{24}$/i;

/** The experts a coordinator typed — an id, an email, or a name (several may share it); never the erased. */
export async function findExpertsNamed(
  query: string,
): Promise<Array<{ id: string; name: string; county: string | null }>> {
  const q = query.trim();
  const filter = HEX_ID.test(q) ? { _id: q } : q.includes('@') ? { email: q.toLowerCase() } : { name: q };
  const experts = await Expert.find({ ...filter, status: { $ne: 'deleted' } })
    .select('name residenceCounty')
    .sort({ name: 1, _id: 1 })
    .limit(20)
    .lean<ExpertRecord[]>();
  return experts.map((e) => ({ id: String(e._id), name: e.name, county: e.residenceCounty ?? null }));
}

/**
 * The profiles a person names by registered mobile number or email address (a team lead naming their
 * members; emails lower case, numbers as 11 digits), the erased left out: for each contact, every
 * profile holding it (a number may be shared).
 */
export async function findExpertsByContact(
  contacts: readonly string[],
): Promise<Map<string, ExpertRecord[]>> {
  const found = new Map<string, ExpertRecord[]>(contacts.map((c) => [c, []]));
  if (contacts.length === 0) return found;
  const experts = await Expert.find({
    status: { $ne: 'deleted' },
    $or: [
      { email: { $in: contacts.filter((c) => c.includes('@')) } },
      { phone: { $in: contacts.filter((c) => !c.includes('@')) } },
    ],
  })
    .select('name email phone status availability')
    .sort({ _id: 1 })
    .lean<ExpertRecord[]>();
  for (const e of experts) {
    for (const contact of new Set([e.email, e.phone])) {
      if (contact) found.get(contact)?.push(e);
    }
  }
  return found;
}

/** Experts who have not deleted their data, with what the government report counts, in id order. */
export async function expertsForReport(): Promise<
  Pick<ExpertRecord, '_id' | 'fields' | 'title' | 'residenceCounty' | 'status'>[]
> {
  return Expert.find({ status: { $ne: 'deleted' } })
    .select('fields title.level residenceCounty status')
    .sort({ _id: 1 })
    .lean<ExpertRecord[]>();
}

/** Counties of residence of experts by id (an unknown id is left out). */
export async function expertCounties(
  ids: readonly unknown[],
): Promise<Map<string, string | null | undefined>> {
  const filter: Record<string, unknown> = { _id: { $in: ids } };
  const experts = await Expert.find(filter)
    .select('residenceCounty')
    .lean<Pick<ExpertRecord, '_id' | 'residenceCounty'>[]>();
  return new Map(experts.map((e) => [String(e._id), e.residenceCounty]));
}

/** Whether the expert exists and has not deleted their data. */
export async function expertExists(id: string, session?: ClientSession): Promise<boolean> {
  return (await Expert.exists({ _id: id, status: { $ne: 'deleted' } }).session(session ?? null)) !== null;
}

/**
 * Reserves one of the expert's places for a pending offer: engagements plus pending offers may not exceed
 * their maximum. One conditional update, so two confirmations racing for the last place cannot both win;
 * answers false when the expert is not active or has no place left.
 */
export async function reserveExpertPlace(expertId: string, session?: ClientSession): Promise<boolean> {
  const res = await Expert.updateOne(
    {
      _id: expertId,
      status: 'active',
      $expr: {
        $lt: [
          { $add: ['$activeEngagements', '$pendingOffers'] },
          { $ifNull: ['$availability.maxConcurrent', 1] },
        ],
      },
    },
    { $inc: { pendingOffers: 1 } },
    { session },
  );
  return res.modifiedCount === 1;
}

/**
 * Marks the expert changed (their `updatedAt`, nothing else), so the ranking store re-reads them: their
 * match history is part of what ranking sees.
 */
export async function touchExpert(expertId: string, session?: ClientSession): Promise<void> {
  await Expert.updateOne(
    { _id: expertId },
    { $set: { updatedAt: new Date() } },
    { session, timestamps: false },
  );
}

/**
 * Whom the weekly digest goes to: active and not paused, with an address (phone-only experts get no
 * email) and the consent to the processing of their profile on record, which names recommending them
 * to employers; the digest not turned off (a profile written before the setting counts as on).
 */
const WEEKLY_DIGEST_RECIPIENT = {
  status: 'active',
  'availability.paused': { $ne: true },
  email: { $nin: [null, ''] },
  weeklyDigest: { $ne: false },
  'consents.kind': 'profile',
};

/** The ids of the weekly digest's recipients after `afterId`, in _id order, a page at a time. */
export async function weeklyDigestRecipientIds(
  afterId: string | undefined,
  limit: number,
): Promise<string[]> {
  const filter: Record<string, unknown> = { ...WEEKLY_DIGEST_RECIPIENT };
  if (afterId) filter._id = { $gt: new Types.ObjectId(afterId) };
  const experts = await Expert.find(filter).select('_id').sort({ _id: 1 }).limit(limit).lean();
  return experts.map((e) => String(e._id));
}

/** The expert's record when they are (still) a recipient of the weekly digest; undefined otherwise. */
export async function weeklyDigestRecipient(expertId: string): Promise<ExpertRecord | undefined> {
  const filter: Record<string, unknown> = { _id: new Types.ObjectId(expertId), ...WEEKLY_DIGEST_RECIPIENT };
  const doc = await Expert.findOne(filter).lean<ExpertRecord>();
  return doc ?? undefined;
}

/** Turns the weekly digest on or off (an unsubscribe link); false when the expert is unknown or erased. */
export async function setWeeklyDigest(expertId: string, on: boolean): Promise<boolean> {
  const res = await Expert.updateOne(
    { _id: new Types.ObjectId(expertId), status: { $ne: 'deleted' } },
    { $set: { weeklyDigest: on } },
  );
  return res.matchedCount === 1;
}

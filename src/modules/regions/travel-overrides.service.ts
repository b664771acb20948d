import type { Actor } from '../../lib/actor';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { getRegion } from './regions.service';
import { TravelOverride, type TravelOverrideRecord } from './travel-override.model';
import { roadMinutesBetween, roadTravelMinutes } from './travel-times';

/**
 * Coordinators' corrections of the road model, one per unordered pair of county seats, and the travel
 * times with those corrections applied. Every change is audited with the old and new minutes.
 */

export interface TravelOverrideInput {
  from: string;
  to: string;
  minutes: number;
  note: string;
}

export interface TravelTimeView {
  from: string;
  to: string;
  minutes: number;
  /** "3小时20分钟" */
  text: string;
  /** "3 h 20 min" */
  textEn: string;
  source: 'road-model' | 'override';
}

/** The pair in stored order: `from` < `to`. */
const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);
const pairId = (a: string, b: string) => ordered(a, b).join('-');

export function durationText(minutes: number): { text: string; textEn: string } {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return { text: `${m}分钟`, textEn: `${m} min` };
  if (m === 0) return { text: `${h}小时`, textEn: `${h} h` };
  return { text: `${h}小时${m}分钟`, textEn: `${h} h ${m} min` };
}

function overrideView(o: TravelOverrideRecord) {
  return {
    from: o.from,
    fromName: getRegion(o.from)?.name ?? o.from,
    to: o.to,
    toName: getRegion(o.to)?.name ?? o.to,
    minutes: o.minutes,
    roadModelMinutes: roadMinutesBetween(o.from, o.to),
    note: o.note,
    by: String(o.by),
    updatedAt: o.updatedAt,
  };
}
export type TravelOverrideView = ReturnType<typeof overrideView>;

function assertDistinct(from: string, to: string, where: 'body' | 'params') {
  if (from === to) {
    throw new ValidationError('A travel time joins two different counties.', [
      { path: `${where}.to`, message: 'must differ from "from"' },
    ]);
  }
}

/** Sets (or replaces) the correction of a pair; the audit entry keeps the previous and the model's minutes. */
export async function setTravelOverride(
  actor: Actor,
  input: TravelOverrideInput,
): Promise<TravelOverrideView> {
  assertDistinct(input.from, input.to, 'body');
  const [from, to] = ordered(input.from, input.to);
  const previous = await TravelOverride.findOne({ from, to }).select('minutes').lean();
  const saved = await TravelOverride.findOneAndUpdate(
    { from, to },
    { $set: { minutes: input.minutes, note: input.note, by: actor.userId } },
    { upsert: true, returnDocument: 'after', runValidators: true },
  ).lean<TravelOverrideRecord>();
  if (!saved) throw new Error('travel override upsert returned nothing');
  await recordAudit(
    actor,
    'travel-override.set',
    { type: 'travel-override', id: pairId(from, to) },
    {
      minutes: input.minutes,
      previousMinutes: previous?.minutes ?? null,
      roadModelMinutes: roadMinutesBetween(from, to),
    },
  );
  return overrideView(saved);
}

/** Removes the correction of a pair, so the road model applies again; 404 when there is none. */
export async function clearTravelOverride(actor: Actor, a: string, b: string): Promise<void> {
  assertDistinct(a, b, 'params');
  const [from, to] = ordered(a, b);
  const removed = await TravelOverride.findOneAndDelete({ from, to }).lean<TravelOverrideRecord>();
  if (!removed) throw new NotFoundError('Travel override');
  await recordAudit(
    actor,
    'travel-override.clear',
    { type: 'travel-override', id: pairId(from, to) },
    { previousMinutes: removed.minutes, roadModelMinutes: roadMinutesBetween(from, to) },
  );
}

export async function listTravelOverrides(): Promise<TravelOverrideView[]> {
  const all = await TravelOverride.find().sort({ from: 1, to: 1 }).lean<TravelOverrideRecord[]>();
  return all.map(overrideView);
}

/** The driving time between two seats: a coordinator's correction if there is one, else the road model. */
export async function getTravelTime(from: string, to: string): Promise<TravelTimeView> {
  const [a, b] = ordered(from, to);
  const override =
    from === to ? null : await TravelOverride.findOne({ from: a, to: b }).select('minutes').lean();
  const minutes = override ? override.minutes : roadMinutesBetween(from, to);
  return { from, to, minutes, ...durationText(minutes), source: override ? 'override' : 'road-model' };
}

/**
 * The row-major R × R minutes between `codes` (see roadTravelMinutes) with every correction between two
 * of them applied both ways. Throws a RangeError on a code the road model does not know.
 */
export async function travelMinutesWithOverrides(codes: readonly string[]): Promise<Uint16Array> {
  const minutes = roadTravelMinutes(codes);
  const r = codes.length;
  const positions = new Map<string, number[]>();
  codes.forEach((code, i) => {
    positions.set(code, [...(positions.get(code) ?? []), i]);
  });
  const present = [...positions.keys()];
  const overrides = await TravelOverride.find({ from: { $in: present }, to: { $in: present } })
    .select('from to minutes')
    .lean<Pick<TravelOverrideRecord, 'from' | 'to' | 'minutes'>[]>();
  for (const o of overrides) {
    for (const i of positions.get(o.from) ?? []) {
      for (const j of positions.get(o.to) ?? []) {
        minutes[i * r + j] = o.minutes;
        minutes[j * r + i] = o.minutes;
      }
    }
  }
  return minutes;
}

/** Changes whenever a correction is set or cleared: ranking stores rebuild their matrix when it does. */
export async function travelOverridesVersion(): Promise<string> {
  const [count, latest] = await Promise.all([
    TravelOverride.countDocuments(),
    TravelOverride.findOne().sort({ updatedAt: -1 }).select('updatedAt').lean<{ updatedAt?: Date }>(),
  ]);
  return `${count}:${latest?.updatedAt?.getTime() ?? 0}`;
}

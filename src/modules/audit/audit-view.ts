import type { Translate } from '../../lib/http/page-i18n';
import { userDisplayNames } from '../accounts/user-records.service';
import { expertLabels } from '../experts/expert-records.service';
import { matchParties } from '../matches/match-queries.service';
import { needTitles } from '../needs/need-records.service';
import { getOrganisationRecords } from '../organisations/organisation-records.service';
import { getRegion } from '../regions/regions.service';
import type { AuditItem } from './audit.service';

/**
 * The audit log in words, for people: each entry a sentence ("协调员 王芳 确认了 向德明 参加《…》"),
 * a link to what it is about where a page for it exists, and its details as labelled facts. The
 * sentences are `auditSentence.<action>` in the page dictionaries; a test checks that every action
 * the code records has one.
 */

/**
 * Every action the code records, for the action filter. A test reads each `recordAudit(` call in src/
 * and fails when an action is missing here or has no label and sentence in either language.
 */
export const AUDIT_ACTIONS = [
  'apartment-room.create',
  'apartment-room.update',
  'apartment-stay.book',
  'apartment-stay.cancel',
  'apartment-stay.change-dates',
  'apartment-stay.check-in',
  'apartment-stay.check-out',
  'call.award',
  'call.cancel',
  'call.close',
  'call.create',
  'call.publish',
  'call.shortlist',
  'expert.create',
  'expert.update',
  'liaison.assign',
  'liaison.handover',
  'match.answer',
  'match.cancel',
  'match.complete',
  'match.confirm',
  'match.propose',
  'match.reject',
  'match.withdraw',
  'matching.batch.request',
  'me.delete',
  'need.cancel',
  'need.close',
  'need.create',
  'need.open',
  'need.update',
  'organisation.reject',
  'organisation.update',
  'organisation.verify',
  'quota.grant',
  'quota.withdraw',
  'service-request.accept',
  'service-request.attach',
  'service-request.complete',
  'service-request.detach',
  'service-request.file',
  'service-request.refuse',
  'service-request.start',
  'service-request.withdraw',
  'service.update',
  'travel-override.clear',
  'travel-override.set',
  'user.create',
  'user.disable',
  'user.enable',
] as const;

/** The kinds of record an entry can be about (`targetType`), in the order the filter lists them. */
export const AUDIT_TARGET_TYPES = [
  'need',
  'expert',
  'organisation',
  'match',
  'service-request',
  'user',
  'batch-run',
  'service',
  'travel-override',
  'apartment-room',
  'apartment-stay',
] as const;

const OBJECT_ID = /^[a-f0-9]{24}$/;
const enc = encodeURIComponent;

/** Where an admin reads the record an entry is about; null when no page shows it. */
export function targetHref(type: string, id: string | null): string | null {
  if (!id) return null;
  const objectId = OBJECT_ID.test(id);
  switch (type) {
    case 'need':
      return objectId ? `/coordinator/needs/${id}` : null;
    case 'expert':
      return objectId ? `/coordinator/liaisons/experts/${id}` : null;
    case 'match':
      return objectId ? `/matches/${id}` : null;
    case 'service-request':
      return objectId ? `/coordinator/services/requests/${id}` : null;
    case 'batch-run':
      return `/coordinator/batch/${enc(id)}`;
    case 'service':
      return `/admin/services/${enc(id)}`;
    case 'apartment-room':
      return '/coordinator/apartments/rooms';
    case 'travel-override': {
      const [from, to] = id.split('-');
      return from && to ? `/coordinator/travel-times?from=${enc(from)}&to=${enc(to)}` : null;
    }
    default:
      return null;
  }
}

/** Names of everything the entries mention, looked up once per page (ids of deleted records stay unnamed). */
interface Names {
  users: Map<string, string>;
  experts: Map<string, string>;
  needs: Map<string, string>;
  organisations: Map<string, string>;
  matches: Map<string, { expertId: string; needId: string }>;
}

const ID_DETAILS: Record<string, keyof Omit<Names, 'matches'>> = {
  expertId: 'experts',
  needId: 'needs',
  organisationId: 'organisations',
  liaisonId: 'users',
  previousLiaisonId: 'users',
};

async function lookUpNames(items: readonly AuditItem[]): Promise<Names> {
  const ids: Record<keyof Names, Set<string>> = {
    users: new Set(),
    experts: new Set(),
    needs: new Set(),
    organisations: new Set(),
    matches: new Set(),
  };
  const add = (kind: keyof Names, id: unknown) => {
    if (typeof id === 'string' && OBJECT_ID.test(id)) ids[kind].add(id);
  };
  const byType: Record<string, keyof Names> = {
    user: 'users',
    expert: 'experts',
    need: 'needs',
    organisation: 'organisations',
    match: 'matches',
  };
  for (const e of items) {
    add('users', e.actorId);
    if (byType[e.targetType]) add(byType[e.targetType], e.targetId);
    for (const [key, value] of Object.entries(e.details ?? {})) {
      if (ID_DETAILS[key]) add(ID_DETAILS[key], value);
      if (key === 'to' && Array.isArray(value)) for (const v of value) add('users', v?.liaisonId);
    }
  }
  const matches = await matchParties([...ids.matches]);
  for (const m of matches.values()) {
    add('experts', m.expertId);
    add('needs', m.needId);
  }
  const [users, experts, needs, organisations] = await Promise.all([
    userDisplayNames([...ids.users]),
    expertLabels([...ids.experts]),
    needTitles([...ids.needs]),
    getOrganisationRecords([...ids.organisations]),
  ]);
  return {
    users,
    experts: new Map([...experts].map(([id, e]) => [id, e.name])),
    needs,
    organisations: new Map(organisations.map((o) => [String(o._id), o.name])),
    matches,
  };
}

export interface AuditRow {
  id: string;
  at: Date;
  action: string;
  actionLabel: string;
  sentence: string;
  actorName: string;
  actorRole: string;
  targetType: string;
  targetTypeLabel: string;
  targetId: string | null;
  targetName: string;
  targetHref: string | null;
  /** The log filtered to this record: everything done to it. */
  historyHref: string | null;
  facts: Array<{ label: string; value: string }>;
}

function regionPair(id: string, lang: string): string | null {
  const names = id.split('-').map((code) => getRegion(code)?.[lang === 'en' ? 'nameEn' : 'name']);
  return names.length === 2 && names.every(Boolean) ? names.join(' — ') : null;
}

/** The record's name as a person knows it: a need's title, an expert's name, a pair of counties, ... */
function targetNameOf(e: AuditItem, names: Names, t: Translate, lang: string): string {
  const id = e.targetId ?? '';
  const named =
    (e.targetType === 'need' && names.needs.get(id)) ||
    (e.targetType === 'expert' && names.experts.get(id)) ||
    (e.targetType === 'organisation' && names.organisations.get(id)) ||
    (e.targetType === 'user' && names.users.get(id)) ||
    (e.targetType === 'travel-override' && regionPair(id, lang)) ||
    ((e.targetType === 'batch-run' || e.targetType === 'service') && id);
  if (named) return named;
  const kind = typeLabel(e.targetType, t);
  return id ? t('audit.unnamed', { kind, ref: id.slice(-6) }) : kind;
}

const typeLabel = (type: string, t: Translate) =>
  t.has(`auditTarget.${type}`) ? t(`auditTarget.${type}`) : type;

/** Details that hold a status of the entry's record, and the dictionary prefix of those statuses. */
const STATUS_KEYS = new Set(['status', 'from', 'to']);
const STATUS_VOCABULARY: Record<string, string> = {
  match: 'matchStatus',
  need: 'needStatus',
  'service-request': 'serviceStatus',
};

/** One detail's value in words: names for ids, yes/no, statuses, lists joined; never JSON. */
function factValue(key: string, value: unknown, names: Names, t: Translate, vocabulary?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
  if (typeof value === 'string' && ID_DETAILS[key]) return names[ID_DETAILS[key]].get(value) ?? value;
  if (vocabulary && typeof value === 'string' && STATUS_KEYS.has(key) && t.has(`${vocabulary}.${value}`)) {
    return t(`${vocabulary}.${value}`);
  }
  if (key === 'channel' && typeof value === 'string' && t.has(`channel.${value}`)) {
    return t(`channel.${value}`);
  }
  if (key === 'role' && typeof value === 'string' && t.has(`role.${value}`)) return t(`role.${value}`);
  if (key === 'answer' && typeof value === 'string' && t.has(`audit.answer.${value}`)) {
    return t(`audit.answer.${value}`);
  }
  if (Array.isArray(value)) {
    return value.map((v) => factValue(key, v, names, t, vocabulary)).join(t('audit.listSeparator')) || '—';
  }
  if (typeof value === 'object') {
    // a handover's { liaisonId, experts }: "王芳（3 位专家）"
    const o = value as Record<string, unknown>;
    if (typeof o.liaisonId === 'string') {
      return t('audit.handedTo', { name: names.users.get(o.liaisonId) ?? '—', n: o.experts });
    }
    return Object.entries(o)
      .map(([k, v]) => `${detailLabel(k, t)}${t('form.colon')}${factValue(k, v, names, t)}`)
      .join(t('audit.listSeparator'));
  }
  if (key === 'fields' || key === 'changed') {
    const field = `field.${String(value)}`;
    return t.has(field) ? t(field).replace(/[：:]$/, '') : String(value);
  }
  return String(value);
}

const detailLabel = (key: string, t: Translate) =>
  t.has(`auditDetail.${key}`) ? t(`auditDetail.${key}`) : key;

/** English sentences start with the actor's role: "Coordinator 王芳 confirmed ...". */
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The rows of the audit page, in the reader's language. */
export async function auditRows(
  items: readonly AuditItem[],
  t: Translate,
  lang: string,
): Promise<AuditRow[]> {
  const names = await lookUpNames(items);
  return items.map((e) => {
    const actorName = names.users.get(e.actorId) ?? t('audit.formerUser');
    const actorRole = t.has(`role.${e.actorRole}`) ? t(`role.${e.actorRole}`) : e.actorRole;
    const targetName = targetNameOf(e, names, t, lang);
    const details = e.details ?? {};
    const party = e.targetType === 'match' ? names.matches.get(e.targetId ?? '') : undefined;
    const expertId = party?.expertId ?? (details.expertId as string | undefined);
    const needId = party?.needId ?? (details.needId as string | undefined);
    const vars = {
      actor: `${actorRole} ${actorName}`,
      target: targetName,
      expert: (expertId && names.experts.get(expertId)) || t('audit.someExpert'),
      need: (needId && names.needs.get(needId)) || t('audit.someNeed'),
    };
    const sentenceKey = `auditSentence.${e.action}`;
    const actionKey = `auditAction.${e.action}`;
    const historyParams = new URLSearchParams({ targetType: e.targetType, targetId: e.targetId ?? '' });
    return {
      id: e.id,
      at: e.at,
      action: e.action,
      actionLabel: t.has(actionKey) ? t(actionKey) : e.action,
      sentence: capitalised(
        t.has(sentenceKey) ? t(sentenceKey, vars) : `${vars.actor} · ${e.action} · ${targetName}`,
      ),
      actorName,
      actorRole,
      targetType: e.targetType,
      targetTypeLabel: typeLabel(e.targetType, t),
      targetId: e.targetId,
      targetName,
      targetHref: targetHref(e.targetType, e.targetId),
      historyHref: e.targetId ? `/admin/audit?${historyParams}` : null,
      facts: Object.entries(details).map(([key, value]) => ({
        label: detailLabel(key, t),
        value: factValue(key, value, names, t, STATUS_VOCABULARY[e.targetType]),
      })),
    };
  });
}

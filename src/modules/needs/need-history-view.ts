import type { PageLanguage, Translate } from '../../lib/http/page-i18n';
import { getRegion } from '../regions/regions.service';
import { getNode } from '../taxonomy/taxonomy.service';
import type { NeedChange, NeedChangeField } from './need.schemas';

/** Each field's label on the need page (most are the form's own labels). */
const LABELS: Record<NeedChangeField, string> = {
  title: 'field.title',
  description: 'field.description',
  field: 'field.field',
  mustHaveSkills: 'field.mustHaveSkills',
  mustHaveMatch: 'field.mustHaveMatch',
  niceToHaveSkills: 'field.niceToHaveSkills',
  minTitleLevel: 'field.minTitleLevel',
  minTitleSeries: 'field.minTitleSeries',
  minSkillLevel: 'field.minSkillLevel',
  mode: 'field.mode',
  county: 'field.county',
  period: 'needDetail.period',
  daysPerMonth: 'needHistory.daysPerMonth',
  expertsWanted: 'needHistory.expertsWanted',
  offer: 'needDetail.offerTerms',
  employerApproval: 'needHistory.employerApproval',
};

/** Closed vocabularies: the dictionary prefix of their values. */
const VOCABULARIES: Partial<Record<NeedChangeField, string>> = {
  mustHaveMatch: 'mustHaveMatch',
  minTitleLevel: 'titleLevel',
  minTitleSeries: 'titleSeries',
  minSkillLevel: 'skillLevel',
  mode: 'mode',
};

type Offer = { stipendPerMonth?: number; housing?: boolean; travel?: boolean; other?: string };

function codeLabel(code: unknown, lang: PageLanguage): string {
  const node = typeof code === 'string' ? getNode(code) : undefined;
  return node ? node.label[lang] : String(code);
}

/** A stored value in words; null when there is none. */
function valueWords(field: NeedChangeField, value: unknown, t: Translate, lang: PageLanguage): string | null {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  const list = lang === 'en' ? ', ' : '、';
  const vocabulary = VOCABULARIES[field];
  if (vocabulary) return t(`${vocabulary}.${String(value)}`);
  switch (field) {
    case 'field':
      return codeLabel(value, lang);
    case 'mustHaveSkills':
    case 'niceToHaveSkills':
      return (value as unknown[]).map((c) => codeLabel(c, lang)).join(list);
    case 'county': {
      const region = getRegion(String(value));
      return region ? (lang === 'en' ? region.nameEn : region.name) : String(value);
    }
    case 'period': {
      const p = value as { from?: string; to?: string };
      return `${p.from ?? ''} – ${p.to ?? ''}`;
    }
    case 'offer': {
      const o = value as Offer;
      const parts = [
        o.stipendPerMonth ? t('needDetail.stipend', { amount: o.stipendPerMonth }) : undefined,
        o.housing ? t('field.offer.housing') : undefined,
        o.travel ? t('field.offer.travel') : undefined,
        o.other || undefined,
      ].filter((x): x is string => x !== undefined);
      return parts.length > 0 ? parts.join(list) : null;
    }
    case 'employerApproval':
      return t(value ? 'common.yes' : 'common.no');
    default:
      return String(value);
  }
}

function fieldWords(change: NeedChange['fields'][number], t: Translate, lang: PageLanguage): string {
  const label = t(LABELS[change.field]);
  // a description is long: that it changed is enough here (the API keeps both texts)
  if (change.field === 'description') return t('needHistory.rewritten', { label });
  const none = t('needHistory.none');
  const before = valueWords(change.field, change.before, t, lang) ?? none;
  const after = valueWords(change.field, change.after, t, lang) ?? none;
  return t('needHistory.field', { label, before, after });
}

/** A day in China time, as the pages show dates. */
const chinaDay = (at: Date) => new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A need's edits as sentences, newest first: "2026-11-29 王芳（协调员）改了：最低职称 副高级 → 正高级；…".
 */
export function needHistoryInWords(changes: readonly NeedChange[], t: Translate, lang: PageLanguage) {
  const separator = lang === 'en' ? '; ' : '；';
  return [...changes].reverse().map((c) => ({
    at: c.at,
    text: t('needHistory.entry', {
      date: chinaDay(c.at),
      who: c.by.name ?? t('needHistory.someone'),
      role: t.has(`role.${c.by.role}`) ? t(`role.${c.by.role}`) : c.by.role,
      what: c.fields.map((f) => fieldWords(f, t, lang)).join(separator),
    }),
  }));
}

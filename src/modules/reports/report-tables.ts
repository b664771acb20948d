import type { PageLanguage, Translate } from '../../lib/http/page-i18n';
import { getRegion } from '../regions/regions.service';
import { getNode } from '../taxonomy/taxonomy.service';
import type { ReportSummary } from './reports.service';

/**
 * The report as labelled tables in the reader's language: the page draws its charts and tables from
 * these, and the CSV is these same rows, so the three can never disagree.
 */

export interface ReportRow {
  key: string;
  label: string;
  values: Array<number | null>;
}
export interface ReportTable {
  id: string;
  title: string;
  columns: string[];
  rows: ReportRow[];
}

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export function reportTables(s: ReportSummary, t: Translate, lang: PageLanguage): ReportTable[] {
  const count = [t('report.count')];
  const rows = (list: { key: string; count: number }[], label: (key: string) => string): ReportRow[] =>
    list.map((c) => ({ key: c.key, label: label(c.key), values: [c.count] }));
  const region = (code: string) => {
    const r = getRegion(code);
    return r ? (lang === 'en' ? r.nameEn : r.name) : code;
  };
  const field = (code: string) => getNode(code)?.label[lang] ?? code;
  const line = (key: string, value: number | null, vars?: Record<string, unknown>): ReportRow => ({
    key,
    label: t(`report.figure.${key}`, vars),
    values: [value],
  });
  return [
    {
      id: 'headline',
      title: t('report.headline'),
      columns: [t('report.value')],
      rows: [
        line('expertsTotal', s.experts.total),
        line('expertsActive', s.experts.active),
        line('expertsPaused', s.experts.paused),
        line('needsTotal', s.needs.total),
        line('needsFilled', s.needs.filled),
        line('placesWanted', s.needs.placesWanted),
        line('placesFilled', s.needs.placesFilled),
        line('engagements', s.engagements.total),
        line('crossRegion', s.engagements.crossRegion),
        line('crossRegionShare', percent(s.engagements.crossRegionShare)),
        line('offersAnswered', s.acceptance.answered),
        line('offersAccepted', s.acceptance.accepted),
        line('acceptanceRate', percent(s.acceptance.rate)),
        line('timeToFillMedian', s.timeToFill.medianDays),
        line('timeToFillAverage', s.timeToFill.averageDays),
      ],
    },
    {
      id: 'byField',
      title: t('report.byField'),
      columns: count,
      rows: rows(s.experts.byField, field),
    },
    {
      id: 'byTitleLevel',
      title: t('report.byTitleLevel'),
      columns: count,
      rows: rows(s.experts.byTitleLevel, (k) => (k === 'none' ? t('report.noTitle') : t(`titleLevel.${k}`))),
    },
    {
      id: 'byCounty',
      title: t('report.byCounty', { n: s.experts.byCounty.length }),
      columns: count,
      rows: rows(s.experts.byCounty, region),
    },
    {
      id: 'needsByStatus',
      title: t('report.needsByStatus'),
      columns: count,
      rows: rows(s.needs.byStatus, (k) => t(`needStatus.${k}`)),
    },
    {
      id: 'timeToFill',
      title: t('report.timeToFill'),
      columns: count,
      rows: rows(s.timeToFill.buckets, (k) => t(`report.bucket.${k.replace('+', 'plus')}`)),
    },
    {
      id: 'monthly',
      title: t('report.monthly'),
      columns: [t('report.offers'), t('report.acceptances'), t('report.engagementsColumn')],
      rows: s.monthly.map((m) => ({
        key: m.month,
        label: m.month,
        values: [m.offers, m.acceptances, m.engagements],
      })),
    },
  ];
}

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One flat CSV of every table (table, item, measure, value), with a BOM so Excel reads it as UTF-8. */
export function reportCsv(tables: ReportTable[], t: Translate): string {
  const lines = [
    [t('report.csv.table'), t('report.csv.item'), t('report.csv.measure'), t('report.csv.value')],
  ];
  for (const table of tables) {
    for (const row of table.rows) {
      row.values.forEach((value, i) => {
        lines.push([table.title, row.label, table.columns[i] ?? '', value === null ? '' : String(value)]);
      });
    }
  }
  return `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}

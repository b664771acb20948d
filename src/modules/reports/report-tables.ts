import type { PageLanguage, Translate } from '../../lib/http/page-i18n';
import { getRegion } from '../regions/regions.service';
import { getNode } from '../taxonomy/taxonomy.service';
import type { ReportSummary } from './reports.service';
import type { ServiceDeskFigures, ServiceDeskReport } from './service-desk-report.schemas';
import { OCCUPANCY_WEEKS } from './service-desk-report.service';

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

/** The talent-service desk's report as tables: the headline first, then one table per chart. */
export function serviceDeskTables(r: ServiceDeskReport, t: Translate, lang: PageLanguage): ReportTable[] {
  const k = (key: string, vars?: Record<string, unknown>) => t(`report.services.${key}`, vars);
  const name = (n: { zh: string; en: string }) => (lang === 'en' ? n.en : n.zh);
  const latest = r.occupancy?.at(-1);
  const headline: Array<[string, number | null, Record<string, unknown>?]> = [
    ['filed', r.totals.filed],
    ['done', r.totals.done],
    ['onTimeShare', percent(r.totals.onTimeShare)],
    ['medianDays', r.totals.medianDays],
    ['medianWorkingDays', r.totals.medianWorkingDays],
    ['averageScore', r.totals.ratings.average],
    ['ratings', r.totals.ratings.count],
  ];
  if (latest) headline.push(['occupancy', percent(latest.occupancy), { week: latest.week }]);
  const outcomeColumns = ['filed', 'open', 'done', 'refused', 'withdrawn', 'onTime', 'onTimeShare'];
  const timeColumns = ['medianDays', 'medianWorkingDays', 'averageScore'];
  const outcomes = (f: ServiceDeskFigures) => [
    f.filed,
    f.open,
    f.done,
    f.refused,
    f.withdrawn,
    f.onTime,
    percent(f.onTimeShare),
    f.medianDays,
    f.medianWorkingDays,
    f.ratings.average,
  ];
  const columns = (keys: string[]) => keys.map((c) => k(`col.${c}`));
  return [
    {
      id: 'headline',
      title: t('report.headline'),
      columns: [t('report.value')],
      rows: headline.map(([key, value, vars]) => ({ key, label: k(`figure.${key}`, vars), values: [value] })),
    },
    {
      id: 'byMonth',
      title: k('byMonth'),
      columns: columns(['onTime', 'late', 'open', 'refused', 'withdrawn', 'filed', 'averageScore']),
      rows: r.monthly.map((m) => ({
        key: m.month,
        label: m.month,
        values: [m.onTime, m.done - m.onTime, m.open, m.refused, m.withdrawn, m.filed, m.averageScore],
      })),
    },
    {
      id: 'byUnit',
      title: k('byUnit'),
      columns: columns([...outcomeColumns, ...timeColumns]),
      rows: r.byUnit.map((u) => ({ key: u.code, label: name(u.name), values: outcomes(u) })),
    },
    {
      id: 'byService',
      title: k('byService'),
      columns: columns([...outcomeColumns, ...timeColumns]),
      rows: r.byService.map((s) => ({ key: s.code, label: name(s.name), values: outcomes(s) })),
    },
    {
      id: 'satisfaction',
      title: k('satisfaction'),
      columns: [
        ...columns(['averageScore', 'ratings']),
        ...[1, 2, 3, 4, 5].map((n) => k('col.score', { n })),
      ],
      rows: r.byService.map((s) => ({
        key: s.code,
        label: name(s.name),
        values: [s.ratings.average, s.ratings.count, ...s.ratings.distribution],
      })),
    },
    {
      id: 'priority',
      title: k('priority'),
      columns: columns(['filed', 'done', 'onTime', 'onTimeShare', 'medianDays', 'medianWorkingDays']),
      rows: r.priority.map((p) => ({
        key: p.key,
        label: k(`group.${p.key}`),
        values: [p.filed, p.done, p.onTime, percent(p.onTimeShare), p.medianDays, p.medianWorkingDays],
      })),
    },
    ...(r.occupancy
      ? [
          {
            id: 'occupancy',
            title: k('occupancy', { n: OCCUPANCY_WEEKS }),
            columns: columns(['occupancy', 'rooms', 'nightsAvailable', 'nightsBooked']),
            rows: r.occupancy.map((w) => ({
              key: w.weekStart,
              label: k('weekOf', { week: w.week, start: w.weekStart }),
              values: [percent(w.occupancy), w.rooms, w.nightsAvailable, w.nightsBooked],
            })),
          },
        ]
      : []),
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

/** The talent-service report as a CSV file: its name (period and unit) and its text. */
export function serviceDeskCsv(r: ServiceDeskReport, t: Translate, lang: PageLanguage) {
  const unit = r.period.unitCode ? `-${r.period.unitCode}` : '';
  return {
    fileName: `yinling-services${unit}-${r.period.from}-${r.period.to}.csv`,
    text: reportCsv(serviceDeskTables(r, t, lang), t),
  };
}

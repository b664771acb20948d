import { type Request, type Response, Router } from 'express';
import { chinaDay } from '../../lib/china-day';
import { errorsFromError, type FieldErrors } from '../../lib/http/page-forms';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { listServices } from '../services/catalogue.service';
import {
  type ReportTable,
  reportCsv,
  reportTables,
  serviceDeskCsv,
  serviceDeskTables,
} from './report-tables';
import { reportSummary } from './reports.service';
import {
  MAX_REPORT_MONTHS,
  PERIOD_TOO_LONG,
  type ServiceDeskReport,
  ServiceReportQuery,
} from './service-desk-report.schemas';
import { serviceDeskReport } from './service-desk-report.service';

/** Each value as the table shows it: an empty figure (nothing to divide yet) is a dash. */
const withCells = (table: ReportTable) => ({
  ...table,
  rows: table.rows.map((r) => ({ ...r, cells: r.values.map((v) => (v === null ? '—' : String(v))) })),
});

/** The charts of the talent-service report: which table, which of its columns, rows with a value only. */
const SERVICE_CHARTS: Record<string, number[]> = {
  byMonth: [0, 1, 2, 3, 4], // done on time, done late, open, refused, withdrawn
  byUnit: [6], // on-time share
  satisfaction: [0], // average score
  occupancy: [0], // occupancy
};

function serviceCharts(tables: ReportTable[]) {
  const charts: Record<string, unknown> = {};
  for (const tb of tables) {
    const columns = SERVICE_CHARTS[tb.id];
    if (!columns) continue;
    const rows = tb.rows.filter((r) => columns.some((i) => r.values[i] !== null));
    charts[tb.id] = {
      // A month's requests by outcome add up to the month's filings: one stacked bar per month.
      stacked: tb.id === 'byMonth',
      labels: rows.map((r) => r.label),
      series: columns.map((i) => ({ label: tb.columns[i], data: rows.map((r) => r.values[i] ?? 0) })),
    };
  }
  return charts;
}

/** The period form's fields as typed (an empty field is left out, so its default applies). */
function periodInput(req: Request) {
  const pick = (key: string) => {
    const v = req.query[key];
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  return { from: pick('from'), to: pick('to'), unitCode: pick('unitCode') };
}

type PeriodInput = ReturnType<typeof periodInput>;
type ServiceReportResult =
  | { input: PeriodInput; report: ServiceDeskReport; errors?: undefined }
  | { input: PeriodInput; report?: undefined; errors: FieldErrors };

/**
 * The report for the period in the query, or the field errors to show beside the form; a 403 (a unit
 * naming another unit) goes to the error page.
 */
async function serviceReportFor(req: Request, res: Response): Promise<ServiceReportResult> {
  const t = pageT(res);
  const input = periodInput(req);
  try {
    const report = await serviceDeskReport(pageActor(res), ServiceReportQuery.parse(input));
    return { input, report };
  } catch (err) {
    const errors = errorsFromError(err, t);
    if (!errors) throw err;
    const tooLong = (err as { details?: Array<{ message: string }> }).details?.some(
      (d) => d.message === PERIOD_TOO_LONG,
    );
    if (tooLong) errors.from = t('report.services.tooLong', { max: MAX_REPORT_MONTHS });
    return { input, errors };
  }
}

const queryOf = (input: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(input).filter((e): e is [string, string] => Boolean(e[1]))).toString();

async function renderServiceReport(req: Request, res: Response, base: string) {
  const t = pageT(res);
  const lang = res.locals.lang as PageLanguage;
  const actor = pageActor(res);
  const forUnit = actor.role === 'service_unit';
  const { input, report, errors } = await serviceReportFor(req, res);
  const units = forUnit
    ? []
    : [...new Map((await listServices(actor)).map((s) => [s.unit.code, s.unit.name])).entries()].map(
        ([value, name]) => ({ value, label: lang === 'en' ? name.en : name.zh }),
      );
  const view = {
    titleKey: forUnit ? 'report.services.unitTitle' : 'report.services.title',
    base,
    forUnit,
    units,
    periodFields: ['from', 'to'],
    values: {
      from: input.from ?? report?.period.from,
      to: input.to ?? report?.period.to,
      unitCode: input.unitCode,
    },
    errors,
  };
  if (!report) return res.status(400).render('coordinator/service-reports', view);
  const tables = serviceDeskTables(report, t, lang);
  const query = queryOf({ from: report.period.from, to: report.period.to, unitCode: input.unitCode });
  res.render('coordinator/service-reports', {
    ...view,
    report,
    unitName: report.byUnit.length === 1 && report.period.unitCode ? report.byUnit[0].name : null,
    headline: withCells(tables[0]),
    tables: tables.slice(1).map((tb) => ({ ...withCells(tb), chart: tb.id in SERVICE_CHARTS })),
    chartJson: JSON.stringify(serviceCharts(tables)).replace(/</g, '\\u003c'),
    csvUrl: `${base}.csv?${query}`,
    jsonUrl: `/api/v1/reports/services?${query}`,
  });
}

async function sendServiceCsv(req: Request, res: Response, base: string) {
  const { report } = await serviceReportFor(req, res);
  if (!report) return renderServiceReport(req, res, base); // the form with its errors
  const csv = serviceDeskCsv(report, pageT(res), res.locals.lang as PageLanguage);
  res.type('text/csv; charset=utf-8').attachment(csv.fileName).send(csv.text);
}

/** Charts and tables for reporting, and the same rows as a CSV file that Excel opens in Chinese. */
export function reportsPages(): Router {
  const router = Router();
  router.use(['/coordinator/reports', '/coordinator/reports.csv'], requireRole('coordinator', 'admin'));
  router.use(['/unit/reports', '/unit/reports.csv'], requireRole('service_unit'));

  router.get('/coordinator/reports', async (_req, res) => {
    const summary = await reportSummary();
    const tables = reportTables(summary, pageT(res), res.locals.lang as PageLanguage);
    const charts = Object.fromEntries(
      tables
        .filter((tb) => tb.id !== 'headline')
        .map((tb) => [
          tb.id,
          {
            labels: tb.rows.map((r) => r.label),
            series: tb.columns.map((c, i) => ({ label: c, data: tb.rows.map((r) => r.values[i] ?? 0) })),
          },
        ]),
    );
    res.render('coordinator/reports', {
      titleKey: 'report.title',
      summary,
      headline: withCells(tables[0]),
      tables: tables.slice(1).map(withCells),
      // JSON in a <script type="application/json">: "<" is escaped so no text can end the element.
      chartJson: JSON.stringify(charts).replace(/</g, '\\u003c'),
    });
  });

  router.get('/coordinator/reports.csv', async (_req, res) => {
    const summary = await reportSummary();
    const tables = reportTables(summary, pageT(res), res.locals.lang as PageLanguage);
    const day = chinaDay(summary.generatedAt);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`yinling-report-${day}.csv`)
      .send(reportCsv(tables, pageT(res)));
  });

  // The talent-service desk: coordinators see every unit; a unit's staff their own (the service scopes it).
  router.get('/coordinator/reports/services', (req, res) =>
    renderServiceReport(req, res, '/coordinator/reports/services'),
  );
  router.get('/coordinator/reports/services.csv', (req, res) =>
    sendServiceCsv(req, res, '/coordinator/reports/services'),
  );
  router.get('/unit/reports', (req, res) => renderServiceReport(req, res, '/unit/reports'));
  router.get('/unit/reports.csv', (req, res) => sendServiceCsv(req, res, '/unit/reports'));

  return router;
}

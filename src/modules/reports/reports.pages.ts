import { Router } from 'express';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { pageT, requireRole } from '../../lib/http/pages';
import { type ReportTable, reportCsv, reportTables } from './report-tables';
import { reportSummary } from './reports.service';

/** Each value as the table shows it: an empty figure (nothing to divide yet) is a dash. */
const withCells = (table: ReportTable) => ({
  ...table,
  rows: table.rows.map((r) => ({ ...r, cells: r.values.map((v) => (v === null ? '—' : String(v))) })),
});

/** Charts and tables for reporting, and the same rows as a CSV file that Excel opens in Chinese. */
export function reportsPages(): Router {
  const router = Router();
  router.use(['/coordinator/reports', '/coordinator/reports.csv'], requireRole('coordinator', 'admin'));

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
    const day = summary.generatedAt.toISOString().slice(0, 10);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`yinling-report-${day}.csv`)
      .send(reportCsv(tables, pageT(res)));
  });

  return router;
}

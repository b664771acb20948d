import { z } from 'zod';
import { createApiRouter } from '../../lib/http/api-router';
import { loadDictionaries, translator } from '../../lib/http/page-i18n';
import { serviceDeskCsv } from './report-tables';
import { reportSummary } from './reports.service';
import { ServiceDeskReport, ServiceReportCsvQuery, ServiceReportQuery } from './service-desk-report.schemas';
import { serviceDeskReport } from './service-desk-report.service';

const Counts = z.array(z.object({ key: z.string(), count: z.number().int() }));
const Share = z
  .number()
  .nullable()
  .openapi({ description: 'A fraction 0–1 (3 decimals); null when nothing to divide' });

export const ReportSummarySchema = z
  .object({
    generatedAt: z.date(),
    experts: z.object({
      total: z.number().int().openapi({ description: 'Experts who have not deleted their data' }),
      active: z.number().int(),
      paused: z.number().int(),
      byField: Counts.openapi({ description: 'Per top-level field; an expert in two fields counts in both' }),
      byTitleLevel: Counts.openapi({ description: 'Title levels, highest first, then "none"' }),
      byCounty: Counts.openapi({ description: 'The top counties of residence' }),
      counties: z.number().int(),
    }),
    needs: z.object({
      total: z.number().int(),
      byStatus: Counts,
      filled: z.number().int(),
      placesWanted: z.number().int(),
      placesFilled: z.number().int(),
    }),
    matches: z.object({ total: z.number().int(), byStatus: Counts }),
    engagements: z.object({
      total: z.number().int().openapi({ description: 'Matches that reached "engaged"' }),
      crossRegion: z.number().int().openapi({
        description: 'Engagements whose expert lives in another prefecture or province than the need',
      }),
      crossRegionShare: Share,
    }),
    timeToFill: z.object({
      count: z.number().int(),
      medianDays: z.number().nullable(),
      averageDays: z.number().nullable(),
      buckets: Counts,
    }),
    acceptance: z.object({
      accepted: z.number().int(),
      answered: z.number().int(),
      rate: Share,
    }),
    monthly: z.array(
      z.object({
        month: z.string().openapi({ example: '2026-03' }),
        offers: z.number().int(),
        acceptances: z.number().int(),
        engagements: z.number().int(),
      }),
    ),
  })
  .openapi('ReportSummary');

/** The reporting figures as JSON (the same numbers as /coordinator/reports and its CSV). */
export function reportsRoutes() {
  const api = createApiRouter('/reports', 'Reports');
  const dictionaries = loadDictionaries();
  api.route({
    method: 'get',
    path: '/summary',
    summary:
      'Figures for reporting: experts, needs, engagements, cross-region share, time to fill, acceptance, by month',
    access: ['coordinator', 'admin'],
    success: { status: 200, schema: ReportSummarySchema },
    expensive: true,
    handler: () => reportSummary(),
  });
  api.route({
    method: 'get',
    path: '/services',
    summary:
      'Talent-service desk: requests of a period by unit, service, month and priority (on time, median days, satisfaction), apartment occupancy by week',
    access: ['coordinator', 'admin', 'service_unit'],
    request: { query: ServiceReportQuery },
    success: {
      status: 200,
      schema: ServiceDeskReport,
      description:
        "The figures. A service unit's staff get their own unit only (naming another unitCode is 403) and no occupancy. The same figures as CSV: /api/v1/reports/services.csv",
    },
    expensive: true,
    handler: ({ actor, input }) => serviceDeskReport(actor, input.query),
  });
  api.route({
    method: 'get',
    path: '/services.csv',
    summary:
      'The talent-service desk figures as a CSV file (UTF-8, one row per figure), as the report page offers it',
    access: ['coordinator', 'admin', 'service_unit'],
    request: { query: ServiceReportCsvQuery },
    success: { status: 200, binary: ['text/csv'], description: 'table, item, measure, value' },
    expensive: true,
    handler: async ({ res, actor, input }) => {
      const { lang, ...query } = input.query;
      const report = await serviceDeskReport(actor, query);
      const csv = serviceDeskCsv(report, translator(dictionaries[lang], false), lang);
      res.type('text/csv; charset=utf-8').attachment(csv.fileName).send(csv.text);
    },
  });
  return api;
}

import { z } from 'zod';
import { createApiRouter } from '../../lib/http/api-router';
import { reportSummary } from './reports.service';

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
  api.route({
    method: 'get',
    path: '/summary',
    summary:
      'Figures for reporting: experts, needs, engagements, cross-region share, time to fill, acceptance, by month',
    access: ['coordinator', 'admin'],
    success: { status: 200, schema: ReportSummarySchema },
    handler: () => reportSummary(),
  });
  return api;
}

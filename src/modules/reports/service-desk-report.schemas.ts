import { z } from 'zod';
import { PAGE_LANGUAGES } from '../../lib/http/page-i18n';
import { UnitCode } from '../services/services.schemas';

/** The longest period one report covers: the requests read stay bounded. */
export const MAX_REPORT_MONTHS = 36;
export const PERIOD_TOO_LONG = `a period is at most ${MAX_REPORT_MONTHS} months`;
export const PERIOD_ORDER = 'from must not be after to';

const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
  .openapi({ example: '2026-03' });

const serviceReportFields = {
  from: Month.optional().openapi({
    description: 'The first month (China time); by default 11 months before `to`',
  }),
  to: Month.optional().openapi({ description: 'The last month (China time); this month by default' }),
  unitCode: UnitCode.optional().openapi({
    description:
      "One unit only. A service unit's staff always get their own unit; naming another unit is 403",
  }),
};
const periodInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;

export const ServiceReportQuery = z
  .object(serviceReportFields)
  .strict()
  .refine(periodInOrder, { path: ['from'], message: PERIOD_ORDER });
export type ServiceReportQuery = z.infer<typeof ServiceReportQuery>;

/** The CSV's query: the period, and the language of its headings and names. */
export const ServiceReportCsvQuery = z
  .object({
    ...serviceReportFields,
    lang: z
      .enum(PAGE_LANGUAGES)
      .default('zh-CN')
      .openapi({ description: 'Headings and names in this language' }),
  })
  .strict()
  .refine(periodInOrder, { path: ['from'], message: PERIOD_ORDER });

const Share = z
  .number()
  .nullable()
  .openapi({ description: 'A fraction 0–1 (3 decimals); null when nothing was finished' });
const Median = z.number().nullable().openapi({
  description:
    'The median over finished requests (the mean of the two middle values for an even count); null when none',
});

const Ratings = z.object({
  count: z.number().int(),
  average: z.number().nullable().openapi({ description: 'The average score, 2 decimals; null when none' }),
  distribution: z
    .array(z.number().int())
    .length(5)
    .openapi({ description: 'How many ratings gave 1, 2, 3, 4 and 5, in that order' }),
});

export const ServiceDeskFigures = z.object({
  filed: z.number().int().openapi({ description: 'Requests filed in the period' }),
  open: z.number().int().openapi({ description: 'Of those, still submitted, accepted or in progress' }),
  done: z.number().int(),
  refused: z.number().int(),
  withdrawn: z.number().int(),
  onTime: z.number().int().openapi({ description: 'Done by the promised deadline (doneAt ≤ dueAt)' }),
  onTimeShare: Share,
  medianDays: Median.openapi({ description: 'Calendar days (China time) from filing to done: the median' }),
  medianWorkingDays: Median.openapi({
    description: 'Working days (official calendar) after the filing day up to the day done: the median',
  }),
  ratings: Ratings,
});
export type ServiceDeskFigures = z.infer<typeof ServiceDeskFigures>;

const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const ServiceDeskReport = z
  .object({
    generatedAt: z.date(),
    period: z.object({
      from: z.string().openapi({ example: '2025-04' }),
      to: z.string().openapi({ example: '2026-03' }),
      unitCode: UnitCode.nullable().openapi({ description: 'The one unit reported on; null for all' }),
    }),
    totals: ServiceDeskFigures,
    byUnit: z.array(ServiceDeskFigures.extend({ code: UnitCode, name: Bilingual })).openapi({
      description: 'Every unit of the catalogue (and any other with requests), most requests first',
    }),
    byService: z
      .array(ServiceDeskFigures.extend({ code: z.string(), name: Bilingual, unitCode: UnitCode }))
      .openapi({
        description: 'Every active service (and any retired one with requests), most requests first',
      }),
    monthly: z
      .array(
        z.object({
          month: z.string().openapi({ example: '2026-03' }),
          filed: z.number().int(),
          open: z.number().int(),
          done: z.number().int(),
          onTime: z.number().int(),
          refused: z.number().int(),
          withdrawn: z.number().int(),
          averageScore: z.number().nullable(),
        }),
      )
      .openapi({ description: 'By month of filing, each request in its state now' }),
    priority: z
      .array(
        ServiceDeskFigures.pick({
          filed: true,
          done: true,
          onTime: true,
          onTimeShare: true,
          medianDays: true,
          medianWorkingDays: true,
        }).extend({ key: z.enum(['priority', 'other']) }),
      )
      .openapi({ description: 'Nominated key talents (priority requests) against everyone else' }),
    occupancy: z
      .array(
        z.object({
          week: z.string().openapi({ example: '2026-W10' }),
          weekStart: z.string().openapi({ example: '2026-03-02' }),
          rooms: z.number().int(),
          nightsAvailable: z.number().int(),
          nightsBooked: z.number().int(),
          occupancy: z.number().nullable().openapi({ description: 'booked / available, 3 decimals' }),
        }),
      )
      .nullable()
      .openapi({
        description:
          "Talent apartments, all buildings, the period's last 12 weeks (up to this week); coordinators and admins only, null for a service unit",
      }),
  })
  .openapi('ServiceDeskReport', {
    description: 'Figures of the requests filed in the period, each counted in its state now',
  });
export type ServiceDeskReport = z.infer<typeof ServiceDeskReport>;

import { z } from 'zod';
import { ObjectIdString } from '../../lib/schemas';

const Localized = z.object({ 'zh-CN': z.string(), en: z.string() });

export const ContributionSchema = z
  .object({
    feature: z.string().openapi({ example: 'mustHaveSkills' }),
    value: z.number().openapi({ description: 'The normalised feature value, 0–1' }),
    weight: z.number(),
    points: z.number().openapi({ description: 'value × weight; the points add up to the score' }),
    reason: Localized,
  })
  .openapi('Contribution');

export const NoteSchema = z
  .object({
    kind: z.string().openapi({ example: 'weakEvidence', description: 'weakEvidence or travelOverLimit' }),
    reason: Localized,
  })
  .openapi('CandidateNote');

const FilterFailureSchema = z.object({
  filter: z.string().openapi({ example: 'mustHave' }),
  reason: Localized,
});

export const NearMissSchema = z
  .object({
    expertId: ObjectIdString,
    name: z.string(),
    residenceCounty: z.string().nullable(),
    score: z.number(),
    missed: FilterFailureSchema,
  })
  .openapi('NearMiss', { description: 'An expert who misses exactly one requirement; never proposed' });

export const CandidateSchema = z
  .object({
    expertId: ObjectIdString,
    name: z.string(),
    residenceCounty: z.string().nullable(),
    rank: z.number().int(),
    score: z.number(),
    recommended: z.boolean(),
    interest: z.object({ note: z.string(), createdAt: z.date() }).nullable().openapi({
      description: 'The expert said they are interested in this need (listed first), with their note',
    }),
    contributions: z.array(ContributionSchema),
    notes: z.array(NoteSchema),
  })
  .openapi('Candidate', { description: 'An expert who meets every requirement of the need' });

/** Candidates a page of the list holds unless asked otherwise, and at most (a list keeps 50). */
export const CANDIDATE_PAGE_SIZE = 20;
export const MAX_CANDIDATE_PAGE_SIZE = 50;

export const CandidatesQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_CANDIDATE_PAGE_SIZE).default(CANDIDATE_PAGE_SIZE),
  })
  .strict();
export type CandidatesQuery = z.infer<typeof CandidatesQuery>;

export const SnapshotSchema = z
  .object({
    needId: ObjectIdString,
    version: z.string().openapi({
      description:
        'Changes whenever the stored list changes (a new ranking, the batch run’s marks, an interest): pages of different versions come from different lists',
    }),
    engineVersion: z.string(),
    computedAt: z.date(),
    expertsConsidered: z.number().int(),
    candidates: z.array(CandidateSchema).openapi({
      description: 'This page of the list: experts who said they are interested first, then by rank',
    }),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int().openapi({ description: 'Candidates on the whole list, on all pages' }),
    nextPage: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The `page` to ask for next, with the same pageSize; null on the last page' }),
    nearMisses: z.array(NearMissSchema).openapi({ description: 'The same on every page (at most 10)' }),
  })
  .openapi('CandidateSnapshot', {
    description:
      'One page of a need’s latest ranked candidate list. Sent with a strong ETag: with If-None-Match the answer is 304, without a body, while the page is unchanged',
  });

export const ExplanationSchema = z
  .discriminatedUnion('excluded', [
    z.object({
      excluded: z.literal(false),
      expertId: ObjectIdString,
      score: z.number(),
      contributions: z.array(ContributionSchema),
      notes: z.array(NoteSchema),
    }),
    z.object({
      excluded: z.literal(true),
      expertId: ObjectIdString,
      reasons: z.array(FilterFailureSchema),
    }),
  ])
  .openapi('CandidateExplanation');

const PairSchema = z.object({ needId: ObjectIdString, expertId: ObjectIdString, score: z.number() });

export const BatchRunSchema = z
  .object({
    runId: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    createdAt: z.date(),
    startedAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
    needs: z.number().int(),
    edges: z.number().int(),
    total: z.number().nullable().openapi({ description: 'Priority-weighted total of the exact assignment' }),
    scoreTotal: z.number().nullable(),
    greedyTotal: z.number().nullable().openapi({ description: 'The same total for greedy-by-score' }),
    greedyScoreTotal: z.number().nullable(),
    recommendations: z.array(PairSchema),
    greedy: z.array(PairSchema),
    error: z.string().nullable(),
  })
  .openapi('BatchRun');

export const NeedExpertParams = z.object({ id: ObjectIdString, expertId: ObjectIdString });
export const RunIdParams = z.object({ runId: z.string().regex(/^[\w-]{1,64}$/) });

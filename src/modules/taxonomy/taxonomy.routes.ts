import { z } from 'zod';
import { createApiRouter } from '../../lib/http/api-router';
import { getTaxonomy, type TaxonomyNode } from './taxonomy.service';

interface TaxonomyDto {
  code: string;
  label: { 'zh-CN': string; en: string };
  level: number;
  parent: string | null;
  aliases: string[];
  std?: string;
  children: TaxonomyDto[];
}

const TaxonomyNodeSchema: z.ZodType<TaxonomyDto> = z
  .lazy(() =>
    z.object({
      code: z.string().openapi({ example: 'agriculture.tea' }),
      label: z.object({ 'zh-CN': z.string(), en: z.string() }),
      level: z.number().int().min(1).max(3),
      parent: z.string().nullable(),
      aliases: z
        .array(z.string())
        .openapi({ description: 'Synonyms and abbreviations, zh and en', example: ['茶', 'tea industry'] }),
      std: z.string().optional().openapi({
        description:
          "The standard followed, with its code where known: 'GB/T 13745-2009 320', '职业大典 2022', 'local'",
        example: 'local',
      }),
      children: z.array(TaxonomyNodeSchema),
    }),
  )
  .openapi('TaxonomyNode');

const toDto = (n: TaxonomyNode): TaxonomyDto => ({
  code: n.code,
  label: { ...n.label },
  level: n.level,
  parent: n.parent,
  aliases: [...n.aliases],
  ...(n.std ? { std: n.std } : {}),
  children: n.children.map(toDto),
});

/** The fields and skills taxonomy (public reference data). */
export function taxonomyRoutes() {
  const api = createApiRouter('/taxonomy', 'Reference data');
  api.route({
    method: 'get',
    path: '/',
    summary: 'The taxonomy of fields, sub-fields and skills, with zh-CN and en labels, aliases and standards',
    access: 'public',
    success: { status: 200, schema: z.object({ items: z.array(TaxonomyNodeSchema) }) },
    handler: () => ({ items: getTaxonomy().map(toDto) }),
  });
  return api;
}

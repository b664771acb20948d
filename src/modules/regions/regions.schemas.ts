import { z } from 'zod';
import { singleLine } from '../../lib/schemas';
import { isRegionCode, listProvinces } from './regions.service';

/** A GB/T 2260 county-level code (6 digits, as a string) that exists in the Yinling region data. */
export const RegionCode = z
  .string()
  .regex(/^\d{6}$/, 'a region code has 6 digits')
  .refine(isRegionCode, { message: 'unknown region code' });

export type RegionCode = z.infer<typeof RegionCode>;

const provinceCodes = listProvinces().map((p) => p.code);

/** A province code of the service area: 500000 重庆, 420000 湖北, 430000 湖南, 520000 贵州, 510000 四川 (Chengdu). */
export const ProvinceCode = z
  .string()
  .refine((code) => provinceCodes.includes(code), { message: 'unknown province code' });

/** Query string of a region search, for the routes: `?q=黔江&province=500000&limit=10`. */
export const SearchRegionsQuery = z
  .object({
    q: singleLine(50, { min: 0 }).default(''),
    province: ProvinceCode.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export type SearchRegionsQuery = z.infer<typeof SearchRegionsQuery>;

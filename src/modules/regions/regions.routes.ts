import { z } from 'zod';
import { NotFoundError } from '../../lib/errors';
import { createApiRouter } from '../../lib/http/api-router';
import { SearchRegionsQuery } from './regions.schemas';
import { getRegion, type Region, searchRegions } from './regions.service';

const AreaRefSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });

export const RegionSchema = z
  .object({
    code: z.string().openapi({ example: '500114' }),
    name: z.string().openapi({ example: '黔江区' }),
    nameEn: z.string().openapi({ example: 'Qianjiang District' }),
    pinyin: z.string(),
    prefecture: AreaRefSchema,
    province: AreaRefSchema,
    lat: z.number(),
    lng: z.number(),
  })
  .openapi('Region');

const toDto = (r: Region) => ({
  code: r.code,
  name: r.name,
  nameEn: r.nameEn,
  pinyin: r.pinyin,
  prefecture: { code: r.prefecture.code, name: r.prefecture.name, nameEn: r.prefecture.nameEn },
  province: { code: r.province.code, name: r.province.name, nameEn: r.province.nameEn },
  lat: r.lat,
  lng: r.lng,
});

/** County-level regions of the service area (public reference data). */
export function regionsRoutes() {
  const api = createApiRouter('/regions', 'Reference data');
  api.route({
    method: 'get',
    path: '/',
    summary: 'Search county-level regions by code prefix, Chinese name, pinyin or English name',
    access: 'public',
    request: { query: SearchRegionsQuery },
    success: { status: 200, schema: z.object({ items: z.array(RegionSchema) }) },
    handler: ({ input }) => ({
      items: searchRegions(input.query.q, { province: input.query.province, limit: input.query.limit }).map(
        toDto,
      ),
    }),
  });
  api.route({
    method: 'get',
    path: '/:code',
    summary: 'One region by its GB/T 2260 code',
    access: 'public',
    request: { params: z.object({ code: z.string().regex(/^\d{6}$/, 'a region code has 6 digits') }) },
    success: { status: 200, schema: RegionSchema },
    errors: [404],
    handler: ({ input }) => {
      const region = getRegion(input.params.code);
      if (!region) throw new NotFoundError('Region');
      return toDto(region);
    },
  });
  return api;
}

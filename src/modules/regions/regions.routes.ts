import { z } from 'zod';
import { NotFoundError } from '../../lib/errors';
import { createApiRouter } from '../../lib/http/api-router';
import { multiLine } from '../../lib/schemas';
import { RegionCode, SearchRegionsQuery } from './regions.schemas';
import { getRegion, type Region, searchRegions } from './regions.service';
import {
  clearTravelOverride,
  getTravelTime,
  listTravelOverrides,
  setTravelOverride,
} from './travel-overrides.service';

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

const STAFF = ['coordinator', 'admin'] as const;

export const TravelTimeQuery = z.object({ from: RegionCode, to: RegionCode }).strict();

export const TravelTimeSchema = z
  .object({
    from: z.string().openapi({ example: '500114' }),
    to: z.string().openapi({ example: '422801' }),
    minutes: z.number().int().openapi({ example: 130 }),
    text: z.string().openapi({ example: '2小时10分钟' }),
    textEn: z.string().openapi({ example: '2 h 10 min' }),
    source: z.enum(['road-model', 'override']),
  })
  .openapi('TravelTime');

export const TravelOverrideBody = z
  .object({
    from: RegionCode,
    to: RegionCode,
    minutes: z
      .number()
      .int()
      .min(10)
      .max(2880)
      .openapi({ description: 'driving minutes, 10 to 2880 (48 h)' }),
    note: multiLine(500, { min: 1 }).openapi({ example: 'G65 黔江–彭水 closed for repairs until June' }),
  })
  .strict()
  .openapi('TravelOverrideBody');

export const TravelOverrideSchema = z
  .object({
    from: z.string(),
    fromName: z.string(),
    to: z.string(),
    toName: z.string(),
    minutes: z.number().int(),
    roadModelMinutes: z.number().int(),
    note: z.string(),
    by: z.string(),
    updatedAt: z.date(),
  })
  .openapi('TravelOverride');

/** Driving times between county seats: the road model, and coordinators' corrections of it. */
function travelRoutes(api: ReturnType<typeof createApiRouter>) {
  api.route({
    method: 'get',
    path: '/travel-times',
    summary: 'Driving time between two county seats (road model, or a coordinator correction)',
    access: 'public',
    request: { query: TravelTimeQuery },
    success: { status: 200, schema: TravelTimeSchema },
    handler: ({ input }) => getTravelTime(input.query.from, input.query.to),
  });
  api.route({
    method: 'get',
    path: '/travel-overrides',
    summary: 'Coordinator corrections of travel times (coordinators and admins)',
    access: STAFF,
    success: { status: 200, schema: z.object({ items: z.array(TravelOverrideSchema) }) },
    handler: async () => ({ items: await listTravelOverrides() }),
  });
  api.route({
    method: 'put',
    path: '/travel-overrides',
    summary: 'Set the driving time of a pair of county seats, both ways (coordinators and admins; audited)',
    access: STAFF,
    request: { body: TravelOverrideBody },
    success: { status: 200, schema: TravelOverrideSchema },
    handler: ({ actor, input }) => setTravelOverride(actor, input.body),
  });
  api.route({
    method: 'delete',
    path: '/travel-overrides/:from/:to',
    summary:
      'Remove the correction of a pair; the road model applies again (coordinators and admins; audited)',
    access: STAFF,
    request: { params: z.object({ from: RegionCode, to: RegionCode }) },
    success: { status: 204 },
    errors: [404],
    handler: async ({ actor, input }) => {
      await clearTravelOverride(actor, input.params.from, input.params.to);
    },
  });
}

/** County-level regions of the service area (public reference data). */
export function regionsRoutes() {
  const api = createApiRouter('/regions', 'Reference data');
  // Before '/:code', which would otherwise take 'travel-times' for a code.
  travelRoutes(api);
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

import { randomInt } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { inDays } from './dates';

export function buildNeedInput(overrides: Record<string, unknown> = {}) {
  return {
    title: `茶叶加工技术指导 ${randomInt(1e6)}`,
    description: '指导绿茶加工线的工艺改进',
    field: 'agriculture',
    mustHaveSkills: ['agriculture.tea.processing'],
    niceToHaveSkills: ['agriculture.tea.cultivation'],
    minTitleLevel: 'associate_senior',
    mode: 'periodic',
    county: '500114',
    period: { from: inDays(-30), to: inDays(300) },
    daysPerMonth: 6,
    expertsWanted: 2,
    offer: { stipendPerMonth: 3000, housing: true, travel: true, other: '工作餐' },
    employerApproval: true,
    ...overrides,
  };
}

/** Posts a draft need over HTTP with the given caller's header; fails loudly if refused. */
export async function createNeed(
  app: Express,
  header: { Authorization: string },
  overrides: Record<string, unknown> = {},
) {
  const res = await request(app).post('/api/v1/needs').set(header).send(buildNeedInput(overrides));
  if (res.status !== 201) throw new Error(`need creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string; organisationId: string; [key: string]: unknown };
}

/** A need created and opened (the organisation must be verified). */
export async function createOpenNeed(
  app: Express,
  header: { Authorization: string },
  overrides: Record<string, unknown> = {},
) {
  const need = await createNeed(app, header, overrides);
  const res = await request(app).post(`/api/v1/needs/${need.id}/open`).set(header);
  if (res.status !== 200) throw new Error(`opening failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as typeof need;
}

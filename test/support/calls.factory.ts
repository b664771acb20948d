import { inDays } from './dates';

/**
 * The body of `POST /api/v1/calls`: a remote cardiology call (the expert of buildExpert() meets it) in
 * Qianjiang, taking applications for 20 days, the work from day 30 to day 300.
 */
export const callBody = (overrides: Record<string, unknown> = {}) => ({
  title: '基层心血管病防治能力提升揭榜',
  problem: '乡镇卫生院心电图判读能力不足，转诊率高。',
  goals: '一年内乡镇卫生院心电图判读准确率达到九成。',
  deliverables: '培训方案、判读规范、远程会诊流程。',
  reward: '项目经费 20 万元',
  applyBy: inDays(20),
  field: 'health',
  mustHaveSkills: ['health.cardiology'],
  minTitleLevel: 'associate_senior',
  mode: 'remote',
  county: '500114',
  period: { from: inDays(30), to: inDays(300) },
  ...overrides,
});

import { type Request, type Response, Router } from 'express';
import type { Context } from '../../context';
import type { Actor } from '../../lib/actor';
import {
  checked,
  errorsFromError,
  FORM_ERROR,
  flatten,
  list,
  num,
  numOrNull,
  renderFormErrors,
  required,
  submitForm,
  text,
  textOrNull,
} from '../../lib/http/page-forms';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { IdParams } from '../../lib/schemas';
import { candidateProfiles } from '../experts/candidate-profiles';
import { listMatches } from '../matches/match-queries.service';
import { employerDecision } from '../matches/match-workflow.service';
import { cancelNeedAndMatches } from '../matches/need-cancellation.service';
import { editNeed } from '../matches/need-change.service';
import { CreateNeedBody, type NeedView, UpdateNeedBody } from './need.schemas';
import { createNeed, EDITABLE_STATUSES, getNeed } from './need.service';
import { needHistoryInWords } from './need-history-view';
import { closeNeed, openNeed } from './need-status.service';

type Body = Record<string, unknown>;

/** The need form → the needs service's input; on edit, an emptied optional field is cleared (null). */
function needInput(body: Body, edit: boolean) {
  const optional = edit ? textOrNull : text;
  return {
    title: required(body, 'title'),
    description: text(body, 'description') ?? '',
    field: text(body, 'field'),
    mustHaveSkills: list(body, 'mustHaveSkills'),
    mustHaveMatch: text(body, 'mustHaveMatch'),
    niceToHaveSkills: list(body, 'niceToHaveSkills'),
    minTitleLevel: optional(body, 'minTitleLevel'),
    minTitleSeries: optional(body, 'minTitleSeries'),
    minSkillLevel: optional(body, 'minSkillLevel'),
    mode: text(body, 'mode'),
    county: text(body, 'county'),
    period: { from: text(body, 'period.from'), to: text(body, 'period.to') },
    daysPerMonth: edit ? numOrNull(body, 'daysPerMonth') : num(body, 'daysPerMonth'),
    expertsWanted: num(body, 'expertsWanted'),
    offer: {
      stipendPerMonth: num(body, 'offer.stipendPerMonth'),
      housing: checked(body, 'offer.housing'),
      travel: checked(body, 'offer.travel'),
      other: text(body, 'offer.other'),
    },
    employerApproval: checked(body, 'employerApproval'),
  };
}

async function renderNeed(res: Response, actor: Actor, id: string, error?: string) {
  const lang = res.locals.lang as PageLanguage;
  const [need, matches] = await Promise.all([
    getNeed(actor, id),
    listMatches(actor, { needId: id, page: 1, pageSize: 100 }),
  ]);
  // Before approving, the employer sees who the candidate is professionally (never their contacts).
  const profiles = await candidateProfiles(matches.items.map((m) => m.expert.id));
  const candidates = matches.items.map((m) => ({
    ...m,
    profile: profiles.get(m.expert.id),
    reasons: [...m.contributions]
      .filter((c) => c.points > 0)
      .sort((a, b) => b.points - a.points)
      .slice(0, 5)
      .map((c) => c.reason[lang]),
  }));
  res.status(error ? 409 : 200).render('needs/detail', {
    titleKey: 'needDetail.title',
    need,
    candidates,
    editable: EDITABLE_STATUSES.includes(need.status),
    history: needHistoryInWords('changes' in need ? (need.changes ?? []) : [], pageT(res), lang),
    errors: error ? { [FORM_ERROR]: error } : undefined,
  });
}

/**
 * After an edit the page says how many proposals and offers it withdrew (`?done=needEditedWithdrawn&withdrawn=2`):
 * the count is a number, so it is put into the message here rather than by the layout's `done` lookup.
 */
export function editedNotice(req: Request, res: Response): void {
  const n = Number(req.query.withdrawn);
  if (req.query.done === 'needEditedWithdrawn' && Number.isInteger(n) && n > 0) {
    res.locals.done = pageT(res)('done.needEditedWithdrawn', { n });
  }
}

/** Where the page goes after an edit, with the message saying what it withdrew. */
const afterEdit = (base: string, id: string, withdrawn: number) =>
  withdrawn > 0
    ? `${base}/${id}?done=needEditedWithdrawn&withdrawn=${withdrawn}`
    : `${base}/${id}?done=needEdited`;

/**
 * The edit form of a need (the employer's or the office's): a published need's form says what saving
 * withdraws and names the experts who already said yes, whom the edit leaves alone.
 */
async function editForm(actor: Actor, id: string, base: string) {
  const [need, matches] = await Promise.all([
    getNeed(actor, id),
    listMatches(actor, { needId: id, page: 1, pageSize: 100 }),
  ]);
  const { changes: _changes, ...fields } = need as NeedView;
  return form('needEdit.title', {
    need,
    needBase: base,
    values: flatten(fields),
    published: need.status !== 'draft',
    unaffected: matches.items
      .filter((m) => m.status === 'accepted' || m.status === 'engaged')
      .map((m) => m.expert.name),
  });
}

const form = (titleKey: string, extra: { values: Record<string, unknown> } & Record<string, unknown>) => ({
  titleKey,
  ...extra,
});

/** GET and POST of an edit form under `base` (/employer/needs, /coordinator/needs). */
function editRoutes(ctx: Context, router: Router, base: string): void {
  router.get(`${base}/:id/edit`, async (req, res) => {
    res.render('needs/form', await editForm(pageActor(res), IdParams.parse(req.params).id, base));
  });

  router.post(`${base}/:id/edit`, async (req, res) => {
    const actor = pageActor(res);
    const { id } = IdParams.parse(req.params);
    const done = await submitForm(UpdateNeedBody, needInput(req.body, true), pageT(res), (valid) =>
      editNeed(ctx, actor, id, valid),
    );
    if (!done.ok) {
      const page = await editForm(actor, id, base);
      return renderFormErrors(res, 'needs/form', done, { ...page, values: req.body });
    }
    res.redirect(303, afterEdit(base, id, done.result.withdrawnMatches));
  });
}

const STEPS = { open: openNeed, cancel: cancelNeedAndMatches, close: closeNeed } as const;
/** Ending and cancelling are asked twice: the page says what each means, then asks to confirm. */
const CONFIRMED_STEPS = {
  close: 'needDetail.confirmCloseTitle',
  cancel: 'needDetail.confirmCancelTitle',
} as const;

/** The employer posts and edits needs, follows candidates, and approves them when the need asks for it. */
export function needPages(ctx: Context): Router {
  const router = Router();
  router.use(['/employer/needs', '/employer/matches'], requireRole('employer'));
  router.use('/coordinator/needs/:id/edit', requireRole('coordinator', 'admin'));

  router.get('/employer/needs/new', (_req, res) => {
    res.render(
      'needs/form',
      form('needNew.title', { values: { expertsWanted: 1, mustHaveMatch: 'sub_field' } }),
    );
  });

  router.post('/employer/needs', async (req, res) => {
    const actor = pageActor(res);
    const done = await submitForm(CreateNeedBody, needInput(req.body, false), pageT(res), (valid) =>
      createNeed(actor, valid),
    );
    if (!done.ok)
      return renderFormErrors(res, 'needs/form', done, form('needNew.title', { values: req.body }));
    res.redirect(303, `/employer/needs/${done.result.id}?done=needSaved`);
  });

  router.get('/employer/needs/:id', async (req, res) => {
    editedNotice(req, res);
    await renderNeed(res, pageActor(res), IdParams.parse(req.params).id);
  });

  editRoutes(ctx, router, '/employer/needs');
  editRoutes(ctx, router, '/coordinator/needs');

  for (const [step, titleKey] of Object.entries(CONFIRMED_STEPS)) {
    router.get(`/employer/needs/:id/${step}`, async (req, res) => {
      const need = await getNeed(pageActor(res), IdParams.parse(req.params).id);
      res.render('needs/confirm-step', { titleKey, need, step, close: step === 'close' });
    });
  }

  for (const [step, run] of Object.entries(STEPS)) {
    router.post(`/employer/needs/:id/${step}`, async (req, res) => {
      const actor = pageActor(res);
      const { id } = IdParams.parse(req.params);
      try {
        await run(ctx, actor, id);
      } catch (err) {
        const errors = errorsFromError(err, pageT(res));
        if (!errors) throw err;
        return renderNeed(res, actor, id, errors[FORM_ERROR] ?? pageT(res)('error.notDone'));
      }
      res.redirect(303, `/employer/needs/${id}?done=need_${step}`);
    });
  }

  router.post('/employer/matches/:id/decision', async (req, res) => {
    const actor = pageActor(res);
    const { id } = IdParams.parse(req.params);
    const approve = req.body.decision === 'approve';
    const needId = IdParams.parse({ id: req.body.needId }).id;
    try {
      await employerDecision(ctx, actor, id, { approve, reason: text(req.body, 'reason') });
    } catch (err) {
      const errors = errorsFromError(err, pageT(res));
      if (!errors) throw err;
      return renderNeed(res, actor, needId, errors[FORM_ERROR] ?? pageT(res)('error.notDone'));
    }
    res.redirect(303, `/employer/needs/${needId}?done=${approve ? 'approved' : 'turnedDown'}`);
  });

  return router;
}

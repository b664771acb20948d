import { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../context';
import {
  type FieldErrors,
  FORM_ERROR,
  flatten,
  renderFormErrors,
  submitForm,
  text,
  textOrNull,
  toRows,
} from '../../lib/http/page-forms';
import { labelKeyOf } from '../../lib/http/page-helpers';
import type { PageLanguage, Translate } from '../../lib/http/page-i18n';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { ObjectIdString } from '../../lib/schemas';
import { userDisplayNames } from '../accounts/user-records.service';
import { listAudit } from '../audit/audit.service';
import { ContactBody } from '../liaisons/liaison.schemas';
import { getExpertLiaison, listContacts, recordContact } from '../liaisons/liaison.service';
import { listMatches } from '../matches/match-queries.service';
import { OPEN_STATUSES } from '../matches/match-transitions';
import { confirmCandidate } from '../matches/match-workflow.service';
import { findMatchableNeeds } from '../needs/need.service';
import { getOrganisationRecords } from '../organisations/organisation-records.service';
import { rankedListsHolding } from '../ranking/candidate-snapshot-records.service';
import { listRequests } from '../services/service-requests.service';
import {
  availabilityInput,
  blockedPeriodsText,
  honourRowsOf,
  profileInput,
  titleValues,
  windowRowsOf,
} from './expert-forms';
import type { ExpertView } from './expert-view';
import { UpdateExpertBody } from './experts.schemas';
import { getExpert, updateExpert } from './experts.service';

type Failed = { errors: FieldErrors; status: number };

const PAGE = 'coordinator/expert';
/** The need an expert is proposed for, from the open needs whose ranked list holds them. */
const ProposeForm = z.object({ proposeNeed: ObjectIdString });
const SHOWN = 100;

/** Today in China, the default day of a contact recorded now. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Open needs whose ranked list holds the expert and that have no match with them yet (an open
 * proposal may still be confirmed): what a coordinator may propose them for, best rank first.
 */
async function proposableNeeds(expertId: string, matchedNeeds: Map<string, string>) {
  const listed = await rankedListsHolding(expertId);
  const free = listed.filter((l) => (matchedNeeds.get(l.needId) ?? 'proposed') === 'proposed');
  if (free.length === 0) return [];
  const needs = await findMatchableNeeds({ needIds: free.map((l) => l.needId) });
  const orgs = await getOrganisationRecords(needs.map((n) => n.organisationId));
  const orgName = new Map(orgs.map((o) => [String(o._id), o.name]));
  const need = new Map(needs.map((n) => [String(n._id), n]));
  return free
    .flatMap((l) => {
      const n = need.get(l.needId);
      if (!n) return [];
      const org = orgName.get(String(n.organisationId)) ?? '';
      return [{ value: l.needId, rank: l.rank, label: `${n.title} · ${org}`, score: Math.round(l.score) }];
    })
    .sort((a, b) => a.rank - b.rank);
}

/** Audit entries about the expert, the changed fields named in words, never raw values. */
async function auditRows(expertId: string, t: Translate) {
  const audit = await listAudit({ targetType: 'expert', targetId: expertId }, 1, 50);
  const names = await userDisplayNames([...new Set(audit.items.map((e) => e.actorId))]);
  const word = (key: string, fallback: string) => (t.has(key) ? t(key) : fallback);
  return audit.items.map((e) => {
    const fields = Array.isArray(e.details?.fields) ? (e.details.fields as string[]) : [];
    return {
      at: e.at,
      actor: names.get(e.actorId) ?? '—',
      action: word(`auditAction.${e.action}`, e.action),
      fields: fields.map((f) => word(labelKeyOf(f), f)).join('、'),
    };
  });
}

/** The expert page: every fact about the expert and the coordinator's actions, each form's errors beside it. */
async function renderExpertPage(
  res: Response,
  id: string,
  failed?: Failed,
  values: Record<string, unknown> = {},
) {
  const actor = pageActor(res);
  const t = pageT(res);
  const expert = await getExpert(actor, id);
  const erased = expert.status === 'deleted';
  const [matches, requests, audit] = await Promise.all([
    listMatches(actor, { expertId: id, page: 1, pageSize: SHOWN }),
    listRequests(actor, { expertId: id, page: 1, pageSize: 20 }),
    auditRows(id, t),
  ]);
  const [liaison, contacts] = erased
    ? [null, []]
    : await Promise.all([getExpertLiaison(actor, id), listContacts(id)]);
  const matchedNeeds = new Map(matches.items.map((m) => [m.need.id, m.status]));
  const needs = erased ? [] : await proposableNeeds(id, matchedNeeds);
  const lang = res.locals.lang as PageLanguage;
  const data = {
    titleKey: 'expertPage.title',
    expert,
    erased,
    hasAccount: Boolean(expert.userId),
    matches: matches.items.map((m) => ({
      ...m,
      relayByPhone: m.status === 'offered' && !expert.email,
      open: OPEN_STATUSES.includes(m.status),
    })),
    requests: requests.items.map((r) => ({
      ...r,
      name: lang === 'en' ? r.serviceName.en : r.serviceName.zh,
    })),
    liaison,
    contacts,
    audit,
    needOptions: needs.map((n) => ({
      value: n.value,
      label: t('expertPage.needOption', { label: n.label, rank: n.rank, score: n.score }),
    })),
    kindOptions: ['call', 'visit', 'message'].map((k) => ({ value: k, label: t(`contactKind.${k}`) })),
    values: { date: chinaToday(), kind: 'call', ...values },
  };
  if (failed) return renderFormErrors(res, PAGE, failed, { ...data, values: data.values });
  res.render(PAGE, data);
}

function profileValues(expert: ExpertView) {
  const { title: _title, ...rest } = expert;
  return { ...flatten(rest), ...titleValues(expert), tags: (expert.tags ?? []).join('、') };
}

function availabilityValues(expert: ExpertView, lang: PageLanguage) {
  return {
    ...flatten(expert),
    'availability.blockedPeriods': blockedPeriodsText(expert.availability, lang),
  };
}

const BLOCKED_PERIOD = /^availability\.blockedPeriods\.(\d+)\.(from|to)$/;

/** A bad blocked period belongs to the one box, saying its line (as on the expert's own page). */
function onBlockedBox(errors: FieldErrors, lineOf: readonly number[], t: Translate): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const bad = BLOCKED_PERIOD.exec(field);
    if (!bad) out[field] ??= message;
    else
      out['availability.blockedPeriods'] ??=
        `${t('error.onLine', { line: lineOf[Number(bad[1])] ?? Number(bad[1]) + 1 })}${message}`;
  }
  return out;
}

/** The id of /coordinator/experts/:id; any other word ("new", a list's path) is left to other routes. */
function expertIdOf(req: Request, next: NextFunction): string | undefined {
  const parsed = ObjectIdString.safeParse(req.params.id);
  if (!parsed.success) next();
  return parsed.success ? parsed.data : undefined;
}

/**
 * The coordinators' page of one expert: profile, availability, matches, history, consent, liaison,
 * contacts, service requests and audit, with the edits and actions the office takes on the expert's
 * behalf. Every action calls the service the API calls.
 */
export function coordinatorExpertPages(ctx: Context): Router {
  const router = Router();
  router.use('/coordinator/experts', requireRole('coordinator', 'admin'));

  router.get('/coordinator/experts/:id', async (req, res, next) => {
    const id = expertIdOf(req, next);
    if (id) await renderExpertPage(res, id);
  });

  router.get('/coordinator/experts/:id/profile', async (req, res, next) => {
    const id = expertIdOf(req, next);
    if (!id) return;
    const expert = await getExpert(pageActor(res), id);
    res.render('coordinator/expert-profile', {
      titleKey: 'expertPage.editProfile',
      expert,
      values: profileValues(expert),
      honourRows: honourRowsOf(expert),
    });
  });

  router.post('/coordinator/experts/:id/profile', async (req, res, next) => {
    const id = expertIdOf(req, next);
    if (!id) return;
    const actor = pageActor(res);
    const expert = await getExpert(actor, id);
    const { input, rowOf } = profileInput(req.body);
    // Staff change the address without a password; an expert without one may stay without one.
    const email = text(req.body, 'email') ?? (expert.email ? '' : undefined);
    const { currentPassword: _unused, ...rest } = input;
    const done = await submitForm(UpdateExpertBody, { ...rest, email }, pageT(res), (valid) =>
      updateExpert(ctx, actor, id, valid),
    );
    if (!done.ok) {
      return renderFormErrors(
        res,
        'coordinator/expert-profile',
        { ...done, errors: toRows(done.errors, 'honours', rowOf) },
        {
          titleKey: 'expertPage.editProfile',
          expert,
          values: req.body,
          honourRows: honourRowsOf(undefined, req.body),
        },
      );
    }
    res.redirect(303, `/coordinator/experts/${id}?done=saved`);
  });

  router.get('/coordinator/experts/:id/availability', async (req, res, next) => {
    const id = expertIdOf(req, next);
    if (!id) return;
    const expert = await getExpert(pageActor(res), id);
    res.render('coordinator/expert-availability', {
      titleKey: 'expertPage.editAvailability',
      expert,
      values: availabilityValues(expert, res.locals.lang as PageLanguage),
      windowRows: windowRowsOf(expert),
    });
  });

  router.post('/coordinator/experts/:id/availability', async (req, res, next) => {
    const id = expertIdOf(req, next);
    if (!id) return;
    const actor = pageActor(res);
    const t = pageT(res);
    const { input, rowOf, lineOf } = availabilityInput(req.body);
    const done = await submitForm(UpdateExpertBody, input, t, (valid) => updateExpert(ctx, actor, id, valid));
    if (!done.ok) {
      const expert = await getExpert(actor, id);
      const errors = onBlockedBox(toRows(done.errors, 'availability.windows', rowOf), lineOf, t);
      return renderFormErrors(
        res,
        'coordinator/expert-availability',
        { ...done, errors },
        {
          titleKey: 'expertPage.editAvailability',
          expert,
          values: req.body,
          windowRows: windowRowsOf(expert, req.body),
        },
      );
    }
    res.redirect(303, `/coordinator/experts/${id}?done=saved`);
  });

  // Pause or resume on the expert's behalf (they phoned, or are ill): the same edit as their own switch.
  router.post('/coordinator/experts/:id/pause', async (req, res, next) => {
    const id = expertIdOf(req, next);
    if (!id) return;
    const paused = text(req.body, 'paused') === 'true';
    const input = {
      availability: { paused, pauseReason: paused ? textOrNull(req.body, 'availability.pauseReason') : null },
    };
    const done = await submitForm(UpdateExpertBody, input, pageT(res), (valid) =>
      updateExpert(ctx, pageActor(res), id, valid),
    );
    if (!done.ok) return renderExpertPage(res, id, done, req.body);
    res.redirect(303, `/coordinator/experts/${id}?done=${paused ? 'expertPaused' : 'expertResumed'}`);
  });

  router.post('/coordinator/experts/:id/contacts', async (req, res, next) => {
    const id = expertIdOf(req, next);
    if (!id) return;
    const input = {
      date: text(req.body, 'date') ?? '',
      kind: text(req.body, 'kind') ?? '',
      summary: text(req.body, 'summary') ?? '',
      notes: text(req.body, 'notes'),
    };
    const done = await submitForm(ContactBody, input, pageT(res), (v) =>
      recordContact(pageActor(res), id, v),
    );
    if (!done.ok) return renderExpertPage(res, id, done, req.body);
    res.redirect(303, `/coordinator/experts/${id}?done=contactRecorded#contacts`);
  });

  // Proposed and confirmed in one step, as from the need's candidate list: the offer goes out (or the
  // employer is asked first); for an expert without an email the coordinator relays it by phone.
  router.post('/coordinator/experts/:id/propose', async (req, res, next) => {
    const id = expertIdOf(req, next);
    if (!id) return;
    const input = { proposeNeed: text(req.body, 'proposeNeed') ?? '' };
    const done = await submitForm(ProposeForm, input, pageT(res), (v) =>
      confirmCandidate(ctx, pageActor(res), v.proposeNeed, id),
    );
    if (!done.ok) {
      // A refusal of the proposal (not a candidate, already proposed, no place left) is about the need chosen.
      const { [FORM_ERROR]: formError, ...errors } = done.errors;
      const onNeed = formError && !errors.proposeNeed ? { ...errors, proposeNeed: formError } : done.errors;
      return renderExpertPage(res, id, { ...done, errors: onNeed }, req.body);
    }
    const { email } = await getExpert(pageActor(res), id);
    const outcome =
      done.result.status !== 'offered' ? 'awaitingEmployer' : email ? 'offerSent' : 'offerToRelay';
    res.redirect(303, `/coordinator/experts/${id}?done=${outcome}#matches`);
  });

  return router;
}

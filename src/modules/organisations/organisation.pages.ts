import { Router } from 'express';
import type { Context } from '../../context';
import { flatten, renderFormErrors, required, secret, submitForm, text } from '../../lib/http/page-forms';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { pageActor, pageT, requireRole } from '../../lib/http/pages';
import { signupRateLimit } from '../accounts/login-rate-limit';
import { formToken } from '../accounts/session.middleware';
import { listNeeds } from '../needs/need.service';
import { RegisterEmployerBody, UpdateOrganisationBody } from './organisation.schemas';
import { getOrganisation, updateOrganisation } from './organisation.service';
import { registerEmployer } from './registration.service';

type Body = Record<string, unknown>;

const organisationOf = (body: Body) => ({
  name: required(body, 'organisation.name'),
  type: text(body, 'organisation.type'),
  creditCode: text(body, 'organisation.creditCode')?.toUpperCase(),
  county: text(body, 'organisation.county'),
  address: required(body, 'organisation.address'),
  description: text(body, 'organisation.description'),
});

function signupInput(body: Body, lang: PageLanguage) {
  return {
    email: text(body, 'email'),
    password: secret(body, 'password'),
    name: required(body, 'name'),
    phone: text(body, 'phone'),
    preferredLanguage: lang,
    organisation: organisationOf(body),
  };
}

/** The organisation form edits the same fields, plus the contact person; names match the API body. */
function updateInput(body: Body) {
  const org = organisationOf(body);
  return {
    ...org,
    description: org.description ?? '',
    contact: {
      name: required(body, 'contact.name'),
      phone: text(body, 'contact.phone'),
      email: required(body, 'contact.email'),
    },
  };
}

/** Employer sign-up, the employer's home and the organisation profile. */
export function organisationPages(ctx: Context): Router {
  const router = Router();

  router.get('/employer/signup', formToken, (_req, res) => {
    res.render('organisations/signup', { titleKey: 'employerSignup.title', values: {} });
  });

  router.post('/employer/signup', signupRateLimit(ctx), async (req, res) => {
    const input = signupInput(req.body, res.locals.lang as PageLanguage);
    const done = await submitForm(RegisterEmployerBody, input, pageT(res), (valid) =>
      registerEmployer(ctx, valid),
    );
    if (!done.ok) {
      const { password: _password, ...values } = req.body;
      // The service names a taken credit code by its own field name.
      const { creditCode, ...errors } = done.errors;
      if (creditCode) errors['organisation.creditCode'] ??= creditCode;
      return renderFormErrors(
        res,
        'organisations/signup',
        { ...done, errors },
        { titleKey: 'employerSignup.title', values },
      );
    }
    // The same page whether the address was new or already registered (its owner is emailed instead).
    res.redirect(303, '/employer/signup/sent');
  });

  router.get('/employer/signup/sent', (_req, res) => {
    res.render('organisations/signup-sent', { titleKey: 'signupSent.title' });
  });

  router.use('/employer', requireRole('employer'));

  router.get('/employer', async (_req, res) => {
    const actor = pageActor(res);
    const [organisation, needs] = await Promise.all([
      getOrganisation(actor, actor.organisationId ?? ''),
      listNeeds(actor, { page: 1, pageSize: 100, sort: '-createdAt' }),
    ]);
    res.render('organisations/home', { titleKey: 'employerHome.title', organisation, needs: needs.items });
  });

  router.get('/employer/organisation', async (_req, res) => {
    const actor = pageActor(res);
    const organisation = await getOrganisation(actor, actor.organisationId ?? '');
    const { contact, ...rest } = organisation;
    res.render('organisations/edit', {
      titleKey: 'organisationEdit.title',
      organisation,
      values: { ...flatten({ organisation: rest }), ...flatten({ contact }) },
    });
  });

  router.post('/employer/organisation', async (req, res) => {
    const actor = pageActor(res);
    const organisationId = actor.organisationId ?? '';
    const done = await submitForm(UpdateOrganisationBody, updateInput(req.body), pageT(res), (valid) =>
      updateOrganisation(actor, organisationId, valid),
    );
    if (!done.ok) {
      const organisation = await getOrganisation(actor, organisationId);
      // The update body has the organisation's fields at its root; the form names them organisation.*.
      const errors = Object.fromEntries(
        Object.entries(done.errors).map(([k, v]) => [
          /^(contact\.|_form$)/.test(k) ? k : `organisation.${k}`,
          v,
        ]),
      );
      return renderFormErrors(
        res,
        'organisations/edit',
        { ...done, errors },
        { titleKey: 'organisationEdit.title', organisation, values: req.body },
      );
    }
    res.redirect(303, '/employer?done=saved');
  });

  return router;
}

/**
 * Server-rendered pages: the plumbing every page router shares. Conventions for page authors:
 *
 * - Routes: a `<feature>.pages.ts` beside the feature exports a function returning an Express Router;
 *   list it in src/modules/pages.ts. Handlers call the same services as the JSON API with
 *   `pageActor(res)` — business rules stay in the services. GET renders, POST redirects (303) on success.
 * - Access: `requireRole('expert')`, `requireRole('employer')`, ... before the handlers: anonymous
 *   visitors go to /login?next=<url>, other roles get the 403 page.
 * - Views: templates/pages/<area>/<name>.hbs, `res.render('<area>/<name>', data)`, wrapped by
 *   layouts/main.hbs. Give `titleKey` (a dictionary key) for the <title> and the <h1>.
 * - Text: every visible string through `{{t "area.key"}}` (with `{name}` placeholders filled from the
 *   hash: `{{t "expert.hello" name=user.displayName}}`); values of closed vocabularies through
 *   `{{tv "mode" need.mode}}` (key "mode.remote"). Dictionaries: templates/i18n/zh-CN.json and en.json,
 *   flat keys, the same keys in both (a test checks). A missing key throws outside production.
 *   In route code the same lookup is `res.locals.t(key, vars)`.
 * - Locals in every view: `lang`, `t`, `user` (the CurrentUser or null), `actor`, `csrfToken`, `path`,
 *   `currentUrl` (for the language switch), `textSize` (the reader's chosen text size), `done` (a success
 *   message, from `?done=<key>` → "done.<key>").
 * - Forms: `<form method="post">` with `{{> csrf}}` inside and `{{> form-errors}}` at the top; fields
 *   named by the service input's dotted path and drawn with the partials `field`, `textarea`, `select`,
 *   `checkboxes`, `checkbox`. A field's label is `field.<name>` (numeric segments dropped:
 *   "availability.windows.0.to" → "field.availability.windows.to"); its hint `hint.<name>` when present.
 *   Handlers read the body with the helpers of page-forms.ts, call `submitForm(schema, input, t, run)`
 *   with the API's zod schema and, on refusal, `renderFormErrors(res, view, failed, { values: req.body })`:
 *   every error appears next to its field and in the summary, the entered values stay.
 * - CSRF: csrfProtection (accounts/session.middleware.ts) checks every unsafe page request of a
 *   signed-in session against the `_csrf` field that `{{> csrf}}` writes. Refusal: the 403 page.
 * - Errors: throw AppErrors; `pageErrorHandler` renders error.hbs in the layout with words for the
 *   status (and for the code when "error.code.<CODE>" exists). Unknown paths get the 404 page.
 * - Assets: no CDN, no build step, no inline script or style (CSP). One stylesheet at /assets/app.css
 *   (templates/pages/assets, with its print rules), chart.js at /assets/chart.js; app.js (every page: focus
 *   on the error summary, print buttons) and county-search.js (the county field's search by name or
 *   pinyin) are enhancements — every page works without them.
 */
import { dirname, join } from 'node:path';
import express, {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type RequestHandler,
  type Response,
  Router,
} from 'express';
import { create } from 'express-handlebars';
import Handlebars from 'handlebars';
import type { Actor, Role } from '../actor';
import type { Config } from '../config';
import { ForbiddenError, NotFoundError, retryAfterOf } from '../errors';
import { toAppError } from './error-handler';
import { pageHelpers } from './page-helpers';
import {
  type Dictionary,
  findTemplatesDir,
  LANG_COOKIE,
  languageOf,
  loadDictionaries,
  type PageLanguage,
  type Translate,
  translator,
} from './page-i18n';

export type HelperMap = Record<string, (...args: never[]) => unknown>;

let translators: Record<PageLanguage, Translate> | undefined;
let dictionaries: Record<PageLanguage, Dictionary> | undefined;

/** The translators of both languages (loaded once per process). */
export function pageTranslators(strict = true): Record<PageLanguage, Translate> {
  dictionaries ??= loadDictionaries();
  translators ??= {
    'zh-CN': translator(dictionaries['zh-CN'], strict),
    en: translator(dictionaries.en, strict),
  };
  return translators;
}

/** The Handlebars view engine over templates/pages, in an isolated Handlebars environment. */
export function configureViews(app: Express, config: Readonly<Config>, extraHelpers: HelperMap = {}): void {
  const dir = join(findTemplatesDir(), 'pages');
  const all = pageTranslators(config.env !== 'production');
  const hbs = create({
    handlebars: Handlebars.create(),
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: join(dir, 'layouts'),
    partialsDir: join(dir, 'partials'),
    helpers: { ...pageHelpers(all), ...extraHelpers },
  });
  // The office's phone and address at the foot of every page (layouts/main.hbs).
  app.locals.office = config.office;
  app.engine('.hbs', hbs.engine);
  app.set('view engine', '.hbs');
  app.set('views', dir);
  app.set('view cache', config.env !== 'development');
}

/** The page assets: the stylesheet, and chart.js from node_modules. */
export function pageAssets(): Router {
  const router = Router();
  const chartJs = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  router.get('/chart.js', (_req, res) => res.sendFile(chartJs, { maxAge: '1d' }));
  router.use(express.static(join(findTemplatesDir(), 'pages', 'assets'), { maxAge: '1h', index: false }));
  return router;
}

/** The JSON API keeps its own 404 and error answers: page routers step aside for /api. */
export const skipApi: RequestHandler = (req, _res, next) =>
  next(req.path === '/api' || req.path.startsWith('/api/') ? 'router' : undefined);

/** Language, dictionary lookup and request facts, set before anything can fail. */
export const languageLocals: RequestHandler = (req, res, next) => {
  const lang = languageOf(req);
  const t = pageTranslators()[lang];
  res.locals.lang = lang;
  res.locals.t = t;
  res.locals.path = req.path;
  res.locals.currentUrl = req.originalUrl;
  res.locals.textSize = textSizeOf(req);
  const done = typeof req.query.done === 'string' ? `done.${req.query.done}` : undefined;
  if (done && /^done\.\w+$/.test(done) && t.has(done)) res.locals.done = t(done);
  next();
};

/** Who is signed in (for the header) and the session's CSRF token for forms; after authenticate. */
export function userLocals(loadUser: (actor: Actor) => Promise<unknown>): RequestHandler {
  return async (req, res, next) => {
    const actor = res.locals.actor as Actor | undefined;
    res.locals.user = actor ? await loadUser(actor) : null;
    res.locals.csrfToken = req.session?.csrfToken ?? '';
    next();
  };
}

/** The signed-in caller of a page; requireRole() has already turned anonymous visitors away. */
export function pageActor(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new ForbiddenError();
  return actor;
}

export const pageT = (res: Response): Translate => res.locals.t as Translate;

/** A local path to return to, never another site ("//evil.example", "/\\evil", "https:..."). */
export function safeNext(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : fallback;
}

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const actor = res.locals.actor as Actor | undefined;
    if (!actor) {
      const next_ = req.method === 'GET' ? req.originalUrl : '/';
      return res.redirect(303, `/login?next=${encodeURIComponent(next_)}`);
    }
    if (!roles.includes(actor.role)) return next(new ForbiddenError());
    next();
  };
}

/** Text sizes for readers who want larger type than the (already large) default; kept in a cookie. */
export const TEXT_SIZES = ['normal', 'large', 'larger'] as const;
type TextSize = (typeof TEXT_SIZES)[number];
const TEXT_SIZE_COOKIE = 'textSize';

function textSizeOf(req: Request): TextSize {
  const match = /(?:^|;\s*)textSize=(\w+)(?:;|$)/.exec(req.headers.cookie ?? '');
  return TEXT_SIZES.find((size) => size === match?.[1]) ?? 'normal';
}

/** The text-size control: `/text-size?to=large&next=/expert` remembers the size for a year and goes back. */
export function textSizeSwitch(cookieSecure: boolean): RequestHandler {
  return (req, res) => {
    const to = TEXT_SIZES.find((size) => size === req.query.to) ?? 'normal';
    res.cookie(TEXT_SIZE_COOKIE, to, {
      maxAge: 365 * 86_400_000,
      sameSite: 'lax',
      secure: cookieSecure,
      httpOnly: true,
    });
    res.redirect(303, safeNext(req.query.next));
  };
}

/** The language switch: `/lang?to=en&next=/expert` sets the cookie for a year and goes back. */
export function languageSwitch(cookieSecure: boolean): RequestHandler {
  return (req, res) => {
    const to = req.query.to === 'en' ? 'en' : 'zh-CN';
    res.cookie(LANG_COOKIE, to, {
      maxAge: 365 * 86_400_000,
      sameSite: 'lax',
      secure: cookieSecure,
      httpOnly: true,
    });
    res.redirect(303, safeNext(req.query.next));
  };
}

export const pageNotFound: RequestHandler = (_req, _res, next) => next(new NotFoundError('Page'));

const STATUS_KEYS = new Set([400, 401, 403, 404, 409, 413, 429, 500, 503]);

/** Any failure of a page, shown in the layout in the visitor's language; internals never shown. */
export const pageErrorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const error = toAppError(err);
  if (error.httpStatus >= 500) req.log?.error({ err }, 'page failed');
  else req.log?.info({ code: error.code, status: error.httpStatus }, 'page refused');
  if (res.headersSent) return;
  const retryAfter = retryAfterOf(error);
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
  const t = (res.locals.t as Translate | undefined) ?? pageTranslators()['zh-CN'];
  const status = STATUS_KEYS.has(error.httpStatus) ? error.httpStatus : error.httpStatus >= 500 ? 500 : 400;
  const codeKey = `error.code.${error.code}`;
  // A page may have its own words for a code ("error.code.LINK_USED.offer") where the general ones fit badly.
  const words = typeof res.locals.errorWords === 'string' ? `${codeKey}.${res.locals.errorWords}` : codeKey;
  res.locals.lang ??= 'zh-CN';
  res.locals.t ??= t;
  res.status(error.httpStatus).render(
    'error',
    {
      titleKey: `error.title.${status}`,
      message: t.has(words) ? t(words) : t.has(codeKey) ? t(codeKey) : t(`error.text.${status}`),
      status: error.httpStatus,
      // A passing outage: offer to load the same page again (a GET) rather than to sign in.
      retryUrl: status === 503 && req.method === 'GET' ? req.originalUrl : undefined,
      unavailable: status === 503,
      requestId: typeof req.id === 'string' ? req.id : undefined,
    },
    (renderErr: Error | null, html?: string) => {
      if (renderErr) {
        req.log?.error({ err: renderErr }, 'error page failed');
        res.type('text/plain').send(`${error.httpStatus}`);
      } else res.send(html);
    },
  );
};

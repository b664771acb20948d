import type { HelperOptions } from 'handlebars';
import type { PageLanguage, Translate } from './page-i18n';

/** Handlebars helpers of the pages; the language comes from the render's root (`lang` in res.locals). */

export const PAGE_TIME_ZONE = 'Asia/Shanghai';

type Root = { lang?: PageLanguage; values?: Record<string, unknown>; errors?: Record<string, string> };
const rootOf = (options: HelperOptions): Root => (options?.data?.root ?? {}) as Root;
const langOf = (options: HelperOptions): PageLanguage => rootOf(options).lang ?? 'zh-CN';

/** The label key of a field: numeric segments dropped ("availability.windows.0.to" → "…windows.to"). */
export const labelKeyOf = (name: string): string => `field.${name.replace(/\.\d+(?=\.|$)/g, '')}`;
export const hintKeyOf = (name: string): string => `hint.${name.replace(/\.\d+(?=\.|$)/g, '')}`;
/** Field names hold dots; ids keep to letters, digits and dashes. */
export const fieldIdOf = (name: string): string => `f-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;

function asDate(value: unknown): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function pageHelpers(translators: Record<PageLanguage, Translate>) {
  const tr = (options: HelperOptions) => translators[langOf(options)];
  return {
    /** {{t "key" name=value}} */
    t: (key: string, options: HelperOptions) => tr(options)(key, options.hash),
    /** {{tv "mode" need.mode}} → t("mode.remote"); empty for no value. */
    tv: (prefix: string, value: unknown, options: HelperOptions) =>
      value === null || value === undefined || value === '' ? '' : tr(options)(`${prefix}.${String(value)}`),
    fieldLabel: (name: string, options: HelperOptions) => tr(options)(labelKeyOf(name)),
    /** A field's hint: `hint.<name>`, or the key given as `key=` where one field name serves several forms. */
    fieldHint: (name: string, options: HelperOptions) => {
      const key = options.hash?.key ?? hintKeyOf(name);
      return tr(options).has(key) ? tr(options)(key) : '';
    },
    fieldId: (name: string) => fieldIdOf(name),
    /** The entered (or stored) value of a field, from the root's `values`. */
    fieldValue: (name: string, options: HelperOptions) => {
      const v = rootOf(options).values?.[name];
      return v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : v;
    },
    fieldError: (name: string, options: HelperOptions) => rootOf(options).errors?.[name] ?? '',
    /** True when a checkbox/option of a field is chosen: {{#if (chosen "modes" "remote")}}. */
    chosen: (name: string, option: unknown, options: HelperOptions) => {
      const v = rootOf(options).values?.[name];
      const all = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
      return all.map(String).includes(String(option));
    },
    /** True when any of the options is chosen (a skill group opens when it holds a ticked skill). */
    anyChosen: (name: string, choices: Array<{ value: string }>, options: HelperOptions) => {
      const v = rootOf(options).values?.[name];
      const all = (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map(String);
      return choices.some((c) => all.includes(c.value));
    },
    /** Form errors as a list for the summary, each with its field's label and id. */
    errorList: (options: HelperOptions) => {
      const { errors = {}, values = {} } = rootOf(options);
      const t = tr(options);
      // In the order of the form as sent (fields left out, such as unticked boxes, come last).
      const order = Object.keys(values);
      const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
      return Object.entries(errors)
        .filter(([field]) => field !== '_form')
        .sort(([a], [b]) => rank(a) - rank(b))
        .map(([field, message]) => ({
          id: fieldIdOf(field),
          label: t.has(labelKeyOf(field)) ? `${t(labelKeyOf(field))}${t('form.colon')}` : '',
          message,
        }));
    },
    eq: (a: unknown, b: unknown) => a === b,
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
    not: (a: unknown) => !a,
    includes: (list: unknown, item: unknown) =>
      Array.isArray(list) && list.map(String).includes(String(item)),
    /** A day as YYYY-MM-DD in China time. */
    date: (value: unknown) => {
      const d = asDate(value);
      return d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : '';
    },
    /** A moment in the reader's language, China time. */
    datetime: (value: unknown, options: HelperOptions) => {
      const d = asDate(value);
      if (!d) return '';
      return new Intl.DateTimeFormat(langOf(options), {
        timeZone: PAGE_TIME_ZONE,
        dateStyle: 'long',
        timeStyle: 'short',
        hourCycle: 'h23',
      }).format(d);
    },
    /** Repeat a block n times with @index (empty rows of a repeated group). */
    times: (n: number, options: HelperOptions) => {
      let out = '';
      for (let i = 0; i < n; i++) out += options.fn(i, { data: { ...options.data, index: i } });
      return out;
    },
    add: (a: number, b: number) => Number(a) + Number(b),
    /** {{#each (choices "mode" "onsite periodic remote")}}: options labelled by t("mode.onsite"), ... */
    choices: (prefix: string, values: string, options: HelperOptions) =>
      values
        .split(/\s+/)
        .filter(Boolean)
        .map((value) => ({ value, label: tr(options)(`${prefix}.${value}`) })),
    urlencode: (value: unknown) => encodeURIComponent(String(value ?? '')),
    /** The ids that describe a field (its hint and its error), or empty. */
    describedBy: (name: string, options: HelperOptions) => {
      const ids: string[] = [];
      if (tr(options).has(options.hash?.key ?? hintKeyOf(name))) ids.push(`${fieldIdOf(name)}-hint`);
      if (rootOf(options).errors?.[name]) ids.push(`${fieldIdOf(name)}-error`);
      return ids.join(' ');
    },
    concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
  };
}

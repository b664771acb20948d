import type { HelperOptions } from 'handlebars';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { getRegion, listPrefectures, listRegions } from '../regions/regions.service';
import { getNode, getTaxonomy, type TaxonomyNode } from '../taxonomy/taxonomy.service';

/**
 * Handlebars helpers over the reference data: names of regions and taxonomy codes in the reader's
 * language, and the option lists of the region and taxonomy pickers.
 */

const langOf = (options: HelperOptions): PageLanguage =>
  (options?.data?.root?.lang as PageLanguage | undefined) ?? 'zh-CN';

interface Option {
  value: string;
  label: string;
}

function regionGroupsOf(lang: PageLanguage) {
  const regions = listRegions();
  return listPrefectures()
    .map((p) => ({
      label: lang === 'en' ? `${p.nameEn}, ${p.province.nameEn}` : `${p.province.name} ${p.name}`,
      options: regions
        .filter((r) => r.prefecture.code === p.code)
        .map((r): Option => ({ value: r.code, label: lang === 'en' ? r.nameEn : r.name })),
    }))
    .filter((g) => g.options.length > 0);
}

const groupsCache = new Map<PageLanguage, ReturnType<typeof regionGroupsOf>>();

const labelOf = (node: TaxonomyNode, lang: PageLanguage) => node.label[lang];

/** Every skill below a field (sub-fields and their skills), as checkbox options. */
function skillsOf(field: TaxonomyNode, lang: PageLanguage): Option[] {
  const out: Option[] = [];
  const walk = (node: TaxonomyNode, prefix: string) => {
    for (const child of node.children) {
      out.push({ value: child.code, label: `${prefix}${labelOf(child, lang)}` });
      walk(child, `${prefix}${labelOf(child, lang)} · `);
    }
  };
  walk(field, '');
  return out;
}

export const referenceHelpers = {
  /** {{region "500114"}} → 黔江区 / Qianjiang District */
  region: (code: unknown, options: HelperOptions) => {
    const region = typeof code === 'string' ? getRegion(code) : undefined;
    if (!region) return '';
    return langOf(options) === 'en' ? region.nameEn : region.name;
  },
  /** {{taxonomy "health.cardiology"}} → 心血管内科 */
  taxonomy: (code: unknown, options: HelperOptions) => {
    const node = typeof code === 'string' ? getNode(code) : undefined;
    return node ? labelOf(node, langOf(options)) : '';
  },
  /** Counties grouped by prefecture, for <optgroup>s. */
  regionGroups: (options: HelperOptions) => {
    const lang = langOf(options);
    let groups = groupsCache.get(lang);
    if (!groups) {
      groups = regionGroupsOf(lang);
      groupsCache.set(lang, groups);
    }
    return groups;
  },
  /** The top-level fields as options. */
  fieldOptions: (options: HelperOptions): Option[] =>
    getTaxonomy().map((f) => ({ value: f.code, label: labelOf(f, langOf(options)) })),
  /** Each field with the skills below it, for the grouped skill picker. */
  skillGroups: (options: HelperOptions) =>
    getTaxonomy().map((f) => ({
      code: f.code,
      label: labelOf(f, langOf(options)),
      options: skillsOf(f, langOf(options)),
    })),
};

import type { HelperOptions } from 'handlebars';
import type { PageLanguage } from '../../lib/http/page-i18n';
import { getRegion, listPrefectures, listRegions } from '../regions/regions.service';
import {
  getNode,
  getTaxonomy,
  isRetiredCode,
  resolveTitleName,
  resolveTradeName,
  type TaxonomyNode,
} from '../taxonomy/taxonomy.service';

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

/** Common titles and trades offered as suggestions; only those the taxonomy knows are shown. */
const COMMON_TITLE_NAMES = [
  '主任医师',
  '副主任医师',
  '主治医师',
  '主任护师',
  '副主任护师',
  '主任药师',
  '副主任药师',
  '主任技师',
  '副主任技师',
  '正高级工程师',
  '高级工程师',
  '工程师',
  '农业技术推广研究员',
  '高级农艺师',
  '农艺师',
  '高级畜牧师',
  '高级兽医师',
  '研究员',
  '副研究员',
  '教授',
  '副教授',
  '正高级教师',
  '高级教师',
  '正高级经济师',
  '高级经济师',
  '正高级会计师',
  '高级会计师',
];
const COMMON_TRADE_NAMES = [
  '数控车工',
  '车工',
  '铣工',
  '钳工',
  '焊工',
  '电工',
  '汽车维修工',
  '电梯安装维修工',
  '制茶师',
  '评茶员',
  '中式烹调师',
  '农艺工',
  '家畜饲养员',
  '木工',
  '砌筑工',
];

/** Each field as an option group: the whole field first (its label + `whole`), then its sub-fields. */
function fieldGroupsOf(lang: PageLanguage, whole: string) {
  return getTaxonomy().map((f) => ({
    label: labelOf(f, lang),
    options: [
      { value: f.code, label: `${labelOf(f, lang)}${whole}` },
      ...f.children
        .filter((c) => !isRetiredCode(c.code))
        .map((c): Option => ({ value: c.code, label: labelOf(c, lang) })),
    ],
  }));
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
  /** Fields and their sub-fields in <optgroup>s, for a need's field: {{fieldGroups (t "needForm.wholeField")}}. */
  fieldGroups: (whole: string, options: HelperOptions) => fieldGroupsOf(langOf(options), whole),
  /** Suggestions for the title name box (a <datalist>). */
  titleNames: () => COMMON_TITLE_NAMES.filter((name) => resolveTitleName(name) !== undefined),
  /** Suggestions for the trade name box (a <datalist>). */
  tradeNames: () => COMMON_TRADE_NAMES.filter((name) => resolveTradeName(name) !== undefined),
  /** Each field with the skills below it, for the grouped skill picker. */
  skillGroups: (options: HelperOptions) =>
    getTaxonomy().map((f) => ({
      code: f.code,
      label: labelOf(f, langOf(options)),
      options: skillsOf(f, langOf(options)),
    })),
};

import type { SkillLevel, TITLE_SERIES, TitleLevel } from '../../experts/expert-levels';

type TitleSeries = (typeof TITLE_SERIES)[number];

export interface TitleName {
  readonly zh: string;
  readonly en: string;
  readonly level: TitleLevel;
  readonly series: TitleSeries;
  /** Other ways the same title is written. */
  readonly aliases?: readonly string[];
}

/**
 * Professional title names (职称) as experts write them, with their level and series. Series without a value of
 * their own in TITLE_SERIES (audit, statistics) are 'other'.
 */
export const TITLE_NAMES: readonly TitleName[] = [
  // 卫生系列
  {
    zh: '主任医师',
    en: 'Chief physician',
    level: 'full_senior',
    series: 'health',
    aliases: ['主任中医师', 'chief doctor'],
  },
  {
    zh: '副主任医师',
    en: 'Associate chief physician',
    level: 'associate_senior',
    series: 'health',
    aliases: ['副主任中医师', 'deputy chief physician'],
  },
  {
    zh: '主治医师',
    en: 'Attending physician',
    level: 'intermediate',
    series: 'health',
    aliases: ['主治中医师', '主治医生', 'attending doctor'],
  },
  {
    zh: '医师',
    en: 'Resident physician',
    level: 'junior',
    series: 'health',
    aliases: ['住院医师', '中医师', 'physician'],
  },
  { zh: '医士', en: 'Assistant physician', level: 'junior', series: 'health' },
  { zh: '主任药师', en: 'Chief pharmacist', level: 'full_senior', series: 'health', aliases: ['主任中药师'] },
  {
    zh: '副主任药师',
    en: 'Associate chief pharmacist',
    level: 'associate_senior',
    series: 'health',
    aliases: ['副主任中药师'],
  },
  {
    zh: '主管药师',
    en: 'Pharmacist-in-charge',
    level: 'intermediate',
    series: 'health',
    aliases: ['主管中药师'],
  },
  { zh: '药师', en: 'Pharmacist', level: 'junior', series: 'health', aliases: ['中药师', '药士'] },
  { zh: '主任护师', en: 'Chief nurse', level: 'full_senior', series: 'health' },
  { zh: '副主任护师', en: 'Associate chief nurse', level: 'associate_senior', series: 'health' },
  { zh: '主管护师', en: 'Nurse-in-charge', level: 'intermediate', series: 'health' },
  { zh: '护师', en: 'Senior nurse', level: 'junior', series: 'health', aliases: ['护士'] },
  { zh: '主任技师', en: 'Chief technologist', level: 'full_senior', series: 'health' },
  { zh: '副主任技师', en: 'Associate chief technologist', level: 'associate_senior', series: 'health' },
  { zh: '主管技师', en: 'Technologist-in-charge', level: 'intermediate', series: 'health' },
  // 工程系列
  {
    zh: '正高级工程师',
    en: 'Professor-level senior engineer',
    level: 'full_senior',
    series: 'engineering',
    aliases: ['教授级高级工程师', '教授级高工', '正高工'],
  },
  {
    zh: '高级工程师',
    en: 'Senior engineer',
    level: 'associate_senior',
    series: 'engineering',
    aliases: ['高工'],
  },
  { zh: '工程师', en: 'Engineer', level: 'intermediate', series: 'engineering' },
  {
    zh: '助理工程师',
    en: 'Assistant engineer',
    level: 'junior',
    series: 'engineering',
    aliases: ['技术员', '助工'],
  },
  // 农业系列
  {
    zh: '农业技术推广研究员',
    en: 'Agricultural extension research fellow',
    level: 'full_senior',
    series: 'agriculture',
    aliases: ['推广研究员'],
  },
  {
    zh: '正高级农艺师',
    en: 'Professor-level senior agronomist',
    level: 'full_senior',
    series: 'agriculture',
  },
  {
    zh: '正高级畜牧师',
    en: 'Professor-level senior animal husbandry specialist',
    level: 'full_senior',
    series: 'agriculture',
  },
  {
    zh: '正高级兽医师',
    en: 'Professor-level senior veterinarian',
    level: 'full_senior',
    series: 'agriculture',
  },
  { zh: '高级农艺师', en: 'Senior agronomist', level: 'associate_senior', series: 'agriculture' },
  {
    zh: '高级畜牧师',
    en: 'Senior animal husbandry specialist',
    level: 'associate_senior',
    series: 'agriculture',
  },
  { zh: '高级兽医师', en: 'Senior veterinarian', level: 'associate_senior', series: 'agriculture' },
  { zh: '农艺师', en: 'Agronomist', level: 'intermediate', series: 'agriculture' },
  { zh: '畜牧师', en: 'Animal husbandry specialist', level: 'intermediate', series: 'agriculture' },
  { zh: '兽医师', en: 'Veterinarian', level: 'intermediate', series: 'agriculture' },
  {
    zh: '助理农艺师',
    en: 'Assistant agronomist',
    level: 'junior',
    series: 'agriculture',
    aliases: ['农业技术员'],
  },
  { zh: '助理畜牧师', en: 'Assistant animal husbandry specialist', level: 'junior', series: 'agriculture' },
  { zh: '助理兽医师', en: 'Assistant veterinarian', level: 'junior', series: 'agriculture' },
  // 高等学校教师
  { zh: '教授', en: 'Professor', level: 'full_senior', series: 'education' },
  { zh: '副教授', en: 'Associate professor', level: 'associate_senior', series: 'education' },
  { zh: '讲师', en: 'Lecturer', level: 'intermediate', series: 'education' },
  { zh: '助教', en: 'Teaching assistant', level: 'junior', series: 'education' },
  // 中小学教师 (2015 reform; before it 小学高级教师 was an intermediate title)
  { zh: '正高级教师', en: 'Professor-level senior teacher', level: 'full_senior', series: 'education' },
  {
    zh: '高级教师',
    en: 'Senior teacher',
    level: 'associate_senior',
    series: 'education',
    aliases: ['中学高级教师'],
  },
  {
    zh: '一级教师',
    en: 'First-grade teacher',
    level: 'intermediate',
    series: 'education',
    aliases: ['中学一级教师', '小学高级教师'],
  },
  {
    zh: '二级教师',
    en: 'Second-grade teacher',
    level: 'junior',
    series: 'education',
    aliases: ['中学二级教师', '小学一级教师'],
  },
  {
    zh: '三级教师',
    en: 'Third-grade teacher',
    level: 'junior',
    series: 'education',
    aliases: ['中学三级教师', '小学二级教师'],
  },
  // 自然科学研究
  {
    zh: '研究员',
    en: 'Research professor',
    level: 'full_senior',
    series: 'research',
    aliases: ['research fellow'],
  },
  {
    zh: '副研究员',
    en: 'Associate research professor',
    level: 'associate_senior',
    series: 'research',
    aliases: ['associate research fellow'],
  },
  { zh: '助理研究员', en: 'Assistant research fellow', level: 'intermediate', series: 'research' },
  { zh: '研究实习员', en: 'Research intern', level: 'junior', series: 'research' },
  // 会计、审计、经济、统计
  { zh: '正高级会计师', en: 'Professor-level senior accountant', level: 'full_senior', series: 'accounting' },
  { zh: '高级会计师', en: 'Senior accountant', level: 'associate_senior', series: 'accounting' },
  { zh: '会计师', en: 'Accountant', level: 'intermediate', series: 'accounting' },
  { zh: '助理会计师', en: 'Assistant accountant', level: 'junior', series: 'accounting' },
  { zh: '正高级审计师', en: 'Professor-level senior auditor', level: 'full_senior', series: 'other' },
  { zh: '高级审计师', en: 'Senior auditor', level: 'associate_senior', series: 'other' },
  { zh: '审计师', en: 'Auditor', level: 'intermediate', series: 'other' },
  { zh: '正高级经济师', en: 'Professor-level senior economist', level: 'full_senior', series: 'economics' },
  { zh: '高级经济师', en: 'Senior economist', level: 'associate_senior', series: 'economics' },
  { zh: '经济师', en: 'Economist', level: 'intermediate', series: 'economics' },
  { zh: '助理经济师', en: 'Assistant economist', level: 'junior', series: 'economics' },
  { zh: '正高级统计师', en: 'Professor-level senior statistician', level: 'full_senior', series: 'other' },
  { zh: '高级统计师', en: 'Senior statistician', level: 'associate_senior', series: 'other' },
  { zh: '统计师', en: 'Statistician', level: 'intermediate', series: 'other' },
  // 律师、公证员
  { zh: '一级律师', en: 'First-class lawyer', level: 'full_senior', series: 'law' },
  { zh: '二级律师', en: 'Second-class lawyer', level: 'associate_senior', series: 'law' },
  { zh: '三级律师', en: 'Third-class lawyer', level: 'intermediate', series: 'law' },
  { zh: '四级律师', en: 'Fourth-class lawyer', level: 'junior', series: 'law' },
  { zh: '一级公证员', en: 'First-class notary', level: 'full_senior', series: 'law' },
  { zh: '二级公证员', en: 'Second-class notary', level: 'associate_senior', series: 'law' },
  // 艺术、文博图书档案
  {
    zh: '一级演员',
    en: 'First-class performer',
    level: 'full_senior',
    series: 'culture',
    aliases: ['一级演奏员', '一级编剧', '一级导演', '一级作曲'],
  },
  {
    zh: '二级演员',
    en: 'Second-class performer',
    level: 'associate_senior',
    series: 'culture',
    aliases: ['二级演奏员', '二级编剧', '二级导演', '二级作曲'],
  },
  {
    zh: '三级演员',
    en: 'Third-class performer',
    level: 'intermediate',
    series: 'culture',
    aliases: ['三级演奏员', '三级编剧', '三级导演', '三级作曲'],
  },
  { zh: '一级美术师', en: 'First-class artist', level: 'full_senior', series: 'culture' },
  { zh: '二级美术师', en: 'Second-class artist', level: 'associate_senior', series: 'culture' },
  { zh: '三级美术师', en: 'Third-class artist', level: 'intermediate', series: 'culture' },
  {
    zh: '研究馆员',
    en: 'Research librarian',
    level: 'full_senior',
    series: 'culture',
    aliases: ['文博研究馆员', '图书馆研究馆员', '档案研究馆员'],
  },
  { zh: '副研究馆员', en: 'Associate research librarian', level: 'associate_senior', series: 'culture' },
  { zh: '馆员', en: 'Librarian', level: 'intermediate', series: 'culture' },
  { zh: '助理馆员', en: 'Assistant librarian', level: 'junior', series: 'culture' },
  // 新闻、出版
  { zh: '高级记者', en: 'Senior journalist', level: 'full_senior', series: 'journalism' },
  { zh: '主任记者', en: 'Associate senior journalist', level: 'associate_senior', series: 'journalism' },
  { zh: '记者', en: 'Journalist', level: 'intermediate', series: 'journalism' },
  { zh: '助理记者', en: 'Assistant journalist', level: 'junior', series: 'journalism' },
  { zh: '高级编辑', en: 'Senior editor', level: 'full_senior', series: 'journalism', aliases: ['编审'] },
  {
    zh: '主任编辑',
    en: 'Associate senior editor',
    level: 'associate_senior',
    series: 'journalism',
    aliases: ['副编审'],
  },
  { zh: '编辑', en: 'Editor', level: 'intermediate', series: 'journalism' },
  { zh: '助理编辑', en: 'Assistant editor', level: 'junior', series: 'journalism' },
  // 社会工作
  { zh: '高级社会工作师', en: 'Senior social worker', level: 'associate_senior', series: 'social_work' },
  { zh: '社会工作师', en: 'Social worker', level: 'intermediate', series: 'social_work' },
  { zh: '助理社会工作师', en: 'Assistant social worker', level: 'junior', series: 'social_work' },
];

/**
 * Skill level words (职业技能等级). 特级技师 and 首席技师, added above 高级技师 in 2022, count as the highest
 * level recorded here; 一级 … 五级 are the 国家职业资格 grades.
 */
export const SKILL_LEVEL_NAMES: Readonly<Record<string, SkillLevel>> = {
  首席技师: 'senior_technician',
  特级技师: 'senior_technician',
  高级技师: 'senior_technician',
  '一级/高级技师': 'senior_technician',
  一级: 'senior_technician',
  技师: 'technician',
  '二级/技师': 'technician',
  二级: 'technician',
  高级工: 'senior_worker',
  '三级/高级工': 'senior_worker',
  三级: 'senior_worker',
  中级工: 'intermediate_worker',
  '四级/中级工': 'intermediate_worker',
  四级: 'intermediate_worker',
  初级工: 'junior_worker',
  '五级/初级工': 'junior_worker',
  五级: 'junior_worker',
  'senior technician': 'senior_technician',
  technician: 'technician',
  'senior worker': 'senior_worker',
  'intermediate worker': 'intermediate_worker',
  'junior worker': 'junior_worker',
  senior_technician: 'senior_technician',
  senior_worker: 'senior_worker',
  intermediate_worker: 'intermediate_worker',
  junior_worker: 'junior_worker',
};

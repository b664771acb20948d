import type { Translate } from '../../lib/http/page-i18n';

/**
 * The personal-data export as a page a person can read and print: each part of the export a section, each
 * record a small table of "what — value" rows. Labels come from the dictionary where a field has one
 * ("field.<name>"), else the field's own name; dates are shown in China time; nothing is left out, so the
 * page says exactly what the JSON says.
 */
export interface ExportRow {
  label: string;
  value: string;
}
export interface ExportRecord {
  rows: ExportRow[];
}
export interface ExportSection {
  key: string;
  heading: string;
  records: ExportRecord[];
}

type Plain = null | undefined | string | number | boolean | Date | Plain[] | { [key: string]: Plain };

const CHINA_OFFSET_MS = 8 * 3_600_000;

function valueText(value: Plain, t: Translate): string {
  if (value === null || value === undefined || value === '') return t('myExport.empty');
  if (value instanceof Date)
    return `${new Date(value.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')}`;
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  return String(value);
}

function labelOf(path: string, t: Translate): string {
  const key = `field.${path.replace(/\.\d+(?=\.|$)/g, '')}`;
  return t.has(key) ? t(key) : path;
}

/** One record's fields as rows; nested objects and lists flattened to dotted names ("title.level", "skills.1"). */
function rowsOf(value: Plain, t: Translate, prefix = ''): ExportRow[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return prefix ? [{ label: labelOf(prefix, t), value: t('myExport.none') }] : [];
    if (value.every((v) => v === null || typeof v !== 'object' || v instanceof Date)) {
      return [{ label: labelOf(prefix, t), value: value.map((v) => valueText(v, t)).join('、') }];
    }
    return value.flatMap((v, i) => rowsOf(v, t, prefix ? `${prefix}.${i + 1}` : String(i + 1)));
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const rows = Object.entries(value).flatMap(([k, v]) => rowsOf(v, t, prefix ? `${prefix}.${k}` : k));
    return rows.length > 0 || !prefix ? rows : [{ label: labelOf(prefix, t), value: t('myExport.empty') }];
  }
  return [{ label: labelOf(prefix, t), value: valueText(value, t) }];
}

/** The export (exportMyData's result, as JSON would carry it) as sections for the page. */
export function exportSections(data: Record<string, unknown>, t: Translate): ExportSection[] {
  return Object.entries(data)
    .filter(([key]) => key !== 'exportedAt')
    .map(([key, value]) => {
      const heading = t.has(`myExport.section.${key}`) ? t(`myExport.section.${key}`) : key;
      const plain = JSON.parse(JSON.stringify(value ?? null), (_k, v) =>
        typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v) ? new Date(v) : v,
      ) as Plain;
      const items = Array.isArray(plain) ? plain : plain === null ? [] : [plain];
      return { key, heading, records: items.map((item) => ({ rows: rowsOf(item, t) })) };
    });
}

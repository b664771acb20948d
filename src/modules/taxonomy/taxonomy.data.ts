/**
 * Fields, sub-fields and skills of the experts and needs, in the terms of the Chongqing–Hubei–Hunan–Guizhou
 * border region (Wuling mountains: tea, konjac, medicinal herbs, ethnic medicine and crafts). One file per
 * field in ./data; sources and rules in ./data/README.md.
 *
 * Codes are stored in expert profiles and needs: never rename or reuse one; add new codes, and retire old
 * ones (RETIRED below) with scripts/migrate-taxonomy.ts. A child's code is its parent's code plus ".segment".
 */

import { agriculture } from './data/agriculture';
import { automotive } from './data/automotive';
import { culture } from './data/culture';
import { economics } from './data/economics';
import { education } from './data/education';
import { engineering } from './data/engineering';
import type { RetiredCode, TaxonomyEntry } from './data/entry';
import { health } from './data/health';
import { hospitality } from './data/hospitality';
import { it } from './data/it';
import { law } from './data/law';
import { manufacturing } from './data/manufacturing';
import { publicServices } from './data/public-services';
import { rural } from './data/rural';
import { science } from './data/science';

export type { RetiredCode, TaxonomyEntry } from './data/entry';
export { SKILL_LEVEL_NAMES, TITLE_NAMES, type TitleName } from './data/titles';
export { TRADE_NAMES } from './data/trades';

/** The fields, in display order: the original twelve first, new fields after them. */
export const TAXONOMY: readonly TaxonomyEntry[] = [
  health,
  agriculture,
  engineering,
  manufacturing,
  education,
  economics,
  rural,
  science,
  it,
  law,
  culture,
  publicServices,
  automotive,
  hospitality,
];

/**
 * Codes kept for old data, refused in new input. They stay in the tree (so stored values still resolve and
 * display) and scripts/migrate-taxonomy.ts rewrites them to `replacedBy`.
 */
export const RETIRED: readonly RetiredCode[] = [
  {
    code: 'health.surgery.orthopaedics',
    replacedBy: 'health.orthopaedics',
    reason:
      'Orthopaedics is a department of its own with sub-specialties (joint replacement, spine, trauma), so it became a sub-field',
  },
  {
    code: 'health.surgery.anaesthesia',
    replacedBy: 'health.anaesthesiology',
    reason:
      'Anaesthesiology is its own discipline (GB/T 13745 麻醉学) and department, not a branch of surgery',
  },
];

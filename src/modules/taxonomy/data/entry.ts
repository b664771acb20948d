/** The shape of the taxonomy data files: one file per field, assembled in ../taxonomy.data.ts. */

export interface TaxonomyEntry {
  /** Stable ASCII code, the parent's code plus ".segment"; stored in profiles and needs, never renamed. */
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  /** Synonyms, abbreviations and the forms employers and experts write, zh and en. */
  readonly aliases?: readonly string[];
  /** The standard followed, with its code only where verified: 'GB/T 13745-2009 320', '职业大典 2022', 'local'. */
  readonly std?: string;
  readonly children?: readonly TaxonomyEntry[];
}

/** A code kept for old data but refused in new input. */
export interface RetiredCode {
  readonly code: string;
  readonly replacedBy: string;
  readonly reason: string;
}

/** The standards named in `std`. */
export const GBT = 'GB/T 13745-2009';
export const DADIAN = '职业大典 2022';
export const LOCAL = 'local';

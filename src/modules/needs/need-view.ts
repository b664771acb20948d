import type { OrganisationRecord } from '../organisations/organisation-records.service';
import { getNode } from '../taxonomy/taxonomy.service';
import type { NeedRecord } from './need.model';
import type { NeedChange, NeedChangeField, NeedView, PublicNeedView } from './need.schemas';

type Board = Omit<PublicNeedView, 'organisation'>;

function boardFields(need: NeedRecord): Board {
  return {
    id: String(need._id),
    title: need.title,
    description: need.description ?? '',
    field: need.field,
    mustHaveSkills: [...need.mustHaveSkills],
    mustHaveMatch: need.mustHaveMatch ?? 'sub_field',
    niceToHaveSkills: [...need.niceToHaveSkills],
    minTitleLevel: need.minTitleLevel ?? null,
    minTitleSeries: need.minTitleSeries ?? null,
    minSkillLevel: need.minSkillLevel ?? null,
    mode: need.mode,
    county: need.county,
    period: { from: need.period?.from ?? '', to: need.period?.to ?? '' },
    daysPerMonth: need.daysPerMonth ?? null,
    expertsWanted: need.expertsWanted,
    filledCount: need.filledCount,
    offer: {
      stipendPerMonth: need.offer?.stipendPerMonth ?? null,
      housing: need.offer?.housing ?? false,
      travel: need.offer?.travel ?? false,
      other: need.offer?.other ?? null,
    },
    status: need.status,
    openedAt: need.openedAt ?? null,
  };
}

export function toNeedView(need: NeedRecord): NeedView {
  return {
    ...boardFields(need),
    organisationId: String(need.organisationId),
    employerApproval: need.employerApproval,
    priority: need.priority,
    nominationId: need.nominationId ? String(need.nominationId) : null,
    createdAt: need.createdAt,
    updatedAt: need.updatedAt,
  };
}

/** A need's edits, oldest first, each with its author's current display name (null: the account is gone). */
export function toNeedChanges(need: NeedRecord, names: ReadonlyMap<string, string>): NeedChange[] {
  return (need.changes ?? []).map((c) => ({
    at: c.at,
    by: { userId: String(c.byUserId), role: c.byRole, name: names.get(String(c.byUserId)) ?? null },
    fields: c.fields.map((f) => ({
      field: f.field as NeedChangeField,
      before: f.before ?? null,
      after: f.after ?? null,
    })),
  }));
}

/** The expert's view: no priority flag, no approval setting, no contact person. */
export function toPublicNeedView(
  need: NeedRecord,
  org: Pick<OrganisationRecord, '_id' | 'name' | 'type' | 'county'>,
): PublicNeedView {
  return {
    ...boardFields(need),
    organisation: { id: String(org._id), name: org.name, type: org.type, county: org.county },
  };
}

/** The need's field, each skill and all their ancestors: what a `?field=` filter matches on. */
export function skillScopesOf(field: string, skills: readonly string[]): string[] {
  const scopes = new Set<string>([field]);
  for (const code of [field, ...skills]) {
    for (let node = getNode(code); node; node = node.parent ? getNode(node.parent) : undefined) {
      scopes.add(node.code);
    }
  }
  return [...scopes].sort();
}

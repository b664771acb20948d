import type { ClientSession } from 'mongoose';
import type { Actor } from '../../lib/actor';
import { Need, type NeedRecord } from './need.model';
import type { CreateNeedBody } from './need.schemas';
import { skillScopesOf } from './need-view';

/** What an open call's need asks for: a need's own fields, for one expert, and the call it serves. */
export type CallNeedInput = Omit<CreateNeedBody, 'organisationId' | 'expertsWanted'> & {
  organisationId: string;
  callId: string;
};

/**
 * The need behind an open call's chosen application, inside the award's transaction: published at once
 * (matching: its one expert is being offered the work), for one expert, linked to the call.
 */
export async function createNeedForCall(
  session: ClientSession,
  actor: Actor,
  input: CallNeedInput,
): Promise<NeedRecord> {
  const [created] = await Need.create(
    [
      {
        ...input,
        expertsWanted: 1,
        skillScopes: skillScopesOf(input.field, [...input.mustHaveSkills, ...input.niceToHaveSkills]),
        status: 'matching',
        openedAt: new Date(),
        createdBy: actor.userId,
      },
    ],
    { session },
  );
  return created.toObject() as NeedRecord;
}

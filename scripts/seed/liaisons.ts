import type { Actor } from '../../src/lib/actor';
import { createUser } from '../../src/modules/accounts/users.service';
import { recordContact, setOfficePhone } from '../../src/modules/liaisons/liaison.service';
import { assignLiaison, liaisonOf } from '../../src/modules/liaisons/liaison-assignment.service';
import { Match } from '../../src/modules/matches/match.model';
import { Nomination } from '../../src/modules/organisations/nomination.model';

const CONTACTS = [
  {
    kind: 'visit',
    summary: '上门走访，了解住宿和饮食情况',
    notes: '人才公寓住得习惯。\n希望周末能回家一趟。',
    daysAgo: 20,
  },
  { kind: 'call', summary: '电话回访，确认体检时间', notes: '', daysAgo: 9 },
  { kind: 'message', summary: '提醒办理意外伤害保险', notes: '', daysAgo: 3 },
] as const;

const dayBefore = (now: Date, days: number) =>
  new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Liaisons for the demo: engagement already gave every engaged expert the demo coordinator; a second
 * coordinator joins the office and takes every other one (as the office reassigns), nominated key
 * talents get one too, and the first experts have a few recorded contacts.
 */
export async function seedLiaisons(admin: Actor, coordinator: Actor, now: Date) {
  const second = await createUser({
    email: 'liaison02@example.com',
    role: 'coordinator',
    displayName: '陈静（人才办联络员）',
    createdBy: admin.userId,
  });
  const colleague: Actor = { userId: String(second._id), role: 'coordinator', via: 'session' };
  await setOfficePhone(coordinator, '023-79223301');
  await setOfficePhone(colleague, '023-79223302');

  const engaged = await Match.distinct('expertId', { status: 'engaged' });
  const nominated = await Nomination.distinct('expertId', { kind: 'exclusive_expert', status: 'active' });
  const expertIds = [...new Set([...engaged, ...nominated].map(String))].sort();
  let contacts = 0;
  for (const [i, expertId] of expertIds.entries()) {
    const liaison = i % 2 === 1 ? colleague : coordinator;
    if ((await liaisonOf(expertId))?.liaisonId !== liaison.userId) {
      await assignLiaison(admin, expertId, liaison.userId);
    }
    if (i < 4) {
      for (const c of CONTACTS.slice(0, 3 - (i % 2))) {
        await recordContact(liaison, expertId, {
          date: dayBefore(now, c.daysAgo + i),
          kind: c.kind,
          summary: c.summary,
          notes: c.notes,
        });
        contacts++;
      }
    }
  }
  return { liaisons: 2, experts: expertIds.length, contacts };
}

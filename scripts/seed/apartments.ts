import type { Context } from '../../src/context';
import type { Actor } from '../../src/lib/actor';
import type { RoomFeature } from '../../src/modules/apartments/apartment.model';
import { createRoom } from '../../src/modules/apartments/rooms.service';
import { addDays, chinaToday } from '../../src/modules/apartments/stay-dates';
import { bookStay, cancelStay, checkIn, checkOut } from '../../src/modules/apartments/stays.service';
import { Expert } from '../../src/modules/experts/expert.model';

/**
 * The talent apartments: two buildings, 20 rooms, and stays in every state around today — finished
 * (checked out), under way (checked in), coming (booked) and cancelled — made through the services,
 * each on the day it would have happened, so the audit trail and the nights are as in real use.
 */
const BUILDINGS: Array<{ name: string; floors: number; perFloor: number; features: RoomFeature[] }> = [
  {
    name: '人才公寓 A 栋（城西）',
    floors: 6,
    perFloor: 2,
    features: ['lift', 'air_conditioning', 'heating'],
  },
  {
    name: '人才公寓 B 栋（正阳）',
    floors: 4,
    perFloor: 2,
    features: ['air_conditioning', 'washing_machine'],
  },
];

/** Noon in China on that day: the clock the services are given for a step taken then. */
const at = (day: string) => new Date(`${day}T04:00:00Z`);

interface Plan {
  from: number;
  to: number;
  state: 'checked_out' | 'checked_in' | 'booked' | 'cancelled';
  spouse?: string;
}

const PLANS: Plan[] = [
  { from: -40, to: -26, state: 'checked_out' },
  { from: -30, to: -16, state: 'checked_out', spouse: '刘淑芬' },
  { from: -21, to: -7, state: 'checked_out' },
  { from: -6, to: 9, state: 'checked_in', spouse: '陈玉兰' },
  { from: -3, to: 25, state: 'checked_in' },
  { from: -1, to: 13, state: 'checked_in' },
  { from: 0, to: 6, state: 'booked' },
  { from: 4, to: 18, state: 'booked', spouse: '周桂英' },
  { from: 9, to: 30, state: 'booked' },
  { from: 15, to: 29, state: 'booked' },
  { from: 22, to: 36, state: 'booked' },
  { from: 7, to: 14, state: 'cancelled' },
  { from: 12, to: 19, state: 'cancelled' },
];

export async function seedApartments(ctx: Context, coordinator: Actor, demoExpertId: string, now: Date) {
  const today = chinaToday(now);
  const roomIds: string[] = [];
  for (const b of BUILDINGS) {
    for (let floor = 1; floor <= b.floors; floor++) {
      for (let i = 1; i <= b.perFloor; i++) {
        const features: RoomFeature[] = [...b.features, ...(i === 1 ? (['kitchen'] as const) : [])];
        if (floor === 1) features.push('ground_floor', 'accessible_bathroom', 'grab_bars');
        const room = await createRoom(coordinator, {
          building: b.name,
          number: `${floor}0${i}`,
          floor,
          beds: i === 1 ? 2 : 1,
          features,
          active: !(b.name.includes('B') && floor === 4 && i === 1), // one room under repair
        });
        roomIds.push(room.id);
      }
    }
  }
  const others = await Expert.find({ _id: { $ne: demoExpertId }, status: 'active' })
    .sort({ _id: 1 })
    .limit(PLANS.length)
    .select('_id')
    .lean();
  // The demo expert has the stay that begins soon with a spouse: their page shows it.
  const expertFor = (i: number) => (i === 7 ? demoExpertId : String(others[i % others.length]._id));
  const states: Record<string, number> = {};
  for (const [i, plan] of PLANS.entries()) {
    const from = addDays(today, plan.from);
    const to = addDays(today, plan.to);
    const bookedOn = addDays(from, -10);
    const stay = await bookStay(
      ctx,
      coordinator,
      {
        // two-bed rooms first (a spouse comes along), in turn
        roomId: roomIds[plan.spouse ? (i * 2) % 12 : (i * 2 + 1) % 20],
        expertId: expertFor(i),
        from,
        to,
        guests: plan.spouse ? [{ name: plan.spouse, relation: 'spouse' }] : [],
      },
      at(bookedOn),
    );
    if (plan.state === 'checked_in' || plan.state === 'checked_out')
      await checkIn(coordinator, stay.id, at(from));
    if (plan.state === 'checked_out') await checkOut(coordinator, stay.id, at(to));
    if (plan.state === 'cancelled')
      await cancelStay(ctx, coordinator, stay.id, '专家行程改期', at(addDays(bookedOn, 2)));
    states[plan.state] = (states[plan.state] ?? 0) + 1;
  }
  return { rooms: roomIds.length, stays: states };
}

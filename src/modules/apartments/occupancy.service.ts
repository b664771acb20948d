import { ApartmentRoom, RoomNight, type RoomRecord } from './apartment.model';
import type { OccupancyQuery, OccupancyRow, OccupancyView } from './apartments.schemas';
import { addDays, chinaToday, isoWeek, mondayOf } from './stay-dates';

/**
 * Occupancy by ISO week and building: nights booked (nights held by stays booked, checked in or
 * checked out; a cancelled stay holds none) over nights available (7 per room and week). A room counts
 * in a week when it is active now or has a night booked that week, so withdrawing a room does not
 * hide the nights it was used.
 */
export async function occupancyByWeek(query: OccupancyQuery, now = new Date()): Promise<OccupancyView> {
  const from = mondayOf(query.from ?? chinaToday(now));
  const to = addDays(from, 7 * query.weeks);
  const [rooms, nights] = await Promise.all([
    ApartmentRoom.find().select('building active').lean<Pick<RoomRecord, '_id' | 'building' | 'active'>[]>(),
    RoomNight.find({ night: { $gte: from, $lt: to } })
      .select('roomId night')
      .lean<Array<{ roomId: unknown; night: string }>>(),
  ]);
  const buildingOf = new Map(rooms.map((r) => [String(r._id), r.building]));
  const buildings = [...new Set(rooms.map((r) => r.building))].sort();
  const booked = new Map<string, number>(); // week|building → nights
  const usedRooms = new Map<string, Set<string>>(); // week|building → rooms with a night booked
  for (const n of nights) {
    const roomId = String(n.roomId);
    const key = `${mondayOf(n.night)}|${buildingOf.get(roomId)}`;
    booked.set(key, (booked.get(key) ?? 0) + 1);
    usedRooms.set(key, (usedRooms.get(key) ?? new Set()).add(roomId));
  }
  const items: OccupancyRow[] = [];
  for (let weekStart = from; weekStart < to; weekStart = addDays(weekStart, 7)) {
    for (const building of buildings) {
      const key = `${weekStart}|${building}`;
      const counted = new Set(
        rooms.filter((r) => r.building === building && r.active).map((r) => String(r._id)),
      );
      for (const id of usedRooms.get(key) ?? []) counted.add(id);
      const nightsAvailable = counted.size * 7;
      const nightsBooked = booked.get(key) ?? 0;
      items.push({
        week: isoWeek(weekStart),
        weekStart,
        building,
        rooms: counted.size,
        nightsAvailable,
        nightsBooked,
        occupancy: nightsAvailable ? Math.round((nightsBooked / nightsAvailable) * 1000) / 1000 : null,
      });
    }
  }
  return { from, to, items };
}

/** The rows as CSV with a BOM (Excel opens it in Chinese), headings in the page's language. */
export function occupancyCsv(view: OccupancyView, headings: readonly string[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    // quote every text cell; a leading = + - @ is neutralised so a spreadsheet never runs it
    return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
  };
  const lines = [headings.map(cell).join(',')];
  for (const r of view.items) {
    lines.push(
      [r.week, r.weekStart, r.building, r.rooms, r.nightsAvailable, r.nightsBooked, r.occupancy]
        .map(cell)
        .join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

import { Types } from 'mongoose';
import { ServiceRequest } from './service-request.model';
import { OPEN_REQUEST_STATUSES } from './services.schemas';

/** An expert's open service requests, and how many of them are past their promised time. */
export interface OpenRequestCount {
  open: number;
  overdue: number;
}

/**
 * The open requests (submitted, accepted or in progress) of each expert, in one aggregation; experts
 * with none are absent from the map. Overdue as on the request lists: open and due before `now`.
 * Liaisons' "my experts" receives this from the composition root, so liaisons never import services.
 */
export async function countOpenRequests(
  expertIds: readonly string[],
  now = new Date(),
): Promise<Map<string, OpenRequestCount>> {
  const ids = expertIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
  if (ids.length === 0) return new Map();
  const grouped = await ServiceRequest.aggregate<{ _id: Types.ObjectId; open: number; overdue: number }>([
    { $match: { expertId: { $in: ids }, status: { $in: OPEN_REQUEST_STATUSES } } },
    {
      $group: {
        _id: '$expertId',
        open: { $sum: 1 },
        overdue: { $sum: { $cond: [{ $lt: ['$dueAt', now] }, 1, 0] } },
      },
    },
  ]);
  return new Map(grouped.map((g) => [String(g._id), { open: g.open, overdue: g.overdue }]));
}

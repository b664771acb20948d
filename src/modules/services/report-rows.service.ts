import { ServiceRequest, type ServiceRequestRecord } from './service-request.model';

/** What the service-desk report reads of a request: no facts, notes, names of people or comments. */
export type RequestReportRow = Pick<
  ServiceRequestRecord,
  | 'serviceCode'
  | 'unitCode'
  | 'serviceName'
  | 'unitName'
  | 'status'
  | 'submittedAt'
  | 'dueAt'
  | 'doneAt'
  | 'priority'
  | 'rating'
>;

/** The requests filed in [start, end), of one unit when named, with only what the report counts. */
export async function requestsForReport(period: {
  start: Date;
  end: Date;
  unitCode?: string;
}): Promise<RequestReportRow[]> {
  return ServiceRequest.find({
    submittedAt: { $gte: period.start, $lt: period.end },
    ...(period.unitCode ? { unitCode: period.unitCode } : {}),
  })
    .select('serviceCode unitCode serviceName unitName status submittedAt dueAt doneAt priority rating.score')
    .lean<RequestReportRow[]>();
}

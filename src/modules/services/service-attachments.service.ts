import { createHash } from 'node:crypto';
import { type Actor, isStaff } from '../../lib/actor';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import type { UploadedFile } from '../../lib/http/files';
import { withTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/audit.service';
import {
  ATTACHMENT_METADATA,
  type AttachmentType,
  ServiceAttachment,
  type ServiceAttachmentRecord,
} from './service-attachment.model';
import { ServiceRequest, type ServiceRequestRecord } from './service-request.model';
import { toAttachmentView } from './service-requests.service';
import { type AttachmentView, MAX_ATTACHMENTS_PER_REQUEST, OPEN_REQUEST_STATUSES } from './services.schemas';

/**
 * Documents attached to a talent-service request. Only those who see the request's contents may add,
 * list or fetch them: the expert served, the unit handling it, the office. An employer follows its
 * nominee's requests by status only, so for it (and anyone else) they do not exist (404).
 */

/** The detail messages of a refused file; the pages put them in plain words. */
export const FILE_PROBLEMS = {
  required: 'required',
  empty: 'empty',
  unknownType: 'not a PDF, JPEG or PNG file',
  mismatch: 'the file name or declared type does not match the content',
  tooLarge: 'at most 5 MB',
} as const;

const SIGNATURES: ReadonlyArray<[AttachmentType, readonly number[]]> = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

const EXTENSIONS: Readonly<Record<string, AttachmentType>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** Declared types that say something; browsers send octet-stream (or nothing) when they do not know. */
const DECLARED: Readonly<Record<string, AttachmentType>> = {
  'application/pdf': 'application/pdf',
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
};
const UNDECLARED = new Set(['', 'application/octet-stream']);

/** The type of a file by its first bytes, or undefined when it is none of the three. */
export function sniffType(data: Buffer): AttachmentType | undefined {
  return SIGNATURES.find(([, magic]) => magic.every((byte, i) => data[i] === byte))?.[0];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters to drop
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u2028\u2029"<>:|?*]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MAX_NAME = 100;

/**
 * The name kept and sent back: the last path segment, without control characters or characters that
 * break a header or a file system, at most 100 characters before its extension.
 */
export function safeFileName(raw: string, extension: string): string {
  const base = (raw.split(/[\\/]/).pop() ?? '').replace(LONE_SURROGATE, '').normalize('NFC');
  const stem = base
    .slice(0, base.length - extension.length - 1)
    .replace(UNSAFE_IN_NAME, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .trim();
  return `${[...stem].slice(0, MAX_NAME).join('') || 'attachment'}.${extension.toLowerCase()}`;
}

const fileError = (message: string) =>
  new ValidationError('The file cannot be attached.', [{ path: 'body.file', message }]);

/** Checks an upload: present, not empty, at most 5 MB, a PDF/JPEG/PNG by content, named and declared alike. */
export function checkFile(upload: UploadedFile) {
  if (upload.truncated) {
    throw new AppError('PAYLOAD_TOO_LARGE', 413, 'The file is larger than 5 MB.', {
      details: [{ path: 'body.file', message: FILE_PROBLEMS.tooLarge }],
    });
  }
  if (upload.data.length === 0) {
    throw fileError(upload.fileName ? FILE_PROBLEMS.empty : FILE_PROBLEMS.required);
  }
  const contentType = sniffType(upload.data);
  if (!contentType) throw fileError(FILE_PROBLEMS.unknownType);
  const extension = /\.([A-Za-z0-9]+)$/.exec(upload.fileName)?.[1] ?? '';
  const declared = upload.declaredType.split(';')[0].trim().toLowerCase();
  const byName = EXTENSIONS[extension.toLowerCase()];
  const byDeclared = UNDECLARED.has(declared) ? contentType : DECLARED[declared];
  if (byName !== contentType || byDeclared !== contentType) throw fileError(FILE_PROBLEMS.mismatch);
  return {
    fileName: safeFileName(upload.fileName, extension),
    contentType,
    size: upload.data.length,
    sha256: createHash('sha256').update(upload.data).digest('hex'),
    data: upload.data,
  };
}

/** Which requests' contents a caller sees: the expert's own, the unit's queue, all for the office. */
function contentScope(actor: Actor): Record<string, unknown> {
  if (actor.role === 'expert') return { expertId: actor.expertId ?? null };
  if (actor.role === 'service_unit') return { unitCode: actor.unitCode ?? null };
  if (isStaff(actor)) return {};
  return { _id: null };
}

async function requestWithContents(actor: Actor, requestId: string) {
  const r = await ServiceRequest.findOne({
    _id: requestId,
    ...contentScope(actor),
  }).lean<ServiceRequestRecord>();
  if (!r) throw new NotFoundError('Service request');
  return r;
}

const closed = (status: string) =>
  new ConflictError(
    `A request that is ${status} takes no more changes to its attachments.`,
    'REQUEST_CLOSED',
    {
      status,
    },
  );

/**
 * Attaches a file to an open request, checked by its content, in one transaction with its audit entry.
 * The transaction first touches the request (on its open status), so two uploads at once conflict and
 * one is retried: the count of attachments cannot pass its bound, nor a file land on a finished request.
 */
export async function addAttachment(
  actor: Actor,
  requestId: string,
  upload: UploadedFile,
  now = new Date(),
): Promise<AttachmentView> {
  await requestWithContents(actor, requestId);
  const file = checkFile(upload);
  const scope = { _id: requestId, ...contentScope(actor) };
  const created = await withTransaction(async (session) => {
    const open = await ServiceRequest.findOneAndUpdate(
      { ...scope, status: { $in: OPEN_REQUEST_STATUSES } },
      { $set: { updatedAt: now } },
      { session, timestamps: false },
    ).lean<ServiceRequestRecord>();
    if (!open) {
      const current = await ServiceRequest.findOne(scope).session(session).lean<ServiceRequestRecord>();
      if (!current) throw new NotFoundError('Service request');
      throw closed(current.status);
    }
    const count = await ServiceAttachment.countDocuments({ requestId }).session(session);
    if (count >= MAX_ATTACHMENTS_PER_REQUEST) {
      throw new ConflictError(
        `A request holds at most ${MAX_ATTACHMENTS_PER_REQUEST} attachments.`,
        'TOO_MANY_ATTACHMENTS',
        { max: MAX_ATTACHMENTS_PER_REQUEST },
      );
    }
    const [doc] = await ServiceAttachment.create(
      [
        {
          requestId,
          expertId: open.expertId,
          ...file,
          uploadedBy: actor.userId,
          uploadedByRole: actor.role,
          uploadedAt: now,
        },
      ],
      { session },
    );
    const details = { attachmentId: String(doc._id), contentType: file.contentType, size: file.size };
    await recordAudit(
      actor,
      'service-request.attach',
      { type: 'service-request', id: requestId },
      details,
      session,
    );
    return doc.toObject() as ServiceAttachmentRecord;
  });
  return toAttachmentView(created);
}

export async function listAttachments(actor: Actor, requestId: string): Promise<AttachmentView[]> {
  await requestWithContents(actor, requestId);
  const found = await ServiceAttachment.find({ requestId }, ATTACHMENT_METADATA)
    .sort({ uploadedAt: 1, _id: 1 })
    .lean<ServiceAttachmentRecord[]>();
  return found.map(toAttachmentView);
}

/** One attachment with its bytes, for a download; 404 for anyone who does not see the request's contents. */
export async function readAttachment(actor: Actor, requestId: string, attachmentId: string) {
  await requestWithContents(actor, requestId);
  const doc = await ServiceAttachment.findOne({ _id: attachmentId, requestId });
  if (!doc) throw new NotFoundError('Attachment');
  return { fileName: doc.fileName, contentType: doc.contentType, data: Buffer.from(doc.data) };
}

/** Removes an attachment while the request is open: its uploader may, and the office. */
export async function deleteAttachment(actor: Actor, requestId: string, attachmentId: string): Promise<void> {
  await withTransaction(async (session) => {
    const scope = { _id: requestId, ...contentScope(actor) };
    const r = await ServiceRequest.findOne(scope).session(session).lean<ServiceRequestRecord>();
    if (!r) throw new NotFoundError('Service request');
    const a = await ServiceAttachment.findOne({ _id: attachmentId, requestId }, ATTACHMENT_METADATA)
      .session(session)
      .lean<ServiceAttachmentRecord>();
    if (!a) throw new NotFoundError('Attachment');
    if (String(a.uploadedBy) !== actor.userId && !isStaff(actor)) {
      throw new ForbiddenError('Only whoever attached a file (or the office) may remove it.');
    }
    if (!OPEN_REQUEST_STATUSES.includes(r.status)) throw closed(r.status);
    await ServiceAttachment.deleteOne({ _id: attachmentId }, { session });
    const details = { attachmentId };
    await recordAudit(
      actor,
      'service-request.detach',
      { type: 'service-request', id: requestId },
      details,
      session,
    );
  });
}

/** When an expert deletes their data: every attachment of the requests served to them goes. Safe to re-run. */
export async function forgetExpertAttachments(expertId: string): Promise<{ deleted: number }> {
  const res = await ServiceAttachment.deleteMany({ expertId });
  return { deleted: res.deletedCount };
}

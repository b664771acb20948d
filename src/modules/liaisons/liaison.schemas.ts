import { z } from 'zod';
import { DateOnly, multiLine, ObjectIdString, singleLine } from '../../lib/schemas';
import { CONTACT_KINDS } from './liaison.model';

export const AssignLiaisonBody = z
  .object({ liaisonId: ObjectIdString.openapi({ description: 'an active coordinator' }) })
  .strict()
  .openapi('AssignLiaisonBody');

export const HandoverBody = z
  .object({
    from: ObjectIdString.openapi({ description: 'the liaison who leaves (their account may be disabled)' }),
    to: ObjectIdString.optional().openapi({
      description: 'the active coordinator who takes every expert; omitted: spread by load',
    }),
  })
  .strict()
  .openapi('HandoverBody');
export type HandoverBody = z.infer<typeof HandoverBody>;

export const ContactBody = z
  .object({
    date: DateOnly,
    kind: z.enum(CONTACT_KINDS),
    summary: singleLine(200),
    notes: multiLine(4000).optional(),
  })
  .strict()
  .openapi('LiaisonContactBody');
export type ContactBody = z.infer<typeof ContactBody>;

export const OfficePhoneBody = z
  .object({ officePhone: singleLine(40).regex(/^[0-9+()\- ]+$/, 'digits, spaces, + ( ) and - only') })
  .strict()
  .openapi('LiaisonOfficePhoneBody');

const LiaisonPerson = z.object({
  id: ObjectIdString,
  name: z.string(),
  officePhone: z.string().nullable(),
});

export const ExpertLiaisonView = z
  .object({
    expertId: ObjectIdString,
    liaison: LiaisonPerson.nullable(),
    assignedAt: z.date().nullable(),
  })
  .openapi('ExpertLiaison');
export type ExpertLiaisonView = z.infer<typeof ExpertLiaisonView>;

export const ContactView = z
  .object({
    id: ObjectIdString,
    expertId: ObjectIdString,
    date: z.string(),
    kind: z.enum(CONTACT_KINDS),
    summary: z.string(),
    notes: z.string(),
    recordedBy: z.object({ id: ObjectIdString, name: z.string().nullable() }),
    createdAt: z.date(),
  })
  .openapi('LiaisonContact');
export type ContactView = z.infer<typeof ContactView>;

export const ContactList = z.object({ items: z.array(ContactView) }).openapi('LiaisonContactList');

export const MyExpertView = z.object({
  expertId: ObjectIdString,
  name: z.string(),
  assignedAt: z.date(),
  engagements: z.array(
    z.object({
      needId: ObjectIdString,
      needTitle: z.string().nullable(),
      organisation: z.string().nullable(),
    }),
  ),
  openServiceRequests: z.number().int().nullable().openapi({
    description: 'open service requests (submitted, accepted or in progress); null when not known',
  }),
  overdueServiceRequests: z.number().int().nullable().openapi({
    description: 'of the open service requests, those past their promised time; null when not known',
  }),
  lastContact: z.object({ date: z.string(), kind: z.enum(CONTACT_KINDS), summary: z.string() }).nullable(),
});
export type MyExpertView = z.infer<typeof MyExpertView>;

export const MyExpertsList = z.object({ items: z.array(MyExpertView) }).openapi('MyExperts');

export const LiaisonLoads = z
  .object({
    items: z.array(
      z.object({ id: ObjectIdString, name: z.string(), active: z.boolean(), experts: z.number().int() }),
    ),
  })
  .openapi('LiaisonLoads');

export const HandoverView = z
  .object({
    from: ObjectIdString,
    moved: z.number().int(),
    to: z.array(z.object({ liaisonId: ObjectIdString, experts: z.number().int() })),
  })
  .openapi('LiaisonHandover');

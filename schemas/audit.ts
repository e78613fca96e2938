// The audit trail: who did what to which object, when, through which request.
import * as z from 'zod';
import { Role } from './identity.ts';
import { Id, Timestamp } from './primitives.ts';

export const AuditEntry = z
  .strictObject({
    at: Timestamp,
    requestId: z.string(),
    actor: z.strictObject({ sub: z.string(), org: z.string(), role: Role }),
    action: z.string().meta({ description: 'The action of infra/permissions.ts, e.g. object.read' }),
    route: z.string().meta({ examples: ['GET /v1/objects/{id}'] }),
    status: z.int().meta({ description: 'The HTTP status the request got: refused attempts are kept too' }),
    objectId: Id.optional(),
    restrictedRead: z.boolean().optional().meta({ description: 'The response carried restricted fields (police reference, contact)' }),
    query: z
      .strictObject({ text: z.string().optional(), fields: z.array(z.string()).optional(), photo: z.boolean().optional() })
      .optional()
      .meta({ description: 'For searches: the text and the structured fields asked for; never the photo itself' }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z
  .strictObject({
    objectId: Id.optional().meta({ description: "The object's entries; a museum must give one of its own objects" }),
    actor: z.string().min(1).max(200).optional().meta({ description: "A person's entries, by the token's sub (admins)" }),
    cursor: z.string().max(2000).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((query) => query.objectId !== undefined || query.actor !== undefined, { message: 'give objectId or actor', path: ['objectId'] });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z
  .strictObject({ items: z.array(AuditEntry), cursor: z.string().optional() })
  .meta({ id: 'AuditPage', description: 'Newest first' });

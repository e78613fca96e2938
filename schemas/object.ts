// A registered object as the registry stores and returns it, its images and its history.
import * as z from 'zod';
import { Incident, objectIdFields, ObjectStatus, Visibility } from './object-id.ts';
import { Id, Timestamp, text } from './primitives.ts';

export const ImageStatus = z.enum(['pending', 'ready', 'rejected']).meta({
  description: 'pending: upload expected or being processed; ready: normalised and thumbnailed; rejected: see reason',
});

export const AcceptedImageType = z.enum(['image/jpeg', 'image/png', 'image/webp']);

export const ImageView = z
  .strictObject({
    id: Id,
    status: ImageStatus,
    reason: z.string().optional().meta({ description: 'Why the image was rejected' }),
    filename: z.string().optional().meta({ description: 'The file name given with the upload' }),
    width: z.int().optional(),
    height: z.int().optional(),
    url: z.url().optional().meta({ description: 'Presigned GET of the normalised JPEG (expires)' }),
    thumbnailUrl: z.url().optional().meta({ description: 'Presigned GET of the thumbnail (expires)' }),
    createdAt: Timestamp,
  })
  .meta({ id: 'Image' });
export type ImageView = z.infer<typeof ImageView>;

export const ObjectView = z
  .strictObject({
    ...objectIdFields,
    id: Id,
    version: z.int().positive().meta({ description: 'Increases by one on every change; send it back in If-Match' }),
    status: ObjectStatus,
    visibility: Visibility,
    notice: z.string().optional().meta({ description: 'While found-unresolved or disputed: what a buyer or officer must know, e.g. who contests the ownership' }),
    orgId: z.string().meta({ description: 'The organisation that registered the object' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    images: z.array(ImageView),
  })
  .meta({ id: 'Object', description: 'A registered object. policeReference and contact appear only for roles allowed to see them.' });
export type ObjectView = z.infer<typeof ObjectView>;

export const ObjectSummary = ObjectView.omit({ images: true }).meta({
  id: 'ObjectSummary',
  description: 'An object in a listing: the record without its images (read the object for those)',
});
export type ObjectSummary = z.infer<typeof ObjectSummary>;

export const ObjectPage = z
  .strictObject({
    items: z.array(ObjectSummary),
    cursor: z.string().optional().meta({ description: 'Pass as ?cursor= for the next page; absent on the last page' }),
  })
  .meta({ id: 'ObjectPage' });

export const ListObjectsQuery = z.strictObject({
  status: ObjectStatus.optional(),
  objectType: text(100).optional(),
  country: Incident.shape.country.optional(),
  org: text(100).optional().meta({ description: 'Only the objects registered by this organisation' }),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListObjectsQuery = z.infer<typeof ListObjectsQuery>;

export const ObjectIdParam = z.strictObject({ id: Id });

export const ReadObjectQuery = z.strictObject({
  format: z
    .enum(['json', 'lido', 'jsonld'])
    .default('json')
    .meta({ description: 'json: the record as below; lido: LIDO 1.1 XML; jsonld: CIDOC-CRM JSON-LD in the Linked Art profile. Each carries only what the caller may read.' }),
});

export const HistoryEntry = z
  .strictObject({
    version: z.int().positive(),
    at: Timestamp,
    by: z.strictObject({ sub: z.string().optional(), org: z.string() }).meta({ description: 'Who made the change; the person only for roles that see restricted fields' }),
    change: z.enum(['registered', 'edited', 'status-changed']),
    fields: z.array(z.string()).optional().meta({ description: 'Fields an edit changed' }),
    from: ObjectStatus.optional(),
    to: ObjectStatus.optional(),
    note: z.string().optional().meta({ description: 'Only for roles that see restricted fields' }),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const History = z.strictObject({ items: z.array(HistoryEntry) }).meta({ id: 'History' });

export const RequestImageUpload = z
  .strictObject({
    contentType: z.string().meta({ description: 'image/jpeg, image/png or image/webp', examples: ['image/jpeg'] }),
    filename: text(255).optional(),
  })
  .superRefine((req, ctx) => {
    if (/^image\/hei[cf]/i.test(req.contentType)) {
      ctx.addIssue({
        code: 'custom',
        path: ['contentType'],
        message: 'HEIC/HEIF photos are not accepted: export the photo as JPEG (phone browsers convert automatically when you pick the photo from the gallery in a web form)',
      });
    } else if (!AcceptedImageType.safeParse(req.contentType).success) {
      ctx.addIssue({ code: 'custom', path: ['contentType'], message: 'must be image/jpeg, image/png or image/webp' });
    }
  })
  .meta({ id: 'RequestImageUpload' });

export const ImageUpload = z
  .strictObject({
    imageId: Id,
    url: z.url().meta({ description: 'POST the file here as multipart/form-data' }),
    fields: z.record(z.string(), z.string()).meta({ description: 'Form fields to send before the file field' }),
    maxBytes: z.int(),
    expiresAt: Timestamp,
  })
  .meta({ id: 'ImageUpload', description: 'A presigned S3 POST: send `fields` then `file`' });

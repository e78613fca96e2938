// What one caller reads of a registered object with one ready photo, through the same domain code as the API.
import { readObject } from '../../functions/objects/read.ts';
import { registerObject } from '../../functions/objects/register.ts';
import type { Caller } from '../../schemas/identity.ts';
import type { RegisterObject } from '../../schemas/object-id.ts';
import type { ObjectView } from '../../schemas/object.ts';
import { caller } from '../fixtures/objects.ts';
import { memoryRegistry } from './in-memory-ports.ts';

export const owner = caller('museum', 'kastoria-museum', 'registrar-1');

export async function viewAs(record: RegisterObject, reader: Caller = owner): Promise<ObjectView> {
  const deps = memoryRegistry();
  const object = await registerObject(record, owner, deps);
  const at = '2025-03-14T10:00:00.000Z';
  const imageId = '00000000-0000-4000-8000-0000000000a1';
  deps.objects.addImage({
    objectId: object.id,
    id: imageId,
    status: 'ready',
    contentType: 'image/jpeg',
    uploadKey: `uploads/${object.id}/${imageId}`,
    normalisedKey: `images/${object.id}/${imageId}.jpg`,
    thumbnailKey: `thumbs/${object.id}/${imageId}.jpg`,
    width: 1280,
    height: 1600,
    createdAt: at,
    updatedAt: at,
  });
  return readObject(object.id, reader, deps);
}

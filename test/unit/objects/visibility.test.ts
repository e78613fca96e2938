// Who may know an object exists: inventoried records for their owner only, others by their visibility, and a
// hidden record answers exactly like one that was never registered.
import { describe, expect, it } from 'vitest';
import { NotFound } from '../../../functions/http/errors.ts';
import { changeStatus } from '../../../functions/objects/change-status.ts';
import { editObject } from '../../../functions/objects/edit.ts';
import { listObjects, objectHistory, readObject } from '../../../functions/objects/read.ts';
import { registerObject } from '../../../functions/objects/register.ts';
import type { Caller } from '../../../schemas/identity.ts';
import { ChangeStatus, EditObject, RegisterObject } from '../../../schemas/object-id.ts';
import { ListObjectsQuery } from '../../../schemas/object.ts';
import { caller, greekIcon } from '../../fixtures/objects.ts';
import { memoryRegistry } from '../../support/in-memory-ports.ts';

const owner = caller('museum', 'byzantine-museum', 'registrar-1');
const { incident, ...inventoryRecord } = greekIcon;
const inventoried = RegisterObject.parse({ ...inventoryRecord, status: 'inventoried' });

const readers = {
  owner,
  colleague: caller('museum', 'byzantine-museum', 'curator-2'),
  otherMuseum: caller('museum', 'benaki-museum'),
  market: caller('market', 'auction-house'),
  police: caller('police', 'hellenic-police'),
  customs: caller('customs', 'greek-customs'),
  public: caller('public', 'public'),
  admin: caller('admin', 'registry-operators'),
} satisfies Record<string, Caller>;

async function whoSees(input: RegisterObject): Promise<string[]> {
  const deps = memoryRegistry();
  const object = await registerObject(input, owner, deps);
  const seen: string[] = [];
  for (const [who, reader] of Object.entries(readers)) {
    const read = await readObject(object.id, reader, deps).then(
      () => true,
      (error: unknown) => (error instanceof NotFound ? false : Promise.reject(error)),
    );
    const listed = (await listObjects(ListObjectsQuery.parse({}), reader, deps)).items.length === 1;
    // Reading and listing must agree, or a listing would leak what a read hides.
    expect(listed, who).toBe(read);
    if (read) seen.push(who);
  }
  return seen;
}

describe('who sees an object', () => {
  it('shows an inventoried object to its own organisation and admins only', async () => {
    // Act
    const seen = await whoSees(inventoried);

    // Assert
    expect(seen).toEqual(['owner', 'colleague', 'admin']);
  });

  it('shows a public record to everyone', async () => {
    // Act
    const seen = await whoSees({ ...greekIcon, visibility: 'public' });

    // Assert
    expect(seen).toEqual(Object.keys(readers));
  });

  it('shows a partners record (the default) to every partner but not to the public', async () => {
    // Act
    const seen = await whoSees(RegisterObject.parse({ ...greekIcon, visibility: undefined }));

    // Assert
    expect(seen).toEqual(['owner', 'colleague', 'otherMuseum', 'market', 'police', 'customs', 'admin']);
  });

  it('shows a law-enforcement record to police, customs, the owner and admins', async () => {
    // Act
    const seen = await whoSees({ ...greekIcon, visibility: 'law-enforcement' });

    // Assert
    expect(seen).toEqual(['owner', 'colleague', 'police', 'customs', 'admin']);
  });

  it('answers a hidden record with the same 404 as an unknown id, for its history and its changes too', async () => {
    // Arrange
    const deps = memoryRegistry();
    const object = await registerObject({ ...greekIcon, visibility: 'law-enforcement' }, owner, deps);
    const outsider = readers.otherMuseum;

    // Act
    const outcomes = await Promise.allSettled([
      readObject(object.id, outsider, deps),
      objectHistory(object.id, outsider, deps),
      editObject(object.id, EditObject.parse({ title: 'x' }), 1, outsider, deps),
      changeStatus(object.id, ChangeStatus.parse({ status: 'recovered' }), 1, outsider, deps),
      readObject('00000000-0000-4000-8000-00000000ffff', outsider, deps),
    ]);

    // Assert
    const messages = outcomes.map((outcome) => (outcome.status === 'rejected' && outcome.reason instanceof NotFound ? outcome.reason.message.replace(/No object \S+/, 'No object <id>') : 'not a 404'));
    expect(new Set(messages)).toEqual(new Set(['No object <id>']));
  });
});

describe('status changes', () => {
  it('turns an inventoried object into a loss when the incident is given, and shows it to partners from then on', async () => {
    // Arrange
    const deps = memoryRegistry();
    const object = await registerObject(inventoried, owner, deps);

    // Act
    const { object: lost } = await changeStatus(object.id, ChangeStatus.parse({ status: 'stolen', incident }), 1, owner, deps);
    const readByPolice = await readObject(object.id, readers.police, deps);

    // Assert
    expect(lost).toMatchObject({ status: 'stolen', incident, version: 2 });
    expect(readByPolice.status).toBe('stolen');
  });

  it('refuses to make an inventoried object stolen without saying how it was lost', async () => {
    // Arrange
    const deps = memoryRegistry();
    const object = await registerObject(inventoried, owner, deps);

    // Act
    const result = changeStatus(object.id, ChangeStatus.parse({ status: 'stolen' }), 1, owner, deps);

    // Assert
    await expect(result).rejects.toMatchObject({ statusCode: 400, fields: [{ path: 'incident', reason: 'is required to make an inventoried object stolen' }] });
    expect(deps.objects.stored(object.id)).toEqual(object);
  });

  it('answers 409 with the allowed statuses for a transition the table does not allow', async () => {
    // Arrange
    const deps = memoryRegistry();
    const object = await registerObject(inventoried, owner, deps);

    // Act
    const result = changeStatus(object.id, ChangeStatus.parse({ status: 'recovered' }), 1, owner, deps);

    // Assert
    await expect(result).rejects.toMatchObject({
      statusCode: 409,
      fields: [{ path: 'status', reason: 'cannot go from inventoried to recovered; allowed: stolen, missing, looted' }],
    });
    expect(await deps.objects.history(object.id)).toHaveLength(1);
  });

  it('shows the note of a dispute to partners and only the notice to the public, until the dispute ends', async () => {
    // Arrange
    const deps = memoryRegistry();
    const object = await registerObject({ ...greekIcon, visibility: 'public' }, owner, deps);
    const note = 'Claimed by a private collector in Munich who says he bought it in 1970';
    await changeStatus(object.id, ChangeStatus.parse({ status: 'disputed', note }), 1, owner, deps);

    // Act
    const byMarket = await readObject(object.id, readers.market, deps);
    const byPublic = await readObject(object.id, readers.public, deps);
    await changeStatus(object.id, ChangeStatus.parse({ status: 'returned' }), 2, owner, deps);
    const afterReturn = await readObject(object.id, readers.market, deps);

    // Assert
    expect(byMarket.notice).toBe(`Its ownership is disputed: ${note}`);
    expect(byPublic.notice).toBe('Its ownership is disputed');
    expect(afterReturn).not.toHaveProperty('notice');
  });

  it('requires a note to mark an object disputed', () => {
    // Act
    const result = ChangeStatus.safeParse({ status: 'disputed' });

    // Assert
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['note'] })]);
  });
});

// What the audit trail keeps of a request: the object touched, restricted reads, a search's text but never its photo.
import { describe, expect, it } from 'vitest';
import { auditEntryFor, type AuditedRequest } from '../../../functions/audit/entry.ts';
import { caller } from '../../fixtures/objects.ts';

const objectId = '0b7c1c3e-1f0a-4e43-9d1e-8f3c2a6b9d10';
const at = new Date('2026-11-30T10:00:00Z');
const police = caller('police', 'hellenic-police');
const request = (overrides: Partial<AuditedRequest>): AuditedRequest => ({
  route: { method: 'GET', path: '/v1/objects/{id}', action: 'object.read' },
  caller: police,
  params: { id: objectId },
  response: { statusCode: 200, body: '{}' },
  requestId: 'req-1',
  at,
  ...overrides,
});

describe('auditEntryFor', () => {
  it('marks a read that returned a police reference as a restricted read of that object', () => {
    // Act
    const entry = auditEntryFor(request({ response: { statusCode: 200, body: JSON.stringify({ id: objectId, policeReference: 'KAS-2023-4471' }) } }));

    // Assert
    expect(entry).toEqual({
      at: at.toISOString(),
      requestId: 'req-1',
      actor: { sub: police.sub, org: 'hellenic-police', role: 'police' },
      action: 'object.read',
      route: 'GET /v1/objects/{id}',
      status: 200,
      objectId,
      restrictedRead: true,
    });
  });

  it('keeps a refused attempt with its status, and no restricted read', () => {
    // Act
    const entry = auditEntryFor(request({ route: { method: 'PATCH', path: '/v1/objects/{id}', action: 'object.change' }, response: { statusCode: 403, body: '{"error":{}}' } }));

    // Assert
    expect(entry).toMatchObject({ status: 403, objectId, action: 'object.change' });
    expect(entry).not.toHaveProperty('restrictedRead');
  });

  it('names no object for a path id that is not one', () => {
    // Act
    const entry = auditEntryFor(request({ route: { method: 'PATCH', path: '/v1/objects/{id}', action: 'object.change' }, params: { id: '../../etc/passwd' }, response: { statusCode: 400, body: '{}' } }));

    // Assert
    expect(entry).toMatchObject({ status: 400 });
    expect(entry).not.toHaveProperty('objectId');
  });

  it('names the object a registration created, from the response', () => {
    // Act
    const entry = auditEntryFor(
      request({ route: { method: 'POST', path: '/v1/objects', action: 'object.register' }, params: undefined, response: { statusCode: 201, body: JSON.stringify({ id: objectId }) } }),
    );

    // Assert
    expect(entry?.objectId).toBe(objectId);
  });

  it("keeps a search's text and fields, and only that it had a photo", () => {
    // Act
    const entry = auditEntryFor(
      request({
        route: { method: 'POST', path: '/v1/search', action: 'search' },
        params: undefined,
        body: { text: 'icon of Saint Nicholas', structured: { objectType: 'icon', measurements: { height: 17, unit: 'in' } }, image: 'iVBORw0KGgo'.repeat(100) },
      }),
    );

    // Assert
    expect(entry?.query).toEqual({ text: 'icon of Saint Nicholas', fields: ['objectType', 'measurements'], photo: true });
    expect(JSON.stringify(entry)).not.toContain('iVBORw0KGgo');
  });

  it('keeps no entry for a list that showed nothing restricted, and one for a list that did', () => {
    // Arrange
    const list = { route: { method: 'GET', path: '/v1/objects', action: 'object.read' }, params: undefined };

    // Act
    const plain = auditEntryFor(request({ ...list, response: { statusCode: 200, body: JSON.stringify({ items: [{ id: objectId }] }) } }));
    const restricted = auditEntryFor(request({ ...list, response: { statusCode: 200, body: JSON.stringify({ items: [{ id: objectId, contact: {} }] }) } }));

    // Assert
    expect(plain).toBeUndefined();
    expect(restricted).toMatchObject({ restrictedRead: true });
  });

  it('keeps nothing for a route declared without an audit trail', () => {
    // Act
    const entry = auditEntryFor(request({ route: { method: 'GET', path: '/v1/openapi.json', action: 'api.describe', audit: false } }));

    // Assert
    expect(entry).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/api-docs/openapi.ts';
import { routes } from '../../../infra/wiring.ts';
import { restrictedFields } from '../../../schemas/object-id.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Operation = {
  operationId: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: { 'application/json': { schema: { $ref?: string } } } };
};

/** Every value of a `$ref` key anywhere in a JSON document. */
function refsIn(node: Json): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsIn(value)));
}

/** Every example (`example`, `examples`) anywhere in a JSON document. */
function examplesIn(node: Json): Json[] {
  if (Array.isArray(node)) return node.flatMap(examplesIn);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'example' || key === 'examples' ? [value] : examplesIn(value)));
}

// Round-trip through JSON so the tests see exactly what the docs endpoint serves.
const served = () => JSON.parse(JSON.stringify(openApiDocument())) as { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Json> } };

const operationOf = (method: string, path: string) => served().paths[path]?.[method.toLowerCase()];

describe('openApiDocument', () => {
  it('declares OpenAPI 3.1.0', () => {
    // Arrange
    const document = served();

    // Act
    const version = document.openapi;

    // Assert
    expect(version).toBe('3.1.0');
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))('documents %s', (_key, route) => {
    // Arrange
    const document = served();

    // Act
    const operation = document.paths[route.path]?.[route.method.toLowerCase()];

    // Assert
    expect(operation).toMatchObject({ summary: route.summary });
  });

  it('documents no operation that the wiring does not declare', () => {
    // Arrange
    const document = served();

    // Act
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));

    // Assert
    expect(documented.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('resolves every $ref in the document to a component schema', () => {
    // Arrange
    const document = served();
    const prefix = '#/components/schemas/';

    // Act
    const refs = [...new Set(refsIn(document as unknown as Json))];

    // Assert
    expect(refs.length).toBeGreaterThan(0);
    const unresolved = refs.filter((ref) => !ref.startsWith(prefix) || !(ref.slice(prefix.length) in document.components.schemas));
    expect(unresolved).toEqual([]);
  });

  it.each([
    ['POST', '/v1/objects', 'RegisterObject'],
    ['PATCH', '/v1/objects/{id}', 'EditObject'],
    ['POST', '/v1/objects/{id}/status', 'ChangeStatus'],
  ])('takes the %s %s body as the %s schema', (method, path, schema) => {
    // Arrange
    const operation = operationOf(method, path);

    // Act
    const body = operation?.requestBody?.content['application/json'].schema;

    // Assert
    expect(body).toEqual({ $ref: `#/components/schemas/${schema}` });
  });

  it('declares each path template parameter as a required path parameter', () => {
    // Arrange
    const document = served();

    // Act
    const missing = routes.flatMap((route) => {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = document.paths[route.path]?.[route.method.toLowerCase()]?.parameters ?? [];
      return names.filter((name) => !declared.some((p) => p.in === 'path' && p.name === name && p.required)).map((name) => `${route.method} ${route.path} {${name}}`);
    });

    // Assert
    expect(missing).toEqual([]);
  });

  it('requires If-Match on the edit', () => {
    // Arrange
    const operation = operationOf('PATCH', '/v1/objects/{id}');

    // Act
    const ifMatch = operation?.parameters.find((parameter) => parameter.name === 'If-Match');

    // Assert
    expect(ifMatch).toMatchObject({ in: 'header', required: true });
  });

  it('gives every operation its own operationId', () => {
    // Arrange
    const document = served();

    // Act
    const ids = Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));

    // Assert
    expect(new Set(ids).size).toBe(routes.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
  });

  it('names components by their key only, with no fragment $id that JSON Schema 2020-12 forbids', () => {
    // Act
    const { components } = served();

    // Assert
    for (const schema of Object.values(components.schemas)) {
      expect(schema).not.toHaveProperty('$id');
      expect(schema).not.toHaveProperty('$schema');
    }
  });

  it('shows no restricted field in any example, since every role reads the document', () => {
    // Act
    const examples = JSON.stringify(examplesIn(served() as unknown as Json));

    // Assert
    expect(examples.length).toBeGreaterThan(2);
    for (const field of restrictedFields) expect(examples).not.toContain(`"${field}"`);
  });
});

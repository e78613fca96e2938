// Generates the OpenAPI 3.1 document from the wiring declaration and the zod schemas: never written by hand.
import * as z from 'zod';
import { ErrorBody } from '../../schemas/errors.ts';
import { routes, type RouteDecl } from '../../infra/wiring.ts';
import { idempotencyKeyHeader } from '../http/idempotency-key.ts';

const componentRef = (id: string) => `#/components/schemas/${id}`;

function schemaRef(schema: z.ZodType, io: 'input' | 'output') {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) return { $ref: componentRef(id) };
  const { $schema: _schema, $defs: _defs, ...inline } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  // Named sub-schemas are components already; point at those instead of a local copy.
  return JSON.parse(JSON.stringify(inline).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown>;
}

function parameters(route: RouteDecl) {
  const fromShape = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!(schema instanceof z.ZodObject)) return [];
    return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
      name,
      in: where,
      required: where === 'path' || !field.safeParse(undefined).success,
      schema: schemaRef(field, 'input'),
    }));
  };
  return [
    ...fromShape(route.params, 'path'),
    ...fromShape(route.query, 'query'),
    ...(route.headers ?? []).map((header) => ({ name: header.name, in: 'header', required: header.required, description: header.description, schema: { type: 'string' } })),
  ];
}

const errorResponses = {
  400: 'Invalid input: see error.fields',
  401: 'Missing or invalid bearer token',
  403: 'Your role or organisation may not do this',
  404: 'No such resource',
  405: 'The path exists but not with this method',
  409: 'Conflict with the current state (stale version, same status)',
  413: 'Request body too large',
  503: 'The registry is busy: send the request again after the Retry-After seconds',
};

const ifMatchResponses = { 428: 'If-Match is missing' };
const idempotencyResponses = { 422: 'The Idempotency-Key was sent before with another body' };

// "GET /v1/objects/{id}/history" -> "getV1ObjectsIdHistory"
const operationId = (route: RouteDecl) =>
  route.method.toLowerCase() +
  route.path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('');

function operation(route: RouteDecl) {
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries(route.responses)) {
    responses[status] = schema
      ? { description: 'OK', content: { 'application/json': { schema: schemaRef(schema, 'output') } } }
      : { description: 'OK' };
  }
  const requiresIfMatch = (route.headers ?? []).some((header) => header.name === 'If-Match' && header.required);
  const takesIdempotencyKey = (route.headers ?? []).some((header) => header.name === idempotencyKeyHeader.name);
  const extra = { ...(requiresIfMatch ? ifMatchResponses : {}), ...(takesIdempotencyKey ? idempotencyResponses : {}) };
  for (const [status, description] of Object.entries({ ...errorResponses, ...extra })) {
    responses[status] = { description, content: { 'application/json': { schema: { $ref: componentRef('Error') } } } };
  }
  return {
    summary: route.summary,
    operationId: operationId(route),
    ...(route.auth === 'none' ? { security: [] } : {}),
    parameters: parameters(route),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaRef(route.body, 'input') } } } } : {}),
    responses,
  };
}

export function openApiDocument() {
  void ErrorBody; // registered in the global registry by import; referenced from every error response
  const generated = z.toJSONSchema(z.globalRegistry, { uri: componentRef, unrepresentable: 'any' }).schemas;
  // Components are named by their key; a fragment "$id" is not valid JSON Schema 2020-12.
  const schemas = Object.fromEntries(
    Object.entries(generated).map(([id, { $id: _id, $schema: _schema, ...schema }]) => [id, schema]),
  );
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes as readonly RouteDecl[]) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Stolen cultural object registry',
      version: '1',
      description: 'Register stolen, missing and looted cultural objects (Object ID), read and edit them, attach photos.',
    },
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    security: [{ bearer: [] }],
    paths,
  };
}

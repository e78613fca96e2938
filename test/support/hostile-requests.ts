// Hostile-input fuzzing of every declared route: fast-check arbitraries of bad requests, the oracle that says which of
// them the API must refuse, and the campaign that sends them to a running stack and checks that nothing broke.
import { readFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import * as z from 'zod';
import { versionFromIfMatch } from '../../functions/http/if-match.ts';
import { findRoute } from '../../functions/http/routes.ts';
import { permissions, type Action } from '../../infra/permissions.ts';
import { bucket, table } from '../../infra/resources.ts';
import { defaultMaxBodyBytes, routes, type RouteDecl } from '../../infra/wiring.ts';
import { ErrorBody } from '../../schemas/errors.ts';
import { operatorsOrg, Role, type Caller } from '../../schemas/identity.ts';
import { startDevIssuer } from '../../scripts/local/dev-issuer.ts';
import { greekIcon } from '../fixtures/objects.ts';
import { apiClient } from './api.ts';

// ---------------------------------------------------------------------------------------------------------------
// Requests

/** One request exactly as it goes on the wire, with what the generator meant to be wrong with it. */
export interface HostileRequest {
  /** The declared route the request was built from ("POST /v1/objects"). */
  aimedAt: string;
  method: string;
  /** The raw request target (path and query), sent without normalisation. */
  target: string;
  headers: Record<string, string>;
  body: Uint8Array | undefined;
  /** Whether the Authorization header carries a token the API must accept. */
  tokenValid: boolean;
  /** The role a valid token names. */
  tokenRole: Role | undefined;
  /** Labels of the defects put into the request, and of the hostile but possibly valid decorations. */
  defects: string[];
}

export interface TokenChoice {
  label: string;
  /** The whole Authorization header; undefined sends none. */
  header: string | undefined;
  valid: boolean;
  role?: Role;
}

export interface TokenPool {
  valid: TokenChoice[];
  invalid: TokenChoice[];
}

/** Ids of records that exist in the table, so that hostile requests also aim at real objects, sightings and so on. */
export interface KnownIds {
  ids: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonSchema = Record<string, any>;

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text);

// ---------------------------------------------------------------------------------------------------------------
// Tokens

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * Valid tokens for every role (some with odd but allowed organisations), and tokens the API must refuse: signed by
 * another key, `alg: none`, expired, not yet valid, wrong audience or issuer, missing or bad claims, tampered, garbage.
 */
export async function buildTokenPool(apiUrl: string, dataDir: string): Promise<TokenPool> {
  // The local issuer keeps its key in the data folder; reading it lets us sign tokens the issuer would never issue.
  const issuer = await startDevIssuer({ dataDir, baseUrl: apiUrl });
  const privateJwk = JSON.parse(await readFile(join(dataDir, 'dev-issuer-key.json'), 'utf8')) as JWK;
  const ourKey = await importJWK(privateJwk, 'RS256');
  const { privateKey: otherKey } = await generateKeyPair('RS256');
  const kid = privateJwk.kid ?? '';
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'fuzzer', org: 'museum-of-corfu', role: 'admin' };

  const sign = (payload: Record<string, unknown>, options: { key?: Parameters<SignJWT['sign']>[0]; kid?: string; iss?: string; aud?: string; iat?: number; exp?: number; nbf?: number } = {}) => {
    const jwt = new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? kid })
      .setIssuer(options.iss ?? issuer.issuer)
      .setAudience(options.aud ?? issuer.audience)
      .setIssuedAt(options.iat ?? now)
      .setExpirationTime(options.exp ?? now + 3600);
    if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
    return jwt.sign(options.key ?? ourKey);
  };

  const valid: TokenChoice[] = [];
  // The operators' organisation is the one every admin token must name; the others are odd but allowed names.
  const orgs = ['museum-of-corfu', 'interpol-woa', operatorsOrg, '__proto__', 'constructor', 'Μουσείο Κέρκυρας', 'o'.repeat(100)];
  for (const role of Role.options) {
    for (const org of orgs) {
      const caller: Caller = { sub: `${role}-fuzzer`, org, role };
      valid.push({ label: `valid ${role} of ${org.length > 20 ? `${org.slice(0, 8)}…(${org.length})` : org}`, header: `Bearer ${await issuer.issue(caller)}`, valid: true, role });
    }
  }

  const good = await sign(claims);
  const [goodHeader, goodPayload, goodSignature] = good.split('.') as [string, string, string];
  const invalid: TokenChoice[] = [
    { label: 'no Authorization header', header: undefined, valid: false },
    { label: 'empty bearer', header: 'Bearer ', valid: false },
    { label: 'garbage bearer', header: 'Bearer not-a-jwt', valid: false },
    { label: 'garbage 4 KB bearer', header: `Bearer ${'A'.repeat(4096)}`, valid: false },
    { label: 'three dots of garbage', header: 'Bearer a.b.c', valid: false },
    { label: 'Basic credentials', header: 'Basic dXNlcjpwYXNzd29yZA==', valid: false },
    { label: 'token without scheme', header: good, valid: false },
    { label: 'two tokens', header: `Bearer ${good}, Bearer ${good}`, valid: false },
    { label: 'alg none', header: `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${goodPayload}.`, valid: false },
    { label: 'alg none with kid', header: `Bearer ${b64url({ alg: 'none', kid })}.${goodPayload}.`, valid: false },
    { label: 'alg None, signature kept', header: `Bearer ${b64url({ alg: 'None', kid })}.${goodPayload}.${goodSignature}`, valid: false },
    { label: 'signed by another key, our kid', header: `Bearer ${await sign(claims, { key: otherKey })}`, valid: false },
    { label: 'signed by another key, other kid', header: `Bearer ${await sign(claims, { key: otherKey, kid: 'attacker' })}`, valid: false },
    {
      label: 'HS256 keyed with the public modulus',
      header: `Bearer ${await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid })
        .setIssuer(issuer.issuer)
        .setAudience(issuer.audience)
        .setExpirationTime(now + 3600)
        .sign(utf8(privateJwk.n ?? ''))}`,
      valid: false,
    },
    { label: 'expired', header: `Bearer ${await sign(claims, { iat: now - 7200, exp: now - 3600 })}`, valid: false },
    { label: 'not valid yet', header: `Bearer ${await sign(claims, { nbf: now + 3600 })}`, valid: false },
    { label: 'wrong audience', header: `Bearer ${await sign(claims, { aud: 'someone-else' })}`, valid: false },
    { label: 'wrong issuer', header: `Bearer ${await sign(claims, { iss: 'https://evil.example/dev' })}`, valid: false },
    { label: 'no sub', header: `Bearer ${await sign({ org: 'museum-of-corfu', role: 'admin' })}`, valid: false },
    { label: 'no org', header: `Bearer ${await sign({ sub: 'x', role: 'admin' })}`, valid: false },
    { label: 'no role', header: `Bearer ${await sign({ sub: 'x', org: 'museum-of-corfu' })}`, valid: false },
    { label: 'unknown role', header: `Bearer ${await sign({ ...claims, role: 'superuser' })}`, valid: false },
    { label: 'role as array', header: `Bearer ${await sign({ ...claims, role: ['admin'] })}`, valid: false },
    { label: 'org over 100 chars', header: `Bearer ${await sign({ ...claims, org: 'o'.repeat(101) })}`, valid: false },
    { label: 'empty org', header: `Bearer ${await sign({ ...claims, org: '' })}`, valid: false },
    { label: 'org as object', header: `Bearer ${await sign({ ...claims, org: { __proto__: 'x' } })}`, valid: false },
    { label: 'payload tampered to admin', header: `Bearer ${goodHeader}.${b64url({ ...claims, role: 'admin', org: 'interpol-woa', iss: issuer.issuer, aud: issuer.audience, exp: now + 3600 })}.${goodSignature}`, valid: false },
    { label: 'signature stripped', header: `Bearer ${goodHeader}.${goodPayload}.`, valid: false },
    { label: 'header not JSON', header: `Bearer ${b64url('{alg')}.${goodPayload}.${goodSignature}`, valid: false },
  ];
  return { valid, invalid };
}

// ---------------------------------------------------------------------------------------------------------------
// Values from a route's own schemas (via JSON Schema), near valid so that one defect is the one that counts

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (typeof schema.$ref !== 'string') return schema;
  const name = schema.$ref.split('/').pop() ?? '';
  return resolve((root.$defs?.[name] as JsonSchema | undefined) ?? {}, root);
}

const word = fc.constantFrom('icon', 'bronze', 'Kastoria', 'Άγιος Νικόλαος', 'tempera on wood', 'ΚΑΣ 1187', 'سرقة', '聖像', 'missing since 2019');

function plausibleString(schema: JsonSchema): fc.Arbitrary<string> {
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = (schema.maxLength as number | undefined) ?? 200;
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl({ validSchemes: ['https'] });
    case 'date-time':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  if (schema.contentEncoding === 'base64') return fc.base64String({ maxLength: 64 });
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern));
  // Descriptions must be a short paragraph: several words pass every length rule of the text fields.
  return fc
    .array(word, { minLength: 2, maxLength: 6 })
    .map((words) => words.join(' '))
    .map((text) => (text.length < min ? text.padEnd(min, '.') : text).slice(0, max));
}

function fromJsonSchema(input: JsonSchema, root: JsonSchema, depth = 0): fc.Arbitrary<Json> {
  const schema = resolve(input, root);
  if (depth > 8) return fc.constant(null);
  const core = (): fc.Arbitrary<Json> => {
    if (schema.const !== undefined) return fc.constant(schema.const as Json);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as Json[]));
    const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
    if (union) return fc.oneof(...union.map((branch) => fromJsonSchema(branch, root, depth + 1)));
    if (Array.isArray(schema.allOf) && schema.allOf[0]) return fromJsonSchema(schema.allOf[0] as JsonSchema, root, depth + 1);
    const type = Array.isArray(schema.type) ? (schema.type[0] as string) : (schema.type as string | undefined);
    switch (type) {
      case 'object': {
        const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
        const shape = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, fromJsonSchema(value, root, depth + 1)]));
        return fc.record(shape, { requiredKeys: (schema.required ?? []) as string[] }) as fc.Arbitrary<Json>;
      }
      case 'array':
        return fc.array(fromJsonSchema((schema.items ?? {}) as JsonSchema, root, depth + 1), {
          minLength: (schema.minItems as number | undefined) ?? 0,
          maxLength: Math.min((schema.maxItems as number | undefined) ?? 3, 3),
        });
      case 'string':
        return plausibleString(schema);
      case 'integer':
        return fc.integer({ min: (schema.minimum as number | undefined) ?? 1, max: (schema.maximum as number | undefined) ?? 1000 });
      case 'number':
        return fc.double({ min: (schema.minimum as number | undefined) ?? 0.5, max: (schema.maximum as number | undefined) ?? 1000, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      default:
        return fc.constant(null);
    }
  };
  const examples = schema.examples as Json[] | undefined;
  return examples && examples.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...examples) }, { weight: 1, arbitrary: core() }) : core();
}

const jsonSchemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** Values shaped by a zod schema's JSON Schema: mostly valid, sometimes not (refinements are not in JSON Schema). */
export function schemaValues(schema: z.ZodType): fc.Arbitrary<Json> {
  const json = jsonSchemaOf(schema);
  return fromJsonSchema(json, json);
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile values

/** Builds raw JSON text `depth` levels deep without recursion (the point is to hurt the parser, not us). */
export const deepJson = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const pollutionKeys = ['__proto__', 'constructor', 'prototype'] as const;
const forgedFields = ['org', 'orgId', 'role', 'version', 'id', 'sub', 'createdAt', 'updatedAt', 'status', 'images', 'by', 'reportedBy', 'isAdmin'] as const;

/** A wrong-typed or absurd JSON value: what a confused or malicious client puts where something else belongs. */
const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, -0, 1e308, -1e308, 5e-324, 2 ** 53 + 1, '', ' ', '\u0000', 'NaN', 'Infinity', '-1', '1e999', [], {}, [null], { $gt: '' }, ['__proto__']),
  fc.double(),
  fc.integer(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxKeys: 4 }),
);

const absurdNumber = fc.constantFrom(-1, -0.0001, 0, -1e308, 1e308, 100_001, 2 ** 53, -(2 ** 31), 1e-320, 3.5e38);

/** Raw JSON number literals JSON.stringify cannot write. */
const absurdLiteral = fc.constantFrom('1e999', '-1e999', 'NaN', 'Infinity', '-Infinity', '0x10', '01', '1.', '.5', '+1', '1e', '- 1');

/** Every path to a value inside a JSON value, the root included. */
function pathsOf(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...prefix, index], out));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  return out;
}

function getAt(value: Json, path: (string | number)[]): Json | undefined {
  let current: Json | undefined = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, Json>)[key];
  }
  return current;
}

/** A copy of `value` with `path` replaced by `replacement` (own properties, so "__proto__" stays a plain key). */
function setAt(value: Json, path: (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : {}) as Record<string | number, Json>;
  if (!Array.isArray(value) && value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  const child = (copy as Record<string | number, Json>)[head];
  Object.defineProperty(copy, head, { value: setAt(child ?? null, rest, replacement), enumerable: true, writable: true, configurable: true });
  return copy as Json;
}

function withKey(value: Json, path: (string | number)[], key: string, item: Json): Json {
  const target = getAt(value, path);
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return setAt(value, path, { [key]: item } as Json);
  const copy: Record<string, Json> = {};
  for (const [k, v] of Object.entries(target)) Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
  return setAt(value, path, copy);
}

function withoutKey(value: Json, path: (string | number)[]): Json {
  if (path.length === 0) return value;
  const parentPath = path.slice(0, -1);
  const parent = getAt(value, parentPath);
  const last = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || last === undefined) return value;
  if (Array.isArray(parent)) return setAt(value, parentPath, parent.filter((_, index) => index !== last));
  const copy: Record<string, Json> = {};
  for (const [k, v] of Object.entries(parent)) if (k !== last) Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
  return setAt(value, parentPath, copy);
}

interface BodyDraft {
  bytes: Uint8Array | undefined;
  defects: string[];
}

const MARK = '\u{E000}FUZZ\u{E000}';

/** Splices raw text into the JSON at a marker: the only way to write literals and keys JSON.stringify would not. */
function spliced(value: Json, path: (string | number)[], raw: string): string {
  return JSON.stringify(setAt(value, path, MARK)).replace(JSON.stringify(MARK), raw);
}

function invalidUtf8(value: Json, path: (string | number)[], bytes: readonly number[]): Uint8Array {
  const text = JSON.stringify(setAt(value, path, `a${MARK}b`));
  const [before = '', after = ''] = text.split(MARK);
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
}

/** Bodies for one route: a near-valid base from its schema, then one hostile change at a random place in it. */
function bodyArbitrary(route: RouteDecl): fc.Arbitrary<BodyDraft> {
  const base: fc.Arbitrary<Json> = route.body ? schemaValues(route.body) : fc.constant({});
  const limit = route.maxBodyBytes ?? defaultMaxBodyBytes;
  const text = (value: string, defects: string[]): BodyDraft => ({ bytes: utf8(value), defects });

  return base.chain((value) => {
    const paths = pathsOf(value);
    const anyPath = fc.constantFrom(...paths);
    const objectPaths = paths.filter((path) => { const at = getAt(value, path); return at !== null && typeof at === 'object' && !Array.isArray(at); });
    const stringPaths = paths.filter((path) => typeof getAt(value, path) === 'string');
    const numberPaths = paths.filter((path) => typeof getAt(value, path) === 'number');
    const keyPaths = paths.filter((path) => path.length > 0);
    const pick = (list: (string | number)[][]) => (list.length > 0 ? fc.constantFrom(...list) : anyPath);
    return fc.oneof(
      { arbitrary: fc.constant<BodyDraft>(text(JSON.stringify(value), ['schema-derived body'])), weight: 1 },
      { arbitrary: fc.tuple(anyPath, wrongValue).map(([path, wrong]) => text(JSON.stringify(setAt(value, path, wrong)), [`wrong type at ${path.join('.') || '(root)'}`])), weight: 4 },
      { arbitrary: fc.tuple(pick(stringPaths), fc.constantFrom(1_001, 5_001, 65_536, 500_000)).map(([path, size]) => text(JSON.stringify(setAt(value, path, 'x'.repeat(size))), [`huge string (${size}) at ${path.join('.')}`])), weight: 2 },
      { arbitrary: fc.tuple(pick(numberPaths), absurdNumber).map(([path, n]) => text(JSON.stringify(setAt(value, path, n)), [`absurd number ${n} at ${path.join('.')}`])), weight: 2 },
      { arbitrary: fc.tuple(pick(numberPaths), absurdLiteral).map(([path, literal]) => text(spliced(value, path, literal), [`number literal ${literal} at ${path.join('.')}`])), weight: 1 },
      {
        arbitrary: fc.tuple(pick(objectPaths), fc.constantFrom(...pollutionKeys), fc.constantFrom<Json>({ isAdmin: true, role: 'admin' }, { polluted: 1 }, 'x', null, [1]))
          .map(([path, key, item]) => text(JSON.stringify(withKey(value, path, key, item)), [`${key} key at ${path.join('.') || '(root)'}`])),
        weight: 3,
      },
      {
        arbitrary: fc.tuple(pick(objectPaths), fc.constantFrom(...forgedFields), fc.constantFrom<Json>('interpol-woa', 'admin', 99, 1, 'x', { org: 'other' }))
          .map(([path, key, item]) => text(JSON.stringify(withKey(value, path, key, item)), [`forged ${key} at ${path.join('.') || '(root)'}`])),
        weight: 3,
      },
      { arbitrary: pick(keyPaths).map((path) => text(JSON.stringify(withoutKey(value, path)), [`removed ${path.join('.')}`])), weight: 1 },
      {
        arbitrary: fc.tuple(anyPath, fc.constantFrom(100, 1_000, 10_000, 100_000), fc.constantFrom('array' as const, 'object' as const))
          .map(([path, depth, kind]) => text(spliced(value, path, deepJson(depth, kind)), [`${depth}-deep ${kind} at ${path.join('.') || '(root)'}`])),
        weight: 2,
      },
      {
        arbitrary: fc.tuple(pick(stringPaths), fc.constantFrom('\\ud800', '\\udfff', '\\udc00\\ud800', '\\u0000', '\\uffff', '\\ud83d'))
          .map(([path, escape]) => text(spliced(value, path, `"a${escape}b"`), [`lone surrogate ${escape} at ${path.join('.')}`])),
        weight: 1,
      },
      {
        arbitrary: fc.tuple(pick(stringPaths), fc.constantFrom([0xff], [0xfe, 0xff], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xe0, 0x80], [0x80]))
          .map(([path, bytes]): BodyDraft => ({ bytes: invalidUtf8(value, path, bytes), defects: [`invalid UTF-8 ${bytes.map((b) => b.toString(16)).join(' ')} at ${path.join('.')}`] })),
        weight: 1,
      },
      {
        arbitrary: fc.constantFrom('', ' ', 'null', '[]', '"text"', '42', 'true', '{', '{"a":1,}', "{'a':1}", '\uFEFF{}', '{"a":1}{"b":2}', 'NaN', '[' + '"x",'.repeat(5_000) + '"x"]')
          .map((raw) => text(raw, [`raw body ${JSON.stringify(raw.slice(0, 20))}`])),
        weight: 2,
      },
      {
        arbitrary: fc.constantFrom('array' as const, 'object' as const).chain((kind) => fc.constantFrom(1_000, 10_000, 100_000).map((depth) => text(deepJson(depth, kind), [`${depth}-deep ${kind} body`]))),
        weight: 1,
      },
      {
        arbitrary: fc.integer({ min: 1, max: 64 * 1024 }).map((extra) => text(JSON.stringify({ description: 'x'.repeat(limit + extra) }), [`body over the ${limit}-byte limit`])),
        weight: 1,
      },
      {
        arbitrary: fc.tuple(pick(objectPaths), fc.integer({ min: 1, max: 300 })).map(([path, n]) => text(JSON.stringify(withKey(value, path, 'k'.repeat(n), 1)), [`unknown key of ${n} chars at ${path.join('.') || '(root)'}`])),
        weight: 1,
      },
    );
  });
}

/** Path segments for `{id}`-like parameters: traversal, encodings, odd ids, huge ids, and sometimes a real one. */
function segmentArbitrary(known: KnownIds, mode: 'hostile' | 'any'): fc.Arbitrary<{ raw: string; label: string }> {
  const hostile = fc.constantFrom(
    '..', '.', '%2e%2e', '%2E%2E', '..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%5c..%5cwindows', '%252e%252e%252f',
    '%00', '%0a', '%ED%A0%80', '%FF%FE', '%C0%AF', '%E0%A4%A', '%', '%%', '%zz', '__proto__', 'constructor', 'prototype', 'null', 'undefined',
    '-1', '1e308', 'NaN', "'%20OR%201=1--", '%24%7Bjndi:ldap:%2F%2Fx%7D', '%7B%7D', '%5B%5D', '00000000-0000-0000-0000-00000000000g',
    '{00000000-0000-0000-0000-000000000000}', 'urn:uuid:123e4567-e89b-12d3-a456-426614174000', '123e4567e89b12d3a456426614174000',
  );
  const hostileIds = fc.oneof(
    { arbitrary: hostile.map((raw) => ({ raw, label: `id ${raw}` })), weight: 5 },
    { arbitrary: fc.constantFrom(1_024, 10_240).map((size) => ({ raw: 'a'.repeat(size), label: `id of ${size} bytes` })), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map((text) => ({ raw: encodeURIComponent(text), label: `id ${JSON.stringify(text)}` })), weight: 2 },
    { arbitrary: fc.uuid().map((id) => ({ raw: `${id}${'%00'}`, label: 'uuid with NUL' })), weight: 1 },
    { arbitrary: fc.uuid().map((id) => ({ raw: `${id}..%2f..%2f`, label: 'uuid with traversal' })), weight: 1 },
  );
  const plausible = fc.oneof(
    fc.uuid().map((raw) => ({ raw, label: 'unknown uuid' })),
    ...(known.ids.length > 0 ? [fc.constantFrom(...known.ids).map((raw) => ({ raw, label: 'existing id' }))] : []),
    ...(known.ids.length > 0 ? [fc.constantFrom(...known.ids).map((raw) => ({ raw: raw.toUpperCase(), label: 'existing id in capitals' }))] : []),
  );
  return mode === 'hostile' ? hostileIds : fc.oneof({ arbitrary: hostileIds, weight: 1 }, { arbitrary: plausible, weight: 3 });
}

/** A query string: the route's own keys with hostile values, unknown and polluting keys, duplicates, broken escapes. */
function queryArbitrary(route: RouteDecl): fc.Arbitrary<{ raw: string; label: string }> {
  const keys = route.query ? Object.keys((jsonSchemaOf(route.query).properties ?? {}) as object) : [];
  const value = fc.oneof(
    fc.constantFrom('0', '-1', '101', '1e308', 'NaN', 'Infinity', '1.5', '0x10', '', '%', '%E0%A4%A', '%ED%A0%80', 'stolen', 'STOLEN', 'GR', 'gr', 'XX', '2024-13-45T99:99:99Z', 'a'.repeat(2_001), 'a'.repeat(10_000)),
    fc.constantFrom('25', '1', '100', 'missing', 'icon', 'GR', '2024-01-01T00:00:00Z'),
    fc.constantFrom(...forgedCursors),
    fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent),
  );
  const key = fc.oneof(
    ...(keys.length > 0 ? [fc.constantFrom(...keys)] : []),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__proto__[isAdmin]', 'org', 'role', 'limit[]', 'a'.repeat(300), '%00', ''),
  );
  const pair = keys.includes('cursor')
    ? fc.oneof(fc.tuple(key, value), fc.tuple(fc.constant('cursor'), fc.constantFrom(...forgedCursors)))
    : fc.tuple(key, value);
  return fc.array(pair, { minLength: 1, maxLength: 4 }).chain((pairs) =>
    fc.constantFrom('&', ';', '&&').map((separator) => {
      const raw = pairs.map(([k, v]) => `${k}=${v}`).join(separator);
      return { raw, label: `query ${raw.length > 60 ? `${raw.slice(0, 60)}…` : raw}` };
    }),
  );
}

const contentTypes = fc.constantFrom(
  'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
  'application/octet-stream', 'image/png', 'application/json; charset=utf-16', 'application/xml', 'application/merge-patch+json', '',
);
const ifMatchValues = fc.constantFrom('"1"', '1', 'W/"1"', '*', '"-1"', '"99999999999"', 'garbage', '"1", "2"', 'x'.repeat(4_000));
const otherMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

type Slot = 'token' | 'params' | 'query' | 'body' | 'method' | 'path' | 'role' | 'ifMatch';
// Bodies have the most ways to be wrong; routing mistakes the fewest. The role and If-Match aims send valid bodies,
// so that the request gets past validation to the permission check and the version check.
const aimWeights: Record<Slot, number> = { body: 5, params: 2, query: 2, token: 2, method: 1, path: 1, role: 2, ifMatch: 2 };

/** The roles a route's action grants nothing, by infra/permissions.ts. */
function rolesRefused(route: RouteDecl): Role[] {
  const action = (route as RouteDecl & { action?: Action }).action;
  if (!action) return [];
  const grant = permissions[action] as Partial<Record<Role, string>>;
  return Role.options.filter((role) => grant[role] === undefined);
}

/** If-Match values that name no version (a missing header is the other way to leave it out). */
const badIfMatch = fc.constantFrom<string | null>(null, '', ' ', 'garbage', '*', '"-1"', '"1234567890"', '"1", "2"', 'W/', '""', '"1.5"', Buffer.from('"١"').toString('latin1'), 'x'.repeat(4_000));

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** Cursors that decode, but to positions this API never handed out. */
const forgedCursors = [
  cursorOf({ pk: 'x' }), cursorOf({}), cursorOf(['a']), cursorOf({ before: '\u0000' }), cursorOf({ before: 'z'.repeat(500) }),
  cursorOf({ pk: 'OBJECT#1', sk: 'OBJECT', listPk: 'OBJECT', listSk: 'x' }), cursorOf({ pk: 'OBJECT#1', sk: 'OBJECT', countryPk: 'COUNTRY#GR', listSk: 'x' }),
  Buffer.from('{"__proto__":"x"}').toString('base64url'), cursorOf({ pk: '', sk: '' }), 'eyJwayI6IngifQ', 'garbage-cursor', '%', '====',
];

/** The query of a request aimed at the query when the generator drew none. */
const queryArbitraryFallback = { raw: '__proto__=1&limit=-1', label: 'query __proto__=1&limit=-1' };

/** Hostile requests aimed at one declared route. `aim` is the defect this request is built around. */
function routeArbitrary(route: RouteDecl, tokens: TokenPool, known: KnownIds): fc.Arbitrary<HostileRequest> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const slots: Slot[] = ['method', 'path'];
  if (route.auth !== 'none') slots.push('token');
  if (names.length > 0) slots.push('params');
  if (route.query) slots.push('query');
  if (route.body) slots.push('body');
  const refusedRoles = rolesRefused(route);
  if (route.auth !== 'none' && refusedRoles.length > 0) slots.push('role');
  const ifMatch = (route.headers ?? []).some((header) => header.name === 'If-Match' && header.required);
  if (ifMatch) slots.push('ifMatch');
  const validToken = fc.constantFrom(...tokens.valid);
  const invalidToken = fc.constantFrom(...tokens.invalid);
  const segments = (mode: 'hostile' | 'any') => fc.array(segmentArbitrary(known, mode), { minLength: names.length, maxLength: names.length });
  const body = route.body || route.method !== 'GET' ? bodyArbitrary(route) : fc.constant<BodyDraft>({ bytes: undefined, defects: [] });
  const validBody = route.body
    ? schemaValues(route.body)
        .filter((value) => route.body?.safeParse(value).success === true)
        .map((value): BodyDraft => ({ bytes: utf8(JSON.stringify(value)), defects: ['valid body'] }))
    : fc.constant<BodyDraft>({ bytes: undefined, defects: [] });
  const grantedTokens = tokens.valid.filter((token) => token.role && !refusedRoles.includes(token.role));
  const refusedTokens = tokens.valid.filter((token) => token.role && refusedRoles.includes(token.role));
  const knownSegments = fc.array(known.ids.length > 0 ? fc.constantFrom(...known.ids).map((raw) => ({ raw, label: 'existing id' })) : fc.uuid().map((raw) => ({ raw, label: 'unknown uuid' })), {
    minLength: names.length,
    maxLength: names.length,
  });

  return fc
    .record({
      aim: fc.oneof(...slots.map((slot) => ({ arbitrary: fc.constant(slot), weight: aimWeights[slot] }))),
      token: fc.oneof({ arbitrary: validToken, weight: 6 }, { arbitrary: invalidToken, weight: 1 }),
      badToken: invalidToken,
      segments: segments('any'),
      hostileSegments: segments('hostile'),
      query: fc.option(queryArbitrary(route), { freq: 2 }),
      body: fc.option(body, { freq: 6 }),
      contentType: contentTypes,
      ifMatch: fc.option(ifMatchValues, { freq: 4 }).map((value) => value ?? null),
      validBody,
      knownSegments,
      refusedToken: refusedTokens.length > 0 ? fc.constantFrom(...refusedTokens) : validToken,
      grantedToken: grantedTokens.length > 0 ? fc.constantFrom(...grantedTokens) : validToken,
      badIfMatch,
      otherMethod: fc.constantFrom(...otherMethods.filter((method) => method !== route.method)),
      pathTwist: fc.constantFrom(
        (p: string) => `${p}/x`, (p: string) => `${p}/..`, (p: string) => p.toUpperCase(), (p: string) => p.replace('/v1/', '//v1//'),
        (p: string) => p.replace('/v1/', '/v1/%2e%2e/'), (p: string) => p.replace('/v1/', '/v2/'), (p: string) => `${p}%00`, (p: string) => `${p}.json`,
        (p: string) => p.replace(/\/[^/]*$/, '/%2e%2e'), (p: string) => `/v1/../../..${p}`,
      ),
    })
    .map((draft) => {
      const defects: string[] = [`aim: ${draft.aim}`];
      const token = draft.aim === 'token' ? draft.badToken : draft.aim === 'role' ? draft.refusedToken : draft.aim === 'ifMatch' ? draft.grantedToken : draft.token;
      const validInput = draft.aim === 'role' || draft.aim === 'ifMatch';
      defects.push(`token: ${token.label}`);
      let path = route.path;
      (draft.aim === 'params' ? draft.hostileSegments : validInput ? draft.knownSegments : draft.segments).forEach((segment, index) => {
        path = path.replace(`{${names[index]}}`, segment.raw);
        defects.push(segment.label);
      });
      if (draft.aim === 'path') {
        path = draft.pathTwist(path);
        defects.push(`path twisted to ${path.length > 80 ? `${path.slice(0, 80)}…` : path}`);
      }
      const method = draft.aim === 'method' ? draft.otherMethod : route.method;
      const query = validInput ? null : (draft.query ?? (draft.aim === 'query' ? queryArbitraryFallback : null));
      if (query) defects.push(query.label);
      const bodyDraft = validInput ? draft.validBody : (draft.body ?? (draft.aim === 'body' ? { bytes: undefined, defects: ['no body'] } : null));
      if (bodyDraft) defects.push(...bodyDraft.defects);
      const headers: Record<string, string> = {};
      if (token.header !== undefined) headers.authorization = token.header;
      if (bodyDraft?.bytes !== undefined && draft.contentType) headers['content-type'] = draft.contentType;
      const ifMatchValue = draft.aim === 'ifMatch' ? draft.badIfMatch : draft.ifMatch;
      if (ifMatch && ifMatchValue !== null) headers['if-match'] = ifMatchValue;
      if (ifMatch) defects.push(`If-Match ${ifMatchValue === null ? '(none)' : JSON.stringify(ifMatchValue.slice(0, 20))}`);
      return {
        aimedAt: `${route.method} ${route.path}`,
        method,
        target: query ? `${path}?${query.raw}` : path,
        headers,
        body: bodyDraft?.bytes,
        tokenValid: token.valid,
        tokenRole: token.role,
        defects,
      } satisfies HostileRequest;
    });
}

// ---------------------------------------------------------------------------------------------------------------
// The oracle: would the API, by its own declarations, have to refuse this request?

/** The query parameters as API Gateway hands them to a function: repeated names joined with commas. */
export function gatewayQuery(search: URLSearchParams): Record<string, string> {
  const pairs = new Map<string, string>();
  for (const [name, value] of search) pairs.set(name, pairs.has(name) ? `${pairs.get(name)},${value}` : value);
  return Object.fromEntries(pairs);
}

/**
 * True when the request must get a 4xx by the route declarations alone: no route, too large, a token that is not
 * valid, or params, query or body that the route's schemas reject. False means the request is valid as far as the
 * declarations go (the domain may still refuse it, e.g. an unknown id).
 */
export function mustRefuse(request: HostileRequest): boolean {
  const url = new URL(request.target, 'http://127.0.0.1');
  if (url.pathname.startsWith('/dev/')) return false;
  const match = findRoute(request.method, url.pathname);
  if (match.kind !== 'found') return true;
  const route = match.route as RouteDecl;
  const bytes = request.body ?? new Uint8Array();
  if (bytes.byteLength > (route.maxBodyBytes ?? defaultMaxBodyBytes)) return true;
  if (route.auth !== 'none' && !request.tokenValid) return true;
  if (request.tokenRole && rolesRefused(route).includes(request.tokenRole)) return true;
  if (route.params && !route.params.safeParse(match.params).success) return true;
  if (route.query && !route.query.safeParse(url.search ? gatewayQuery(url.searchParams) : {}).success) return true;
  if (route.body) {
    let parsed: unknown;
    try {
      parsed = bytes.byteLength === 0 ? null : JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      return true;
    }
    if (!route.body.safeParse(parsed).success) return true;
  }
  for (const header of route.headers ?? []) {
    if (header.name !== 'If-Match' || !header.required) continue;
    try {
      versionFromIfMatch(request.headers['if-match'], true);
    } catch {
      return true;
    }
  }
  return false;
}

/**
 * Hostile requests over every route in the wiring. A request that changes something (any method but GET) always
 * carries a defect the declarations make fatal, so the table must come out of a campaign exactly as it went in;
 * a GET may happen to be valid (a probe with an odd but allowed cursor, a real id), and may then succeed.
 */
export function hostileRequests(tokens: TokenPool, known: KnownIds): fc.Arbitrary<HostileRequest> {
  const perRoute = (routes as readonly RouteDecl[]).map((route) => routeArbitrary(route, tokens, known));
  return fc.oneof(...perRoute).filter((request) => request.method === 'GET' || mustRefuse(request));
}

// ---------------------------------------------------------------------------------------------------------------
// Sending and judging

export interface Reply {
  status: number;
  contentType: string;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

export function send(apiUrl: string, request: HostileRequest, timeoutMs = 30_000): Promise<Reply> {
  const base = new URL(apiUrl);
  return new Promise((resolvePromise, reject) => {
    const outgoing = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method: request.method,
        path: request.target,
        headers: { ...request.headers, ...(request.body ? { 'content-length': String(request.body.byteLength) } : {}) },
        agent,
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolvePromise({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(request.body ? Buffer.from(request.body) : undefined);
  });
}

/** What is wrong with the answer to a request, or undefined when it is what the contract promises. */
export function judge(request: HostileRequest, reply: Reply): string | undefined {
  if (reply.status >= 500 || reply.status < 100) return `answered ${reply.status}`;
  if (reply.status >= 400) {
    if (!/^application\/json\b/i.test(reply.contentType)) return `a ${reply.status} with content-type "${reply.contentType}"`;
    let body: unknown;
    try {
      body = JSON.parse(reply.text);
    } catch {
      return `a ${reply.status} whose body is not JSON`;
    }
    const shape = ErrorBody.safeParse(body);
    if (!shape.success) return `a ${reply.status} whose body is not the documented error body: ${shape.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`;
    return undefined;
  }
  if (mustRefuse(request)) return `accepted (${reply.status}) a request its route declarations refuse`;
  if (request.method !== 'GET') return `a ${request.method} succeeded (${reply.status})`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The state that must not change

export interface StateProbe {
  snapshot(): Promise<string>;
  /** A snapshot once the stream consumers (matching, alerts) have stopped writing: two in a row half a second apart agree. */
  settled(): Promise<string>;
}

export function stateProbe(endpoints: { dynamoEndpoint: string; awsEndpoint: string }): StateProbe {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const dynamo = new DynamoDBClient({ endpoint: endpoints.dynamoEndpoint, region: 'us-east-1', credentials });
  const s3 = new S3Client({ endpoint: endpoints.awsEndpoint, region: 'us-east-1', credentials, forcePathStyle: true });
  const probe: StateProbe = {
    async settled() {
      let previous = await probe.snapshot();
      for (let attempt = 0; attempt < 30; attempt += 1) {
        await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
        const current = await probe.snapshot();
        if (current === previous) return current;
        previous = current;
      }
      return previous;
    },
    async snapshot() {
      // A Scan is right here: this is a test tool reading the whole table, not a request path.
      const items: string[] = [];
      let start: ScanCommandOutput['LastEvaluatedKey'];
      do {
        const page = await dynamo.send(new ScanCommand({ TableName: table.localName, ExclusiveStartKey: start, ConsistentRead: true }));
        for (const item of page.Items ?? []) items.push(JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))));
        start = page.LastEvaluatedKey;
      } while (start);
      const objects: string[] = [];
      let token: ListObjectsV2CommandOutput['NextContinuationToken'];
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket.localName, ContinuationToken: token }));
        for (const object of page.Contents ?? []) objects.push(`${object.Key} ${object.Size} ${object.ETag}`);
        token = page.NextContinuationToken;
      } while (token);
      return JSON.stringify({ table: items.sort(), bucket: objects.sort() });
    },
  };
  return probe;
}

/** A short account of how two snapshots differ, for the report. */
export function snapshotDiff(before: string, after: string): string {
  const a = JSON.parse(before) as { table: string[]; bucket: string[] };
  const b = JSON.parse(after) as { table: string[]; bucket: string[] };
  const lines: string[] = [];
  for (const [name, left, right] of [['table', a.table, b.table], ['bucket', a.bucket, b.bucket]] as const) {
    const added = right.filter((x) => !left.includes(x));
    const removed = left.filter((x) => !right.includes(x));
    for (const item of added) lines.push(`${name} + ${item.slice(0, 400)}`);
    for (const item of removed) lines.push(`${name} - ${item.slice(0, 400)}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// The campaign

/** Puts a few real records in the registry (an object, a subscription, a sighting and its matches) for requests to aim at. */
export async function seedRegistry(apiUrl: string, probe: StateProbe): Promise<KnownIds> {
  const api = apiClient(apiUrl);
  const museum: Caller = { sub: 'curator', org: 'museum-of-corfu', role: 'museum' };
  const police: Caller = { sub: 'analyst', org: 'interpol-woa', role: 'police' };
  const object = await api.call('POST', '/v1/objects', { as: museum, body: greekIcon });
  const subscription = await api.call('POST', '/v1/subscriptions', {
    as: police,
    body: { name: 'Icons', delivery: { type: 'feed' }, filter: { events: ['match', 'new-object', 'status-change'] } },
  });
  const sighting = await api.call('POST', '/v1/sightings', {
    as: police,
    body: { channel: 'customs', text: greekIcon.description, lang: 'el', seenAt: { date: '2024-05-02', country: 'BG' } },
  });
  if (object.status !== 201 || subscription.status !== 201 || sighting.status !== 202) {
    throw new Error(`seeding failed: ${object.status} ${subscription.status} ${sighting.status} ${JSON.stringify([object.body, subscription.body, sighting.body])}`);
  }
  // Matching and alerts run from the table stream: wait for them to settle before the snapshot.
  const deadline = Date.now() + 60_000;
  let view = await api.call('GET', `/v1/sightings/${sighting.body.id}`, { as: police });
  while (view.body.status === 'pending' && Date.now() < deadline) {
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
    view = await api.call('GET', `/v1/sightings/${sighting.body.id}`, { as: police });
  }
  await probe.settled();
  const matchIds = ((view.body.matches ?? []) as { id: string }[]).map((match) => match.id);
  return { ids: [object.body.id as string, subscription.body.id as string, sighting.body.id as string, ...matchIds] };
}

export interface Violation {
  index: number;
  request: HostileRequest;
  problem: string;
  reply?: Reply;
}

export interface CampaignReport {
  cases: number;
  seed: number;
  durationMs: number;
  byStatus: Record<number, number>;
  /** GET probes that were valid by the declarations and succeeded. */
  validProbes: number;
  /** Requests the declarations refuse (every case that is not a valid probe). */
  refusable: number;
  violations: Violation[];
  stateUnchanged: boolean;
  /** The smallest failing request fast-check found, with its answer. */
  counterexample?: string;
}

/** A request in a few lines: long strings and bodies cut, the token named by its label. */
export function describeRequest(request: HostileRequest): string {
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${cut(value, name === 'authorization' ? 40 : 120)}`);
  const body = request.body === undefined ? '(no body)' : cut(Buffer.from(request.body).toString('utf8'), 400);
  return [`${request.method} ${cut(request.target, 200)}   [built for ${request.aimedAt}]`, ...headers, `defects: ${request.defects.join(' | ')}`, `body: ${body}`].join('\n');
}

const describeReply = (reply: Reply | undefined) => (reply ? `${reply.status} ${reply.contentType}\n${reply.text.slice(0, 600)}` : '(no reply)');

export interface CampaignOptions {
  apiUrl: string;
  dynamoEndpoint: string;
  awsEndpoint: string;
  dataDir: string;
  cases: number;
  seed?: number;
  concurrency?: number;
  /** Cases between two snapshots of the table and bucket. */
  chunk?: number;
  log?: (line: string) => void;
}

/**
 * Seeds the registry, snapshots it, sends `cases` generated requests with bounded concurrency and judges each answer,
 * comparing the snapshot after every chunk. On the first violation fast-check replays and shrinks it, one request at
 * a time with a snapshot around each, to the smallest counterexample.
 */
export async function runHostileCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? Date.now() ^ (Math.random() * 0x7fffffff);
  const concurrency = options.concurrency ?? 8;
  const chunk = options.chunk ?? 500;
  const probe = stateProbe(options);
  const known = await seedRegistry(options.apiUrl, probe);
  const tokens = await buildTokenPool(options.apiUrl, options.dataDir);
  const arbitrary = hostileRequests(tokens, known);
  const baseline = await probe.settled();
  log(`seeded ${known.ids.length} records; ${tokens.valid.length} valid and ${tokens.invalid.length} bad tokens; seed ${seed}`);

  const started = performance.now();
  const requests = fc.sample(arbitrary, { seed, numRuns: options.cases });
  const byStatus: Record<number, number> = {};
  const violations: Violation[] = [];
  let validProbes = 0;
  let refusable = 0;
  let stateUnchanged = true;
  let changedDuring: { from: number; to: number } | undefined;

  const runOne = async (index: number) => {
    const request = requests[index] as HostileRequest;
    const refuse = mustRefuse(request);
    if (refuse) refusable += 1;
    let reply: Reply;
    try {
      reply = await send(options.apiUrl, request);
    } catch (error) {
      byStatus[0] = (byStatus[0] ?? 0) + 1;
      violations.push({ index, request, problem: `no HTTP answer: ${String(error)}` });
      return;
    }
    byStatus[reply.status] = (byStatus[reply.status] ?? 0) + 1;
    if (!refuse && reply.status < 400) validProbes += 1;
    const problem = judge(request, reply);
    if (problem) violations.push({ index, request, problem, reply });
  };

  for (let from = 0; from < requests.length && stateUnchanged; from += chunk) {
    const to = Math.min(from + chunk, requests.length);
    let next = from;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < to) await runOne(next++);
    }));
    const now = await probe.snapshot();
    if (now !== baseline) {
      stateUnchanged = false;
      changedDuring = { from, to };
      log(`the table or bucket changed during cases ${from}..${to - 1}:\n${snapshotDiff(baseline, now)}`);
    }
    log(`${to}/${requests.length} cases, ${violations.length} violations, ${Math.round(performance.now() - started)} ms`);
  }
  const durationMs = performance.now() - started;

  const report: CampaignReport = { cases: requests.length, seed, durationMs, byStatus, validProbes, refusable, violations, stateUnchanged };
  if (violations.length > 0 || changedDuring) {
    const culprit = changedDuring ? await findWriter(options.apiUrl, requests, changedDuring, probe) : undefined;
    const first = culprit ?? [...violations].sort((a, b) => a.index - b.index)[0];
    report.counterexample = first ? await shrink(options.apiUrl, arbitrary, probe, seed, first, log) : 'the table or bucket changed, but no single request of the chunk changed it again on replay';
  }
  return report;
}

/**
 * Sends the requests of a chunk again one at a time, with a snapshot around each, to find one that writes. A write
 * lands before its answer; the stream consumers' own writes come later, so they settle once, before the search.
 */
async function findWriter(apiUrl: string, requests: HostileRequest[], chunk: { from: number; to: number }, probe: StateProbe): Promise<Violation | undefined> {
  let before = await probe.settled();
  for (let index = chunk.from; index < chunk.to; index += 1) {
    const request = requests[index] as HostileRequest;
    const reply = await send(apiUrl, request).catch(() => undefined);
    const after = await probe.snapshot();
    if (after !== before) return { index, request, problem: `changed the table or bucket:\n${snapshotDiff(before, after)}`, ...(reply ? { reply } : {}) };
    before = after;
  }
  return undefined;
}

/** Replays a failing case through fast-check (seed and path), one request at a time with a snapshot around each, and shrinks it. */
async function shrink(apiUrl: string, arbitrary: fc.Arbitrary<HostileRequest>, probe: StateProbe, seed: number, first: Violation, log: (line: string) => void): Promise<string> {
  let lastFailure = '';
  // Settle first: an earlier candidate's write may still set off matching, which must not be blamed on this one.
  const property = fc.asyncProperty(arbitrary, async (request) => {
    const before = await probe.settled();
    let reply: Reply | undefined;
    let problem: string | undefined;
    try {
      reply = await send(apiUrl, request);
      problem = judge(request, reply);
    } catch (error) {
      problem = `no HTTP answer: ${String(error)}`;
    }
    const after = await probe.snapshot();
    if (after !== before) problem = `${problem ? `${problem}; ` : ''}changed the table or bucket:\n${snapshotDiff(before, after)}`;
    if (problem) lastFailure = `${problem}\n--- request\n${describeRequest(request)}\n--- response\n${describeReply(reply)}`;
    return problem === undefined;
  });
  const result = await fc.check(property, { seed, path: String(first.index) });
  if (!result.failed) {
    log('the failure did not reproduce on replay; reporting it as first seen');
    return `${first.problem}\n--- request\n${describeRequest(first.request)}\n--- response\n${describeReply(first.reply)}`;
  }
  log(`shrunk after ${result.numShrinks} shrinks (replay with seed ${seed}, path ${result.counterexamplePath})`);
  // Shrinking ends on the last value that failed, so the failure recorded last is the smallest counterexample's.
  return lastFailure;
}

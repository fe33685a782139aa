// Given the gateway's OpenAPI document: it is structurally valid OpenAPI 3 (every $ref resolves,
// schemas are objects, path parameters declared), matches the routes the app really serves (with
// metrics and the codec server configured), and documents each route's error answers.
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { DigitollFlow } from '../../src/client';
import { EncryptionCodec, PayloadKeyring } from '../../src/codec';
import { buildGateway, DOCS_ASSET_PREFIX, ROUTES, toOpenApiPath } from '../../src/gateway';
import { openApiDocument } from '../../src/gateway/openapi';
import { createServiceMetrics } from '../../src/metrics';

type Json = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

let app: FastifyInstance;
let base: string;
let doc: Json;
beforeAll(async () => {
  // A lazy connection that is never used: these routes do not reach Temporal.
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  app = await buildGateway({
    flow: new DigitollFlow({ client }),
    apiKeys: ['k'],
    temporalHealth: async () => true,
    metrics: { metrics: createServiceMetrics() },
    codec: {
      codec: new EncryptionCodec(new PayloadKeyring('k1', new Map([['k1', randomBytes(32)]]))),
      auth: 'api-key',
      apiKeys: ['k'],
      corsOrigins: [],
    },
    rateLimitPerMinute: 600,
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  const res = await fetch(`${base}/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Json;
});
afterAll(async () => {
  await app?.close();
});

/**
 * "METHOD /path" for every route the app serves (HEAD is Fastify's automatic twin of GET, OPTIONS
 * the codec server's CORS preflight), but the docs page's own assets (scripts and styles).
 */
function servedRoutes(): string[] {
  const stack: Array<{ depth: number; path: string }> = [];
  const out: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    while (stack.length > depth) stack.pop();
    const path = (stack.at(-1)?.path ?? '') + match[2]!;
    stack.push({ depth, path });
    for (const method of match[3]!.split(', '))
      if (method !== 'HEAD' && method !== 'OPTIONS') out.push(`${method} ${path}`);
  }
  return out.filter((route) => !route.startsWith(`GET ${DOCS_ASSET_PREFIX}`)).sort();
}

function documentedRoutes(): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const method of METHODS)
      if (item[method]) out.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
  }
  return out.sort();
}

function refs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refs(value, found);
    }
  }
  return found;
}

function resolve(ref: string): unknown {
  expect(ref.startsWith('#/')).toBe(true);
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
}

test('given /openapi.json, then it declares OpenAPI 3 with info and paths', () => {
  expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
  expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  expect(Object.keys(doc.paths as Json).length).toBeGreaterThan(0);
});

test('given the app, then every served route is documented and every documented route is served', () => {
  expect(documentedRoutes()).toEqual(servedRoutes());
  for (const path of Object.values(ROUTES)) expect(doc.paths).toHaveProperty([toOpenApiPath(path)]);
});

test('given every $ref, then it resolves to an object in the document', () => {
  const all = refs(doc);
  expect(all.length).toBeGreaterThan(0);
  for (const ref of all) expect(typeof resolve(ref)).toBe('object');
});

test('given the component schemas, then each is an object schema and the house consignment is one of them', () => {
  const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;
  expect(Object.keys(schemas)).toEqual(
    expect.arrayContaining(['HouseConsignment', 'CreateConsignment', 'Error']),
  );
  for (const schema of Object.values(schemas)) {
    expect(typeof schema).toBe('object');
    expect(schema.type ?? schema.allOf ?? schema.anyOf ?? schema.oneOf ?? schema.$ref).toBeDefined();
  }
  const house = schemas.HouseConsignment!;
  expect(house.required).toEqual(expect.arrayContaining(['documentIssueDate', 'consignmentHouseLevel']));
});

test('given every operation, then it has described responses and declares each {path} parameter', () => {
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const method of METHODS) {
      const operation = item[method] as
        { responses: Record<string, { description?: string }>; parameters?: Array<Json> } | undefined;
      if (!operation) continue;
      expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      for (const response of Object.values(operation.responses))
        expect(response.description).toEqual(expect.any(String));
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort()).toEqual([...names].sort());
      for (const p of declared) expect(p.required).toBe(true);
    }
  }
});

test('given the /v1 operations, then each requires an API key and the schemes exist', () => {
  const schemes = (doc.components as { securitySchemes: Json }).securitySchemes;
  expect(Object.keys(schemes).sort()).toEqual(['apiKeyHeader', 'bearerAuth']);
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const method of METHODS) {
      const operation = item[method] as { security?: unknown[] } | undefined;
      if (operation && path.startsWith('/v1/')) expect(operation.security?.length).toBe(2);
    }
  }
});

test('given the routing feed operation, then its 200 answer documents the attention fields and counts by class an operator needs', () => {
  const operation = (doc.paths as Record<string, Json>)[ROUTES.routingFeed]!.get as Json;
  const content = (operation.responses as Record<string, Json>)['200']!.content as Record<string, Json>;
  let schema = content['application/json']!.schema as Json;
  if (typeof schema.$ref === 'string') schema = resolve(schema.$ref) as Json;
  expect(schema.required).toEqual(
    expect.arrayContaining([
      'needsAttention',
      'consecutiveFailures',
      'unexplained',
      'undeliverable',
      'totals',
    ]),
  );
  expect(Object.keys(schema.properties as Json)).toEqual(
    expect.arrayContaining(['lastError', 'needsAttentionReason']),
  );
  const totals = (schema.properties as Record<string, Json>).totals!;
  expect(totals.required).toEqual(
    expect.arrayContaining([
      'transportLevel',
      'alreadyFinal',
      'unknownRouting',
      'unreadable',
      'undeliverable',
      'failedPolls',
    ]),
  );
  expect((doc.paths as Record<string, Json>)[ROUTES.routingFeedAcknowledge]!.post).toBeDefined();
});

type Operation = { responses: Record<string, { headers?: Json }>; parameters?: Json[]; requestBody?: Json };

function operations(): Array<{ method: string; path: string; op: Operation }> {
  const out: Array<{ method: string; path: string; op: Operation }> = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>))
    for (const method of METHODS) if (item[method]) out.push({ method, path, op: item[method] as Operation });
  return out;
}

test('given every /v1 operation, then it documents 401 (API key), 429 with Retry-After (rate limit) and 503 with Retry-After (Temporal unavailable)', () => {
  const v1 = operations().filter((o) => o.path.startsWith('/v1/'));
  // 11 for houses and the routing feed, 20 for transports, masters, presentations and shipments.
  expect(v1.length).toBe(11 + 20);
  for (const { method, path, op } of v1) {
    const codes = Object.keys(op.responses);
    expect({ route: `${method} ${path}`, codes }).toEqual({
      route: `${method} ${path}`,
      codes: expect.arrayContaining(['401', '429', '503']),
    });
    expect(op.responses['429']!.headers).toHaveProperty('Retry-After');
    expect(op.responses['503']!.headers).toHaveProperty('Retry-After');
  }
});

test('given every operation that takes input, then 400; keyed by a consignment, then 404, and 409 when it acts', () => {
  for (const { method, path, op } of operations()) {
    const codes = Object.keys(op.responses);
    const route = `${method} ${path}`;
    const input = (op.parameters ?? []).length > 0 || op.requestBody !== undefined;
    if (input) expect({ route, codes }).toEqual({ route, codes: expect.arrayContaining(['400']) });
    if (path.includes('{documentNumber}')) {
      expect({ route, codes }).toEqual({ route, codes: expect.arrayContaining(['404']) });
      if (method === 'post')
        expect({ route, codes }).toEqual({ route, codes: expect.arrayContaining(['409']) });
    }
  }
});

test('given the status operation, then its 200 answer shows both views: the summary by default and the full status', () => {
  const op = (doc.paths as Record<string, Json>)[toOpenApiPath(ROUTES.status)]!.get as Operation & Json;
  const content = (op.responses['200'] as Json).content as Record<string, Json>;
  const refs = content['application/json']!.schema as { anyOf?: Json[]; oneOf?: Json[] };
  const variants = (refs.anyOf ?? refs.oneOf ?? []).map((v) => v.$ref);
  expect(variants.sort()).toEqual(
    ['#/components/schemas/ConsignmentStatus', '#/components/schemas/ConsignmentStatusSummary'].sort(),
  );
  expect((op.parameters ?? []).map((p) => p.name)).toEqual(expect.arrayContaining(['view']));
});

test('given the batch and list operations, then the batch is POST /v1/consignments:batch and the list pages', () => {
  expect((doc.paths as Record<string, Json>)['/v1/consignments:batch']!.post).toBeDefined();
  const list = (doc.paths as Record<string, Json>)['/v1/consignments']!.get as Operation;
  expect((list.parameters ?? []).map((p) => p.name)).toEqual(
    expect.arrayContaining(['pageSize', 'pageToken', 'startedAfter', 'startedBefore']),
  );
});

test('given the OpenAPI document, then the webhook event and its signature header are described', async () => {
  const doc = openApiDocument() as unknown as {
    info: { description: string };
    components: { schemas: Record<string, { description?: string; properties?: Record<string, unknown> }> };
  };
  const event = doc.components.schemas.WebhookEvent!;
  expect(Object.keys(event.properties ?? {})).toEqual(
    expect.arrayContaining(['deliveryId', 'sequence', 'workflowId', 'phase', 'needsAttention', 'nextStep']),
  );
  expect(event.description).toMatch(/X-Digitoll-Signature/);
  expect(doc.info.description).toMatch(/WebhookEvent/);
});

// Given the gateway's OpenAPI document: it is structurally valid OpenAPI 3 (every $ref resolves,
// schemas are objects, path parameters declared) and matches the routes the app really serves.
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { DigitollFlow } from '../../src/client';
import { buildGateway, ROUTES } from '../../src/gateway';

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
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  const res = await fetch(`${base}/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Json;
});
afterAll(async () => {
  await app?.close();
});

/** "METHOD /path" for every route the app serves (HEAD is Fastify's automatic twin of GET). */
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
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') out.push(`${method} ${path}`);
  }
  return out.sort();
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
  for (const path of Object.values(ROUTES)) {
    expect(doc.paths).toHaveProperty([path.replace(/:(\w+)/g, '{$1}')]);
  }
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

// Given the gateway over the real dev server, with consignments started on a task queue no worker
// serves (so 2,500 cost the server a start each and nothing more; visibility lists them at once):
// batch creates answer per item, and paging walks every consignment exactly once.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DigitollFlow } from '../../src/client';
import { buildGateway } from '../../src/gateway';
import { SEARCH_ATTRIBUTES } from '../../src/shared';
import { sampleHouseConsignment } from '../fixtures/documents';
import {
  connectTestTemporal,
  eventually,
  uniqueTaskQueue,
  type TestTemporal,
  SETTLE_MS,
} from '../helpers/temporal';

const KEY = 'gateway-pages-key-0123456789';
const TOTAL = 2_500;
const tag = `PAGES-${randomUUID().slice(0, 8)}`;

let temporal: TestTemporal;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  temporal = await connectTestTemporal();
  const flow = new DigitollFlow({ client: temporal.client, taskQueue: uniqueTaskQueue('no-worker') });
  app = await buildGateway({ flow, apiKeys: [KEY], temporalHealth: async () => true });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  // Ends them on the server, so no other test's counts see them.
  await temporal?.client.workflowService
    .startBatchOperation({
      namespace: temporal.namespace,
      jobId: randomUUID(),
      reason: 'test cleanup',
      visibilityQuery: `${SEARCH_ATTRIBUTES.erpReference.name} = '${tag}'`,
      terminationOperation: {},
    })
    .catch(() => undefined);
  await app?.close();
  await temporal?.close();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'x-api-key': KEY, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const request = (documentNumber: string) => ({
  mode: 'road',
  erpReference: tag,
  consignment: sampleHouseConsignment({
    consignmentHouseLevel: { transportDocumentHouseLevel: { documentNumber, type: 'N730' } },
  }),
});
const numbers = Array.from({ length: TOTAL }, (_, i) => `${tag}-${String(i).padStart(4, '0')}`);

/** Every document number of the run, walking the pages with this page size. */
async function walk(pageSize: number): Promise<{ seen: string[]; pages: number }> {
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const query = `erpReference=${tag}&pageSize=${pageSize}${token ? `&pageToken=${token}` : ''}`;
    const res = await call('GET', `/v1/consignments?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(pageSize);
    seen.push(...res.body.items.map((i: { documentNumber: string }) => i.documentNumber));
    token = res.body.nextPageToken;
    pages += 1;
  } while (token);
  return { seen, pages };
}

test('given 2,500 consignments created in batches, when listed a page at a time, then every one comes exactly once and the last page has no token', async () => {
  for (let from = 0; from < TOTAL; from += 1000) {
    const batch = numbers.slice(from, from + 1000).map(request);
    const res = await call('POST', '/v1/consignments:batch', { items: batch });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(batch.length);
    expect(
      res.body.items.every(
        (i: { status: number; index: number }, n: number) => i.status === 201 && i.index === n,
      ),
    ).toBe(true);
  }
  await eventually(
    async () =>
      (await temporal.client.workflow.count(`ErpReference = '${tag}'`)).count === TOTAL ? true : undefined,
    { timeoutMs: SETTLE_MS, what: `${TOTAL} consignments visible` },
  );
  for (const pageSize of [1000, 333]) {
    const { seen, pages } = await walk(pageSize);
    expect({ pageSize, pages, count: seen.length, distinct: new Set(seen).size }).toEqual({
      pageSize,
      pages: Math.ceil(TOTAL / pageSize),
      count: TOTAL,
      distinct: TOTAL,
    });
    expect([...seen].sort()).toEqual(numbers);
  }
}, 120_000);

test('given a batch with a new, an existing and two invalid items, then 201, 200 and 400 with every issue path, in order, and nothing starts for the invalid', async () => {
  const fresh = `${tag}-B-NEW`;
  const invalid = request(`${tag}-B-BAD`) as Record<string, unknown>;
  delete invalid.mode;
  const res = await call('POST', '/v1/consignments:batch', {
    items: [request(fresh), request(numbers[0]!), invalid, { mode: 'boat' }],
  });
  expect(res.status).toBe(200);
  expect(res.body.items.map((i: { index: number; status: number }) => [i.index, i.status])).toEqual([
    [0, 201],
    [1, 200],
    [2, 400],
    [3, 400],
  ]);
  expect(res.body.items[1].result).toMatchObject({ documentNumber: numbers[0], created: false });
  expect(res.body.items[2].error.issues.map((i: { path: string }) => i.path)).toEqual(['mode']);
  expect(res.body.items[3].error.issues.map((i: { path: string }) => i.path)).toEqual(
    expect.arrayContaining(['mode', 'consignment']),
  );
  expect((await call('GET', `/v1/consignments/N730/${tag}-B-BAD`)).status).toBe(404);
  // The new one answers at once from the summary its start wrote, though no worker ever ran it.
  expect((await call('GET', `/v1/consignments/N730/${fresh}`)).body).toMatchObject({
    phase: 'SUBMITTING',
    mode: 'road',
    executionStatus: 'RUNNING',
    erpReference: tag,
  });
});

test('given a bad batch envelope, a bad page size or a forged page token, then 400 naming the field', async () => {
  expect((await call('POST', '/v1/consignments:batch', { items: [] })).body.issues).toEqual([
    expect.objectContaining({ path: 'items' }),
  ]);
  const tooMany = Array.from({ length: 1001 }, () => ({}));
  expect((await call('POST', '/v1/consignments:batch', { items: tooMany })).status).toBe(400);
  for (const query of ['pageSize=0', 'pageSize=1001', 'pageToken=AAAA', 'startedAfter=yesterday']) {
    const res = await call('GET', `/v1/consignments?${query}`);
    expect({ query, status: res.status, path: res.body.issues?.[0]?.path }).toEqual({
      query,
      status: 400,
      path: query.split('=')[0],
    });
  }
});

test('given a start-time window, then only consignments started inside it are listed', async () => {
  const first = await call('GET', `/v1/consignments?erpReference=${tag}&pageSize=1`);
  const startTime = first.body.items[0].startTime as string;
  const after = await call(
    'GET',
    `/v1/consignments?erpReference=${tag}&pageSize=1000&startedAfter=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
  );
  expect(after.body.items).toEqual([]);
  const window = await call(
    'GET',
    `/v1/consignments?erpReference=${tag}&pageSize=1000&startedAfter=${encodeURIComponent(startTime)}&startedBefore=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`,
  );
  expect(window.status).toBe(200);
  expect(window.body.items.length).toBeGreaterThan(0);
  for (const item of window.body.items) expect(item.startTime >= startTime).toBe(true);
});

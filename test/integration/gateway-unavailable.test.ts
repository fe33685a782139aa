// Given the gateway over a real dev server whose only workflow worker for the consignment's queue
// is shut down: the default status view (the memo, via describe) still answers 200, because it asks
// no worker; the full view (the query) answers 503 with Retry-After (nothing is wrong with the
// request), and 200 again once a worker polls.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { DigitollFlow } from '../../src/client';
import { buildGateway, temporalHealthCheck } from '../../src/gateway';
import { createWorkers, type Workers } from '../../src/worker';
import { FAST_TIMINGS, houseOf, startHarness, type Harness } from './consignment.harness';
import { bundleWorkflows, eventually, uniqueTaskQueue, SETTLE_MS } from '../helpers/temporal';

const KEY = 'gateway-unavailable-key-0123';
const taskQueues = { workflow: uniqueTaskQueue('gu-wf'), digitoll: uniqueTaskQueue('gu-customs') };

let h: Harness;
let app: FastifyInstance;
let base: string;
let workers: { workers: Workers; running: Promise<void> } | undefined;

/** A worker of our own on the consignment's queues, so the test can stop it and start it again. */
async function startWorkers(): Promise<void> {
  const created = await createWorkers({
    nativeConnection: h.temporal.nativeConnection,
    client: h.client,
    digitoll: h.digitoll,
    taskQueues,
    digitollActivitiesPerSecond: 200,
    shutdownGraceTime: '1s',
    workflowBundle: await bundleWorkflows(path.resolve(__dirname, '../../workflows')),
  });
  workers = { workers: created, running: created.run() };
}

async function stopWorkers(): Promise<void> {
  if (!workers) return;
  await workers.workers.shutdown();
  await workers.running.catch(() => undefined);
  workers = undefined;
}

beforeAll(async () => {
  h = await startHarness();
  await startWorkers();
  const flow = new DigitollFlow({
    client: h.client,
    taskQueue: taskQueues.workflow,
    digitollTaskQueue: taskQueues.digitoll,
    defaultTimings: FAST_TIMINGS,
    organisation: h.organisation,
    statusTimeoutMs: 3_000,
  });
  // Errors only: should a read answer 500 instead, the log says what Temporal threw.
  app = await buildGateway({
    flow,
    apiKeys: [KEY],
    logger: pino({ level: 'error' }),
    temporalHealth: temporalHealthCheck(h.temporal.connection),
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app?.close();
  await stopWorkers();
  await h?.close();
});

async function call(method: string, url: string, payload?: unknown) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { 'x-api-key': KEY, ...(payload ? { 'content-type': 'application/json' } : {}) },
    body: payload ? JSON.stringify(payload) : undefined,
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

test('given a registered consignment, when its worker stops, then the summary still answers 200 and the full view 503 with Retry-After until a worker runs again', async () => {
  const doc = h.document();
  const { type, documentNumber } = houseOf(doc);
  const statusPath = `/v1/consignments/${type}/${documentNumber}`;
  expect((await call('POST', '/v1/consignments', { mode: 'road', consignment: doc })).status).toBe(201);
  await eventually(
    async () => {
      const res = await call('GET', statusPath);
      return res.status === 200 && res.body.phase === 'REGISTERED' ? res : undefined;
    },
    { timeoutMs: SETTLE_MS, what: `${statusPath} REGISTERED` },
  );

  await stopWorkers();
  // The summary needs no worker: read from the memo the workflow keeps, no query, no replay.
  const summary = await call('GET', statusPath);
  expect(summary).toMatchObject({
    status: 200,
    body: {
      phase: 'REGISTERED',
      type,
      documentNumber,
      executionStatus: 'RUNNING',
      nextStep: expect.any(String),
    },
  });
  expect(summary.body).not.toHaveProperty('timeline');
  const started = performance.now();
  const unavailable = await call('GET', `${statusPath}?view=full`);
  expect(unavailable).toEqual({
    status: 503,
    retryAfter: '5',
    body: {
      error: expect.stringContaining('repeat the request'),
      code: 'TEMPORARILY_UNAVAILABLE',
      cause: expect.stringMatching(/^(NO_WORKER|TIMEOUT)$/),
      retryable: true,
      retryAfterSeconds: 5,
      requestId: expect.any(String),
    },
  });
  // Bounded by the flow's status timeout, not by the server's own wait of about 30 s.
  expect(performance.now() - started).toBeLessThan(10_000);

  await startWorkers();
  const back = await eventually(
    async () => {
      const res = await call('GET', `${statusPath}?view=full`);
      return res.status === 200 ? res : undefined;
    },
    { timeoutMs: SETTLE_MS, what: `${statusPath} answering again` },
  );
  expect(back.body).toMatchObject({ phase: 'REGISTERED', type, documentNumber, timeline: expect.any(Array) });
});

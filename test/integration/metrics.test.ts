// Given a worker and a gateway with metrics on (real dev server, real workers, the emulator over
// loopback), when a consignment goes from the gateway to RELEASED, then both /metrics endpoints
// show what happened: Customs calls and token refreshes, phases, the feed, gateway requests.
import path from 'node:path';
import { createTokenProvider } from '../../src/auth';
import { DigitollFlow } from '../../src/client';
import { createDigitollClient, TOKEN_PATHS } from '../../src/digitoll';
import { ENTRY_SCOPE, MODE_SCOPES, startEmulator } from '../../src/emulator';
import { buildGateway, temporalHealthCheck } from '../../src/gateway';
import { createServiceMetrics, startMetricsServer, startSampler } from '../../src/metrics';
import { createWorkers, ensureRoutingFeed } from '../../src/worker';
import { sampleHouseConsignment } from '../fixtures/documents';
import {
  bundleWorkflows,
  connectTestTemporal,
  eventually,
  uniqueTaskQueue,
  SETTLE_MS,
} from '../helpers/temporal';
import { FAST_TIMINGS } from './consignment.harness';

const KEY = 'metrics-test-key-5f2a';
jest.setTimeout(150_000);

/** Sum of the samples of `name` whose labels include `labels`; undefined when there is none. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let total: number | undefined;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) total = (total ?? 0) + Number(match[3]);
  }
  return total;
}

async function startSetup() {
  const temporal = await connectTestTemporal();
  // Customs presents the house by itself shortly after registration, as the real service does.
  const emulator = await startEmulator({
    processingDelayMs: 0,
    autoPresentAfterMs: 100,
    extraRoutingItemsEvery: 0,
  });
  const worker = createServiceMetrics();
  const creds = emulator.devCredentials;
  const tokens = await createTokenProvider({
    clientId: creds.clientId,
    privateKeyPem: creds.privateKeyPem,
    certificateChainPem: creds.certificatePem,
    maskinportenIssuer: emulator.issuer,
    maskinportenTokenUrl: `${emulator.url}${TOKEN_PATHS.maskinportenToken}`,
    exchangeUrl: `${emulator.url}${TOKEN_PATHS.customsExchange}`,
    observer: worker.tokenRefresh,
  });
  const digitoll = createDigitollClient({
    baseUrl: emulator.url,
    tokens,
    scopes: { ...MODE_SCOPES, entry: ENTRY_SCOPE },
    observer: worker.customsCall,
  });
  const taskQueues = {
    workflow: uniqueTaskQueue('metrics-wf'),
    digitoll: uniqueTaskQueue('metrics-customs'),
  };
  const workers = await createWorkers({
    nativeConnection: temporal.nativeConnection,
    client: temporal.client,
    namespace: temporal.namespace,
    digitoll,
    taskQueues,
    digitollActivitiesPerSecond: 200,
    shutdownGraceTime: '1s',
    workflowBundle: await bundleWorkflows(path.resolve(__dirname, '../../workflows')),
  });
  const running = workers.run();
  const organisation = uniqueTaskQueue('metrics-org');
  const feed = await ensureRoutingFeed(temporal.client, { organisation, pollInterval: '300ms', taskQueues });
  const sampler = startSampler({
    client: temporal.client,
    metrics: worker,
    organisations: [organisation],
    intervalMs: 300,
    workflowTaskQueue: taskQueues.workflow,
  });
  const workerServer = await startMetricsServer({ registry: worker.registry, host: '127.0.0.1', port: 0 });
  const flow = new DigitollFlow({
    client: temporal.client,
    taskQueue: taskQueues.workflow,
    digitollTaskQueue: taskQueues.digitoll,
    defaultTimings: FAST_TIMINGS,
    organisation,
  });
  const gateway = await buildGateway({
    flow,
    apiKeys: [KEY],
    temporalHealth: temporalHealthCheck(temporal.connection),
    metrics: { metrics: createServiceMetrics({ processMetrics: true }) },
  });
  const gatewayUrl = await gateway.listen({ host: '127.0.0.1', port: 0 });
  async function close() {
    await gateway.close();
    await workerServer.close();
    await sampler.stop();
    await feed.terminate('test finished').catch(() => undefined);
    await workers.shutdown();
    await running.catch(() => undefined);
    await emulator.close();
    await temporal.close();
  }
  return { organisation, workerMetricsUrl: workerServer.url, gatewayUrl, close };
}

let setup: Awaited<ReturnType<typeof startSetup>>;
beforeAll(async () => {
  setup = await startSetup();
});
afterAll(async () => {
  await setup?.close();
});

const call = (url: string, init: RequestInit = {}) =>
  fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...init.headers },
  });

test('given metrics on, when a consignment goes from the gateway to RELEASED, then worker and gateway /metrics show it with non-zero values and no document number', async () => {
  const documentNumber = `MET-${Date.now().toString(36).toUpperCase()}`;
  const consignment = sampleHouseConsignment({
    consignmentHouseLevel: { transportDocumentHouseLevel: { documentNumber, type: 'N730' } },
  });
  const created = await call(`${setup.gatewayUrl}/v1/consignments`, {
    method: 'POST',
    body: JSON.stringify({ mode: 'road', consignment }),
  });
  expect(created.status).toBe(201);
  const statusUrl = `${setup.gatewayUrl}/v1/consignments/N730/${documentNumber}`;
  const released = await eventually(
    async () => {
      const status = (await (await call(statusUrl)).json()) as { phase: string; mrn?: string };
      return status.phase === 'RELEASED' ? status : undefined;
    },
    { timeoutMs: SETTLE_MS, what: `${documentNumber} RELEASED` },
  );

  const feed = { organisation: setup.organisation };
  // The feed's workflow records a delivery once its poll returns, which may be after the house it
  // signalled is RELEASED: a sample can see the one before the other, so wait for both.
  const worker = await eventually(
    async () => {
      const text = await (await fetch(setup.workerMetricsUrl)).text();
      const releasedCounted = (valueOf(text, 'digitoll_consignments', { phase: 'RELEASED' }) ?? 0) >= 1;
      const delivered =
        (valueOf(text, 'digitoll_routing_feed_items', { ...feed, class: 'delivered' }) ?? 0) > 0;
      return releasedCounted && delivered ? text : undefined;
    },
    { timeoutMs: 20_000, what: 'the sampler counts the RELEASED consignment and the delivered routing' },
  );
  const submitted = { endpoint: 'submitHouseConsignment', method: 'POST', status_class: '2xx' };
  expect(valueOf(worker, 'digitoll_customs_requests_total', submitted)).toBeGreaterThan(0);
  expect(valueOf(worker, 'digitoll_customs_request_duration_seconds_count', submitted)).toBeGreaterThan(0);
  expect(valueOf(worker, 'digitoll_customs_requests_total', { endpoint: 'readRoutingPage' })).toBeGreaterThan(
    0,
  );
  expect(valueOf(worker, 'digitoll_token_refreshes_total', { outcome: 'success' })).toBeGreaterThan(0);
  expect(valueOf(worker, 'digitoll_parked', { level: 'house' })).toBe(0);
  expect(valueOf(worker, 'digitoll_routing_feed_items', { ...feed, class: 'delivered' })).toBeGreaterThan(0);
  expect(valueOf(worker, 'digitoll_routing_feed_lag_seconds', feed)).toBeLessThan(30);
  expect(valueOf(worker, 'digitoll_routing_feed_unexplained', feed)).toBe(0);
  expect(worker).not.toContain(documentNumber);
  expect(worker).not.toContain(released.mrn ?? documentNumber);

  const gateway = await (await fetch(`${setup.gatewayUrl}/metrics`)).text();
  const create = { route: '/v1/consignments', method: 'POST', status: '201' };
  expect(valueOf(gateway, 'digitoll_gateway_requests_total', create)).toBe(1);
  const status = { route: '/v1/consignments/:type/:documentNumber', method: 'GET', status: '200' };
  expect(valueOf(gateway, 'digitoll_gateway_requests_total', status)).toBeGreaterThan(0);
  const timed = { route: status.route, method: 'GET' };
  expect(valueOf(gateway, 'digitoll_gateway_request_duration_seconds_count', timed)).toBeGreaterThan(0);
  expect(valueOf(gateway, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  expect(gateway).not.toContain(documentNumber);
});

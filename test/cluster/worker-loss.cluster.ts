// On a real cluster (Temporal server on PostgreSQL, three worker processes), losing a worker
// machine mid-way loses no consignment: the others take over its workflows and activities.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../../src/dev/cluster/cluster';
import { SEARCH_ATTRIBUTES } from '../../src/shared';

const COUNT = 20;
const road = JSON.parse(readFileSync(join(__dirname, '../../examples/road.json'), 'utf8')) as {
  consignment: { consignmentHouseLevel: { transportDocumentHouseLevel: { documentNumber: string } } };
};

let cluster: Cluster;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'digitoll-cluster-test-'));
  // PostgreSQL runs as its own user, which must be able to enter the folder (mkdtemp makes it 0700).
  chmodSync(dataDir, 0o755);
  cluster = await startCluster({
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn', DIGITOLL_ACTIVITIES_PER_SECOND: '200' },
    workers: 3,
    freePorts: true,
    workflowBundlePath: process.env.CLUSTER_TEST_WORKFLOW_BUNDLE,
    // Customs takes a second to validate and presents the goods by itself 3 s after registration.
    twin: { processingDelayMs: 1000, autoPresentAfterMs: 3000 },
  });
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function gateway(
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${cluster.urls.gateway}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'X-Api-Key': cluster.config.gateway.apiKeys[0]!, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function consignment(documentNumber: string, erpReference: string) {
  const copy = structuredClone(road);
  copy.consignment.consignmentHouseLevel.transportDocumentHouseLevel.documentNumber = documentNumber;
  return { ...copy, erpReference };
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const count = async (query: string) => (await cluster.client.workflow.count(query)).count;

test('given three workers on the cluster, when one is killed with SIGKILL mid-way, then every consignment sent through the gateway still reaches RELEASED', async () => {
  const tag = `LOSS-${Date.now().toString(36).toUpperCase()}`;
  const numbers = Array.from({ length: COUNT }, (_, i) => `${tag}-${i}`);
  const ofRun = `${SEARCH_ATTRIBUTES.erpReference.name} = '${tag}'`;
  const released = `${ofRun} AND ${SEARCH_ATTRIBUTES.phase.name} = 'RELEASED'`;

  const created = await Promise.all(numbers.map((n) => gateway('/v1/consignments', consignment(n, tag))));
  expect(created.map((c) => c.status)).toEqual(numbers.map(() => 201));

  // Mid-way: Customs has registered some, and none is released yet.
  await waitFor(
    'the first registrations',
    async () =>
      (await count(
        `${ofRun} AND ${SEARCH_ATTRIBUTES.phase.name} != 'SUBMITTING' AND ${SEARCH_ATTRIBUTES.phase.name} != 'AWAITING_VALIDATION'`,
      )) >= 5,
    60_000,
  );
  expect(await count(released)).toBeLessThan(COUNT);
  const victim = cluster.workers[0]!;
  const killed = new Promise((resolve) =>
    victim.child.process.once('exit', (_code, signal) => resolve(signal)),
  );
  victim.child.process.kill('SIGKILL');
  expect(await killed).toBe('SIGKILL');

  await waitFor('every consignment RELEASED', async () => (await count(released)) === COUNT, 180_000);
  const statuses = await Promise.all(numbers.map((n) => gateway(`/v1/consignments/N730/${n}`)));
  expect(statuses.map((s) => s.json.phase)).toEqual(numbers.map(() => 'RELEASED'));
  expect(cluster.workers.slice(1).every((w) => !w.child.exited())).toBe(true);
});

// The embedded stack as `npm start` runs it (own dev server with SQLite, emulator, worker,
// routing feed, gateway): every example consignment goes through the gateway over HTTP to
// RELEASED, the INCOMPLETE one after a correction; after a stop and a restart on the same data
// folder, the gateway reads the same states.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { devGatewayApiKeyFile, startStack, type Stack } from '../../src/dev/stack';
import { freePort } from '../../src/dev/dev-server';
import { eventually } from '../helpers/temporal';

const examples = join(__dirname, '../../examples');
// JSON read back from the example files and the gateway's answers.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const readExample = (name: string) => JSON.parse(readFileSync(join(examples, name), 'utf8')) as Json;
const submissions = ['road.json', 'air.json', 'rail.json', 'maritime.json'].map(readExample);
const keyOf = (s: Json) =>
  s.consignment.consignmentHouseLevel.transportDocumentHouseLevel as { type: string; documentNumber: string };

jest.setTimeout(240_000);

let dataDir: string;
let env: Record<string, string>;
let stack: Stack | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'digitoll-stack-'));
  env = {
    DATA_DIR: dataDir,
    TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    EMULATOR_URL: `http://127.0.0.1:${await freePort()}`,
    GATEWAY_PORT: String(await freePort()),
    ROUTING_FEED_POLL_INTERVAL: '500ms',
    WORKER_SHUTDOWN_GRACE_TIME: '2s',
  };
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<Stack> {
  stack = await startStack({ env, cliPath: process.env.TEMPORAL_TEST_CLI_PATH! });
  return stack;
}

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const apiKey = readFileSync(devGatewayApiKeyFile(dataDir), 'utf8').trim();
  const response = await request(`${stack!.urls.gateway}${path}`, {
    method,
    headers: { 'x-api-key': apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.statusCode, body: (await response.body.json()) as Json };
}

const statusOf = async (key: { type: string; documentNumber: string }) =>
  (await call('GET', `/v1/consignments/${key.type}/${key.documentNumber}`)).body;

const reachPhase = (key: { type: string; documentNumber: string }, phase: string) =>
  eventually(
    async () => {
      const status = await statusOf(key);
      return status.phase === phase ? status : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 250, what: `${key.type}:${key.documentNumber} to reach ${phase}` },
  );

test('given the npm start stack, when the examples are sent through the gateway and the INCOMPLETE one corrected, then Customs presents them by itself and all are RELEASED, also after a restart', async () => {
  await start();

  for (const submission of submissions) {
    const created = await call('POST', '/v1/consignments', submission);
    expect(created.status).toBe(201);
  }
  const air = keyOf(readExample('air.json'));
  const incomplete = await reachPhase(air, 'INCOMPLETE');
  expect(incomplete.incompleteReasons.map((r: { code: string }) => r.code)).toEqual([
    'INCOMPLETE_CUDE_DOCUMENTATION',
  ]);
  const corrected = await call('POST', `/v1/consignments/${air.type}/${air.documentNumber}/corrections`, {
    document: readExample('air-correction.json'),
    reason: 'add the customs declaration',
  });
  expect(corrected.status).toBe(200);

  // Nothing else is sent: Customs presents the goods at the border by itself, and routing follows.
  const released = await Promise.all(submissions.map((s) => reachPhase(keyOf(s), 'RELEASED')));
  const before = released.map((s) => ({ phase: s.phase, mrn: s.mrn, revision: s.revision }));
  expect(before.map((s) => s.phase)).toEqual(['RELEASED', 'RELEASED', 'RELEASED', 'RELEASED']);
  expect(before[1]!.revision).toBe(2);

  const certificate = () => readFileSync(join(dataDir, 'dev-credentials', 'client-cert.pem'), 'utf8');
  const certificateBefore = certificate();
  await stack!.stop();
  stack = undefined;
  await start();
  expect(certificate()).toBe(certificateBefore);

  const after = await Promise.all(submissions.map((s) => statusOf(keyOf(s))));
  expect(after.map((s) => ({ phase: s.phase, mrn: s.mrn, revision: s.revision }))).toEqual(before);
  const listed = await call('GET', '/v1/consignments?phase=RELEASED');
  expect(listed.body.items.map((i: { documentNumber: string }) => i.documentNumber).sort()).toEqual(
    submissions.map((s) => keyOf(s).documentNumber).sort(),
  );
});

// Personal data never lies in Temporal in clear: a stack of its own (a dev server with a SQLite
// file, the emulator, a worker and the gateway, each with the encryption codec) takes a consignment
// through the gateway and a correction; then the whole history (SDK and CLI) and the server's
// database files are scanned for the consignor's and consignee's names, streets and e-mail, and the
// same payloads read through the codec server (and the CLI pointed at it) come back as sent.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import type { FastifyInstance } from 'fastify';
import { createTokenProvider } from '../../src/auth';
import { DigitollFlow } from '../../src/client';
import { EncryptionCodec, encryptingDataConverter, PayloadKeyring } from '../../src/codec';
import { startDevServer, type DevServer } from '../../src/dev/dev-server';
import { createDigitollClient, TOKEN_PATHS } from '../../src/digitoll';
import { ENTRY_SCOPE, MODE_SCOPES, startEmulator, type RunningEmulator } from '../../src/emulator';
import { buildGateway, temporalHealthCheck } from '../../src/gateway';
import { consignmentWorkflowId } from '../../src/shared';
import { createWorkers, type Workers } from '../../src/worker';
import { sampleHouseConsignment } from '../fixtures/documents';
import { bundleWorkflows, eventually, uniqueTaskQueue, WORKFLOWS_DIR } from '../helpers/temporal';

jest.setTimeout(180_000);
const run = promisify(execFile);
const API_KEY = `codec-test-${randomBytes(8).toString('hex')}`;
const PERSONAL: readonly [string, string, string, string, string] = [
  'Ingrid Solbakken',
  'Fjordveien',
  'Kari Nordmann',
  'Storgata',
  'kari.nordmann@example.no',
];
const documentNumber = `CODEC-${Date.now().toString(36).toUpperCase()}`;
const house = { type: 'N730' as const, documentNumber };
const document = sampleHouseConsignment({
  consignmentHouseLevel: {
    transportDocumentHouseLevel: house,
    consignor: { name: PERSONAL[0], address: { streetLine: PERSONAL[1] } },
    consignee: {
      name: PERSONAL[2],
      address: { streetLine: PERSONAL[3] },
      communication: [{ identifier: PERSONAL[4], type: 'EM' }],
    },
  },
});
const corrected = { ...document, documentIssueDate: '2025-01-16T08:30:00Z' };

let dir: string;
let server: DevServer;
let emulator: RunningEmulator;
let connection: Connection;
let nativeConnection: NativeConnection;
let workers: Workers;
let running: Promise<void>;
let gateway: FastifyInstance;
let base: string;
const keyring = new PayloadKeyring('k1', new Map([['k1', randomBytes(32)]]));
const codec = new EncryptionCodec(keyring);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'digitoll-codec-'));
  server = await startDevServer({
    cliPath: process.env.TEMPORAL_TEST_CLI_PATH,
    headless: true,
    dbFilename: join(dir, 'temporal.sqlite'),
  });
  emulator = await startEmulator({ processingDelayMs: 0 });
  connection = await Connection.connect({ address: server.address });
  nativeConnection = await NativeConnection.connect({ address: server.address });
  const client = new Client({
    connection,
    namespace: server.namespace,
    dataConverter: encryptingDataConverter(keyring),
  });
  const taskQueues = { workflow: uniqueTaskQueue('codec-wf'), digitoll: uniqueTaskQueue('codec-customs') };
  workers = await createWorkers({
    nativeConnection,
    client,
    digitoll: await digitollOf(emulator),
    taskQueues,
    digitollActivitiesPerSecond: 200,
    shutdownGraceTime: '1s',
    workflowBundle: await bundleWorkflows(WORKFLOWS_DIR),
  });
  running = workers.run();
  gateway = await buildGateway({
    flow: new DigitollFlow({
      client,
      taskQueue: taskQueues.workflow,
      digitollTaskQueue: taskQueues.digitoll,
    }),
    apiKeys: [API_KEY],
    temporalHealth: temporalHealthCheck(connection),
    codec: { codec, auth: 'api-key', apiKeys: [API_KEY], corsOrigins: ['http://127.0.0.1:8233'] },
  });
  base = await gateway.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await gateway?.close();
  await workers?.shutdown();
  await running?.catch(() => undefined);
  await connection?.close();
  await nativeConnection?.close();
  await emulator?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function digitollOf(twin: RunningEmulator) {
  const creds = twin.devCredentials;
  const tokens = await createTokenProvider({
    clientId: creds.clientId,
    privateKeyPem: creds.privateKeyPem,
    certificateChainPem: creds.certificatePem,
    maskinportenIssuer: twin.issuer,
    maskinportenTokenUrl: `${twin.url}${TOKEN_PATHS.maskinportenToken}`,
    exchangeUrl: `${twin.url}${TOKEN_PATHS.customsExchange}`,
  });
  return createDigitollClient({ baseUrl: twin.url, tokens, scopes: { ...MODE_SCOPES, entry: ENTRY_SCOPE } });
}

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const statusPath = `/v1/consignments/${house.type}/${documentNumber}`;
const reach = (predicate: (s: { phase: string; revision: number }) => boolean, what: string) =>
  eventually(
    async () => {
      const { status, json } = await call('GET', statusPath);
      return status === 200 && predicate(json as { phase: string; revision: number }) ? json : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 200, what },
  );

/** Occurrences of each personal string in `bytes`, and in every base64 run inside it decoded. */
function occurrences(bytes: Buffer): Record<string, number> {
  const decoded = [...bytes.toString('latin1').matchAll(/[A-Za-z0-9+/]{16,}={0,2}/g)].map((m) =>
    Buffer.from(m[0], 'base64'),
  );
  const count = (haystack: Buffer, needle: string) => {
    let n = 0;
    for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n += 1;
    return n;
  };
  return Object.fromEntries(
    PERSONAL.map((s) => [s, count(bytes, s) + decoded.reduce((sum, d) => sum + count(d, s), 0)]),
  );
}
const none = Object.fromEntries(PERSONAL.map((s) => [s, 0]));

const cli = (...args: string[]) =>
  run(process.env.TEMPORAL_TEST_CLI_PATH!, [
    'workflow',
    'show',
    '--workflow-id',
    consignmentWorkflowId(house.type, documentNumber),
    '--address',
    server.address,
    '--output',
    'json',
    ...args,
  ]).then((r) => r.stdout);

test('given the codec on every client and worker, when a consignment is started and corrected through the gateway, then no personal data lies in its history or the database, and the codec server gives it back', async () => {
  expect((await call('POST', '/v1/consignments', { mode: 'road', consignment: document })).status).toBe(201);
  await reach((s) => s.phase === 'REGISTERED', 'REGISTERED');
  const correction = await call('POST', `${statusPath}/corrections`, { document: corrected, reason: 'date' });
  expect(correction.status).toBeLessThan(300);
  await reach((s) => s.phase === 'REGISTERED' && s.revision >= 2, 'REGISTERED after the correction');

  const handle = new Client({ connection, namespace: server.namespace }).workflow.getHandle(
    consignmentWorkflowId(house.type, documentNumber),
  );
  const history = await handle.fetchHistory();
  expect(occurrences(Buffer.from(temporal.api.history.v1.History.encode(history).finish()))).toEqual(none);
  expect(occurrences(Buffer.from(await cli()))).toEqual(none);

  // The CLI pointed at the codec server shows the names (so the scans above could have found them).
  const decodedByCli = occurrences(
    Buffer.from(await cli('--codec-endpoint', `${base}/codec`, '--codec-auth', `Bearer ${API_KEY}`)),
  );
  for (const text of PERSONAL)
    expect({ text, found: decodedByCli[text]! > 0 }).toEqual({ text, found: true });

  const started = history.events!.find((e) => e.workflowExecutionStartedEventAttributes)!;
  const [input] = started.workflowExecutionStartedEventAttributes!.input!.payloads!;
  const asJson = {
    metadata: Object.fromEntries(
      Object.entries(input!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(input!.data!).toString('base64'),
  };
  const decode = await call('POST', '/codec/decode', { payloads: [asJson] });
  expect(decode.status).toBe(200);
  const clear = decode.json.payloads[0] as { metadata: Record<string, string>; data: string };
  expect(Buffer.from(clear.metadata.encoding!, 'base64').toString()).toBe('json/plain');
  expect(JSON.parse(Buffer.from(clear.data, 'base64').toString('utf8'))).toMatchObject({
    mode: 'road',
    consignment: document,
  });

  await gateway.close();
  await workers.shutdown();
  await server.stop();
  const files = readdirSync(dir).filter((name) => name.startsWith('temporal.sqlite'));
  const database = Buffer.concat(files.map((name) => readFileSync(join(dir, name))));
  // The scan sees the history: the workflow id and the codec's metadata are stored in clear.
  expect(database.includes(documentNumber)).toBe(true);
  expect(database.includes('encryption-key-id')).toBe(true);
  expect(occurrences(database)).toEqual(none);
});

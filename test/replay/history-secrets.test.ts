// No token, grant or key ever reaches workflow history: runs every scenario (but those marked too
// heavy) and scans each recorded run, the committed histories, and every history on the test
// server (these runs plus whatever other test files left there).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { temporal } from '@temporalio/proto';
import { ENTRY_SCOPE, MODE_SCOPES } from '../../src/emulator';
import { connectTestTemporal } from '../helpers/temporal';
import type { Harness } from '../integration/consignment.harness';
import { runScenarios } from './scenario-runner';
import { SCENARIOS } from './scenarios';

const DIR = path.join(__dirname, 'histories');
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]+/;

/** History as text, with every payload decoded, so a secret inside a payload is visible. */
function historyText(history: temporal.api.history.v1.IHistory): string {
  return JSON.stringify(history, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value,
  );
}

function committedText(file: string): string {
  const raw = readFileSync(path.join(DIR, file), 'utf8');
  const decoded = [...raw.matchAll(/"data":\s*"([A-Za-z0-9+/=]+)"/g)].map((m) =>
    Buffer.from(m[1]!, 'base64').toString('utf8'),
  );
  return [raw, ...decoded].join('\n');
}

/** The tokens this harness's workers used and the lines of its Maskinporten key. */
async function secretsOf(h: Harness): Promise<string[]> {
  const tokens = await Promise.all(
    [MODE_SCOPES.road, MODE_SCOPES.air, ENTRY_SCOPE].map((scope) => h.tokens.getToken(scope)),
  );
  const keyLines = h.emulator.devCredentials.privateKeyPem
    .split('\n')
    .filter((line) => line.length > 40 && !line.startsWith('-----'));
  return [...tokens, ...keyLines];
}

function expectClean(text: string, known: string[], where: string): void {
  const found = known.filter((secret) => text.includes(secret));
  expect({ where, found, jwt: JWT.test(text), pem: text.includes('PRIVATE KEY') }).toEqual({
    where,
    found: [],
    jwt: false,
    pem: false,
  });
}

/** Every Customs endpoint the workflows call: the scanned scenarios must carry a token to each. */
const CUSTOMS_CALLS = [
  'house-create',
  'house-validation-status',
  'house-replace',
  'house-delete',
  'house-lookup',
  'presentation',
  'presentation-validation-status',
  'routing',
  'transport-create',
  'transport-replace',
  'transport-delete',
  'transport-validation-status',
  'transport-status',
  'entry-status',
  'master-create',
  'master-replace',
  'master-delete',
  'master-validation-status',
  'master-status',
];

test('given histories produced by every scenario and the tests, when scanned, then no token, grant or key appears', async () => {
  const known: string[] = [];
  const called = new Set<string>();
  const scenarios = Object.entries(SCENARIOS).filter(([, s]) => s.secretsScan !== false);
  await runScenarios(scenarios, {
    cliPath: process.env.TEMPORAL_TEST_CLI_PATH,
    async onRecorded({ name, recorded, harness }) {
      const secrets = await secretsOf(harness);
      known.push(...secrets);
      Object.keys((await harness.control.calls()).byEndpoint).forEach((kind) => called.add(kind));
      const { workflowId, runId } = recorded;
      const history = await harness.client.workflow.getHandle(workflowId, runId).fetchHistory();
      expectClean(historyText(history), secrets, name);
    },
  });
  expect(known.length).toBeGreaterThan(2 * scenarios.length);
  expect(CUSTOMS_CALLS.filter((kind) => !called.has(kind))).toEqual([]);

  const temporalClient = await connectTestTemporal();
  let scanned = 0;
  try {
    for await (const wf of temporalClient.client.workflow.list()) {
      const history = await temporalClient.client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
      expectClean(historyText(history), known, wf.workflowId);
      scanned += 1;
    }
  } finally {
    await temporalClient.close();
  }
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'MANIFEST.json')) {
    expectClean(committedText(file), known, file);
    scanned += 1;
  }
  expect(scanned).toBeGreaterThanOrEqual(2 * scenarios.length);
}, 240_000);

// No token, grant or key ever reaches workflow history: scans the committed histories and every
// history on the test server (this file's own runs plus whatever other test files left there).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { temporal } from '@temporalio/proto';
import { ENTRY_SCOPE, MODE_SCOPES } from '../../src/emulator';
import { startHarness, type Harness } from '../integration/consignment.harness';
import { SCENARIOS } from './scenarios';

const DIR = path.join(__dirname, 'histories');
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]+/;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

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

async function secrets(): Promise<string[]> {
  const tokens = await Promise.all([MODE_SCOPES.road, ENTRY_SCOPE].map((scope) => h.tokens.getToken(scope)));
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

test('given histories produced by the tests, when scanned, then no token, grant or key appears', async () => {
  await SCENARIOS.happy!(h);
  await SCENARIOS.incomplete!(h);
  const known = await secrets();
  expect(known.length).toBeGreaterThan(2);

  let scanned = 0;
  for await (const wf of h.client.workflow.list()) {
    const history = await h.client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
    expectClean(historyText(history), known, wf.workflowId);
    scanned += 1;
  }
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
    expectClean(committedText(file), known, file);
    scanned += 1;
  }
  expect(scanned).toBeGreaterThanOrEqual(6);
}, 120_000);

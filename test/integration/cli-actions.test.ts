// Given the real dev server, workers and the emulator: the CLI's usage and file errors (exit 2),
// cancel, retry and feed, and the executable itself run as a child process.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/dev/dev-server';
import type { ConsignmentStatus } from '../../workflows/consignment/messages';
import { eventually } from '../helpers/temporal';
import { startCliHarness, type CliHarness } from './cli.harness';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

let t: CliHarness;
beforeAll(async () => {
  t = await startCliHarness();
});
afterAll(async () => {
  await t?.close();
});

async function phaseOf(type: string, documentNumber: string, phase: string): Promise<ConsignmentStatus> {
  return eventually(async () => {
    const s = JSON.parse((await t.cli('status', type, documentNumber, '--json')).stdout) as ConsignmentStatus;
    return s.phase === phase ? s : undefined;
  });
}

test('given no command, an unknown one or a missing argument, then usage goes to stderr with exit 2; --help exits 0', async () => {
  expect((await t.cli()).code).toBe(2);
  const unknown = await t.cli('frobnicate');
  expect(unknown).toMatchObject({
    code: 2,
    stderr: 'error: unknown command "frobnicate"\nRun `digitoll-flow --help`.\n',
  });
  const missing = await t.cli('status', 'N730');
  expect(missing.code).toBe(2);
  expect(missing.stderr).toBe(
    'error: missing <documentNumber>\nUsage: digitoll-flow status <type> <documentNumber>\n',
  );
  const badOption = await t.cli('status', 'N730', 'X', '--colour');
  expect(badOption.code).toBe(2);
  expect(badOption.stderr).toContain("Unknown option '--colour'");
  const noReason = await t.cli('cancel', 'N730', 'X');
  expect(noReason).toMatchObject({ code: 2 });
  expect(noReason.stderr).toContain('error: --reason is required');
  const help = await t.cli('correct', '--help');
  expect(help.code).toBe(0);
  expect(help.stdout).toContain(
    'Usage: digitoll-flow correct <type> <documentNumber> <file.json> --reason TEXT',
  );
  const top = await t.cli('--help');
  expect(top.code).toBe(0);
  for (const name of ['submit', 'status', 'list', 'correct', 'arrive', 'cancel', 'retry', 'feed'])
    expect(top.stdout).toContain(`  ${name} `);
});

test('given a missing file, a file that is not JSON, or a document failing the schema, then submit exits 2 saying what to fix', async () => {
  const missing = await t.cli('submit', '/nonexistent/house.json');
  expect(missing).toMatchObject({ code: 2, stdout: '' });
  expect(missing.stderr).toBe('error: /nonexistent/house.json: cannot read the file (no such file)\n');

  const broken = await t.file('broken.json', '{\n  "mode": "road",\n  "consignment": }\n');
  const notJson = await t.cli('submit', broken);
  expect(notJson.code).toBe(2);
  expect(notJson.stderr).toContain(`${broken}: not valid JSON at line 3, column 18`);

  const invalid = await t.file(
    'invalid.json',
    JSON.stringify({
      documentIssueDate: '2025-06-02 08:00',
      consignmentHouseLevel: { transportDocumentHouseLevel: { documentNumber: 'X', type: 'N999' } },
    }),
  );
  const schema = await t.cli('submit', invalid, '--mode', 'road');
  expect(schema.code).toBe(2);
  expect(schema.stderr).toContain('the document fails the schema');
  for (const line of [
    '  - documentIssueDate: invalid ISO-8601 instant in UTC (yyyy-MM-ddTHH:mm:ssZ)',
    '  - consignmentHouseLevel.transportDocumentHouseLevel.type: Must be one of [',
    '  - consignmentHouseLevel.goodsDescription: must not be null',
    '  - consignmentHouseLevel.consignor: Invalid input: expected object, received undefined',
  ])
    expect(schema.stderr).toContain(line);
  const json = JSON.parse((await t.cli('submit', invalid, '--mode', 'road', '--json')).stderr) as {
    error: { code: string; issues: unknown[] };
  };
  expect(json.error.code).toBe('FILE_INVALID');
  expect(json.error.issues.length).toBeGreaterThanOrEqual(8);

  const noMode = await t.cli('submit', invalid);
  expect(noMode.code).toBe(2);
  expect(noMode.stderr).toContain('no transport mode: pass --mode');
});

test('given a REGISTERED consignment, when cancelled, then it ends CANCELLED with exit 0 and a second cancel attaches to the same one', async () => {
  const { documentNumber, files } = await t.examples('maritime.json');
  expect((await t.cli('submit', files[0]!)).code).toBe(0);
  const registered = await phaseOf('N714', documentNumber, 'REGISTERED');
  const cancelled = await t.cli('cancel', 'N714', documentNumber, '--reason', 'order withdrawn');
  expect(cancelled).toMatchObject({ code: 0, stderr: '' });
  expect(cancelled.stdout).toBe(
    `N714 ${documentNumber} is CANCELLED (MRN ${registered.mrn}): order withdrawn\n`,
  );
  // One cancel per consignment: a repeated request (a retry after a lost answer) gets its outcome.
  const again = await t.cli('cancel', 'N714', documentNumber, '--reason', 'again');
  expect(again).toMatchObject({ code: 0, stdout: cancelled.stdout });
  const calls = await t.h.control.calls({ house: { type: 'N714', documentNumber } });
  expect(calls.byEndpoint['house-delete']).toBe(1);
});

test('given a running consignment, when retry is asked, then the signal is delivered and it exits 0', async () => {
  const { documentNumber, files } = await t.examples('rail.json');
  await t.cli('submit', files[0]!);
  await phaseOf('N720', documentNumber, 'REGISTERED');
  const retried = await t.cli('retry', 'N720', documentNumber);
  expect(retried).toMatchObject({ code: 0, stderr: '' });
  expect(retried.stdout).toContain(`Retry requested for N720 ${documentNumber}`);
  expect(JSON.parse((await t.cli('retry', 'N720', documentNumber, '--json')).stdout)).toEqual({
    type: 'N720',
    documentNumber,
    retryRequested: true,
  });
});

test("given the harness's routing feed, when feed is asked, then it shows the organisation and totals", async () => {
  const feed = await eventually(async () => {
    const r = await t.cli('feed');
    return r.stdout.includes('Last poll:   (not yet)') ? undefined : r;
  });
  expect(feed.code).toBe(0);
  expect(feed.stdout).toContain(`Routing feed of ${t.h.organisation}`);
  expect(feed.stdout).toMatch(/Totals:\s+\d+ page\(s\), \d+ received/);
  const json = JSON.parse((await t.cli('feed', '--json')).stdout) as { organisation: string };
  expect(json.organisation).toBe(t.h.organisation);
});

function childEnv(address: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: t.h.temporal.namespace,
    TEMPORAL_TASK_QUEUE: t.h.taskQueues.workflow,
    DIGITOLL_TASK_QUEUE: t.h.taskQueues.digitoll,
    ROUTING_FEED_ORGANISATION: 'no-such-organisation',
    // The harness's workers write payloads in clear, so the executable reads them without a key.
    PAYLOAD_ENCRYPTION: 'off',
  };
}

async function main(args: string[], env: NodeJS.ProcessEnv) {
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  try {
    const { stdout, stderr } = await run(tsx, ['src/cli/main.ts', ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('given the executable as a child process, when status is asked with TEMPORAL_ADDRESS set, then it prints the phase; feed of an organisation without a feed exits 1', async () => {
  const { documentNumber, files } = await t.examples('road.json');
  await t.cli('submit', files[0]!);
  await phaseOf('N730', documentNumber, 'REGISTERED');
  const env = childEnv(t.h.temporal.address);
  const status = await main(['status', 'N730', documentNumber], env);
  expect(status).toMatchObject({ code: 0, stderr: '' });
  expect(status.stdout).toMatch(/Phase:\s+REGISTERED/);
  const feed = await main(['feed'], env);
  expect(feed.code).toBe(1);
  expect(feed.stderr).toContain('the routing feed is not running');
});

test('given an unreachable Temporal address, when the executable runs a command, then it exits 1 naming the address', async () => {
  const address = `127.0.0.1:${await freePort()}`;
  const result = await main(['status', 'N730', 'X'], childEnv(address));
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`error: cannot reach Temporal at ${address}`);
});

test('given a consignment whose webhook deliveries are given up (the worker has no WEBHOOK_SECRET), when `webhooks` is asked, then it lists them with the reason and --replay asks to send them again', async () => {
  const { documentNumber, files } = await t.examples('rail.json');
  const submission = await t.file(
    'with-webhook.json',
    JSON.stringify({
      ...JSON.parse(await readFile(files[0]!, 'utf8')),
      callbackUrl: 'http://127.0.0.1:9/hook',
    }),
  );
  expect((await t.cli('submit', submission)).code).toBe(0);
  const shown = await eventually(async () => {
    const out = await t.cli('webhooks', 'N720', documentNumber);
    return /given up/.test(out.stdout) && /#1 SUBMITTING/.test(out.stdout) ? out : undefined;
  });
  expect(shown.code).toBe(0);
  expect(shown.stdout).toContain('WEBHOOK_NOT_CONFIGURED: WEBHOOK_SECRET is not set on the worker');
  expect(shown.stdout).toContain(`digitoll-flow webhooks N720 ${documentNumber} --replay`);
  const replay = await t.cli('webhooks', 'N720', documentNumber, '--replay', '--json');
  expect(replay.code).toBe(0);
  expect(JSON.parse(replay.stdout)).toMatchObject({
    replayRequested: true,
    webhooks: { url: 'http://127.0.0.1:9/hook' },
  });
});

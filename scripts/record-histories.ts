// Records replay histories for new paths (npm run histories:record [-- --only name1,name2]): starts
// a dev server, the emulator and real workers, runs each scenario whose history does not exist yet
// and writes test/replay/histories/<name>.json (readable, as the Temporal CLI shows it) and
// <name>.binpb (what the replay test loads), then adds both to MANIFEST.json. It never overwrites:
// committed histories are a contract, so a changed path gets a new scenario and a new file.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startDevServer } from '../src/dev/dev-server';
import { defaultCacheRoot, provisionTemporalCli } from '../src/dev/temporal-cli';
import { addToManifest, HISTORIES_DIR, readManifest } from '../test/replay/manifest';
import { runScenarios, type ScenarioRun } from '../test/replay/scenario-runner';
import { SCENARIOS, type Scenario } from '../test/replay/scenarios';

const execFileAsync = promisify(execFile);
const filesOf = (name: string) => [`${name}.json`, `${name}.binpb`];

/** The scenarios asked for (--only a,b) that have no history yet; says why each other is skipped. */
function selected(argv: string[]): Array<[string, Scenario]> {
  const at = argv.indexOf('--only');
  const only = at >= 0 ? (argv[at + 1] ?? '').split(',').filter(Boolean) : undefined;
  const unknown = (only ?? []).filter((name) => !(name in SCENARIOS));
  if (unknown.length > 0) throw new Error(`no such scenario: ${unknown.join(', ')}`);
  const listed = readManifest().sha256;
  return Object.entries(SCENARIOS).filter(([name]) => {
    if (only && !only.includes(name)) return false;
    const present = filesOf(name).filter((f) => existsSync(path.join(HISTORIES_DIR, f)));
    const frozen = filesOf(name).filter((f) => listed[f] !== undefined);
    if (present.length > 0) process.stdout.write(`kept ${name}: already recorded (${present.join(', ')})\n`);
    else if (frozen.length > 0)
      process.stdout.write(`refused ${name}: listed in MANIFEST.json but missing; restore it from git\n`);
    return present.length === 0 && frozen.length === 0;
  });
}

async function writeHistory(cliPath: string, { name, recorded, harness }: ScenarioRun): Promise<void> {
  const runArgs = recorded.runId ? ['--run-id', recorded.runId] : [];
  // The CLI writes the JSON history format the SDK's replayer reads (historyFromJSON).
  const { stdout } = await execFileAsync(
    cliPath,
    [
      ...['workflow', 'show', '--address', harness.temporal.address],
      ...['--namespace', harness.temporal.namespace, '-w', recorded.workflowId, ...runArgs],
      ...['--output', 'json'],
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  // The binary form is what the replay test reads: loading the JSON form needs a single
  // protobufjs copy, which this install layout does not guarantee.
  const history = await harness.client.workflow.getHandle(recorded.workflowId, recorded.runId).fetchHistory();
  const binary = temporal.api.history.v1.History.encode(history).finish();
  // 'wx': fails rather than replace a file that appeared meanwhile.
  await writeFile(path.join(HISTORIES_DIR, `${name}.json`), stdout, { flag: 'wx' });
  await writeFile(path.join(HISTORIES_DIR, `${name}.binpb`), binary, { flag: 'wx' });
  await addToManifest(filesOf(name));
  process.stdout.write(`recorded ${name}: ${recorded.workflowId} ${recorded.runId ?? ''}\n`);
}

async function main(): Promise<void> {
  // Worker state changes at INFO would bury which scenarios were recorded.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const todo = selected(process.argv.slice(2));
  if (todo.length === 0) return void process.stdout.write('nothing to record\n');
  const cli = await provisionTemporalCli({
    cliPath: process.env.TEMPORAL_CLI_PATH || undefined,
    searchPath: process.env.PATH,
    cacheRoot: defaultCacheRoot(process.env),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const server = await startDevServer({ cliPath: cli.path, headless: true });
  // The test harness finds the server the way jest's global setup announces it.
  process.env.TEMPORAL_TEST_ADDRESS = server.address;
  process.env.TEMPORAL_TEST_NAMESPACE = server.namespace;
  try {
    await runScenarios(todo, { cliPath: cli.path, onRecorded: (run) => writeHistory(cli.path, run) });
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

// Regenerates the committed replay histories (npm run histories:record): starts a dev server, the
// emulator and real workers, runs every scenario and writes test/replay/histories/<name>.json
// (readable, as the Temporal CLI shows it) and <name>.binpb (what the replay test loads).
// Run it after a deliberate workflow change, and commit the new files with that change.
import { mkdir, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { temporal } from '@temporalio/proto';
import { startDevServer } from '../src/dev/dev-server';
import { defaultCacheRoot, provisionTemporalCli } from '../src/dev/temporal-cli';
import { startHarness } from '../test/integration/consignment.harness';
import { SCENARIOS } from '../test/replay/scenarios';

const execFileAsync = promisify(execFile);
const OUT = path.resolve(__dirname, '..', 'test', 'replay', 'histories');

async function main(): Promise<void> {
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
  const harness = await startHarness();
  try {
    await mkdir(OUT, { recursive: true });
    for (const [name, run] of Object.entries(SCENARIOS)) {
      const recorded = await run(harness);
      // The CLI writes the JSON history format the SDK's replayer reads (historyFromJSON).
      const { stdout } = await execFileAsync(
        cli.path,
        [
          'workflow',
          'show',
          '--address',
          server.address,
          '--namespace',
          server.namespace,
          '-w',
          recorded.workflowId,
          '--output',
          'json',
        ],
        { maxBuffer: 64 * 1024 * 1024 },
      );
      await writeFile(path.join(OUT, `${name}.json`), stdout);
      // The binary form is what the replay test reads: loading the JSON form needs a single
      // protobufjs copy, which this install layout does not guarantee.
      const history = await harness.client.workflow.getHandle(recorded.workflowId).fetchHistory();
      await writeFile(
        path.join(OUT, `${name}.binpb`),
        temporal.api.history.v1.History.encode(history).finish(),
      );
      process.stdout.write(`recorded ${name}: ${recorded.workflowId}\n`);
    }
  } finally {
    await harness.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

// Memory of one worker process holding many open consignments: a worker-only process (the cluster's
// worker entry on the prebuilt bundle of `npm run build:workflows`; no twin, no gateway in it) on a
// dev server, N consignments registered and waiting for Customs (the twin presents none, so each
// waits for arrival and routing). Prints the process's RSS with the cache size and slots in effect.
// Usage: npm run bench:memory [-- --count 10000 --node-options=--max-old-space-size=96]
// (--node-options: NODE_OPTIONS of the worker process only; by default the heap flags of the
// worker command in the Dockerfile, docker-compose.yml and `npm run worker`.)
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DigitollFlow } from '../src/client';
import { loadConfig } from '../src/config';
import { startTwin } from '../src/dev/cluster/front';
import { startWorkerProcesses, stopWorkerProcesses } from '../src/dev/cluster/workers';
import { startDevServer } from '../src/dev/dev-server';
import { defaultCacheRoot, provisionTemporalCli } from '../src/dev/temporal-cli';
import { connectClient } from '../src/runtime';
import { SEARCH_ATTRIBUTES } from '../src/shared';
import { sampleHouseConsignment } from '../test/fixtures/documents';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '10000' }, 'node-options': { type: 'string' } },
});
const count = Number(values.count);
/** As the worker command sets them: without them V8 sizes the heaps by the machine (about 4 GiB). */
const WORKER_COMMAND_FLAGS = '--max-old-space-size=64 --max-semi-space-size=2';
const nodeOptions = values['node-options'] ?? WORKER_COMMAND_FLAGS;
const BUNDLE = join(__dirname, '..', 'dist', 'workflow-bundle.js');
const MiB = 1024 * 1024;

/** A field of /proc/<pid>/status in MiB (VmRSS; RssAnon is the heaps, RssFile the mapped code). */
function status(pid: number, field = 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return line ? (Number(line[1]) * 1024) / MiB : 0;
}
const rss = (pid: number) => status(pid);
const breakdown = (pid: number) =>
  `(anonymous ${status(pid, 'RssAnon').toFixed(0)} MiB, files ${status(pid, 'RssFile').toFixed(0)} MiB)`;

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const built = spawnSync('npm', ['run', '--silent', 'build:workflows'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build:workflows failed');
  const dir = mkdtempSync(join(tmpdir(), 'digitoll-memory-'));
  chmodSync(dir, 0o755);
  const cli = await provisionTemporalCli({
    searchPath: process.env.PATH,
    cacheRoot: defaultCacheRoot(process.env),
  });
  const server = await startDevServer({ cliPath: cli.path, headless: true });
  const env: Record<string, string> = {
    DATA_DIR: dir,
    LOG_LEVEL: 'error',
    PAYLOAD_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    DIGITOLL_ACTIVITIES_PER_SECOND: '1000',
    TEMPORAL_ADDRESS: server.address,
    EMULATOR_URL: 'http://127.0.0.1:0',
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => k.startsWith('WORKER_MAX_')) as [string, string][],
    ),
  };
  const twin = await startTwin({
    config: loadConfig(env),
    dataDir: dir,
    clusterDir: join(dir, 'twin'),
    twin: { processingDelayMs: 0, autoPresentAfterMs: 'off' },
  });
  const workerEnv = {
    ...process.env,
    ...env,
    ...twin.env,
    WORKER_METRICS_PORT: '0',
    NODE_OPTIONS: nodeOptions,
  };
  const config = loadConfig(workerEnv);
  const [worker] = await startWorkerProcesses({ count: 1, env: workerEnv, bundlePath: BUNDLE });
  const client = await connectClient(config);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rss(worker!.pid))), 500);
  try {
    const { maxCachedWorkflows, maxConcurrentWorkflowTasks, maxConcurrentActivities } = config.worker.sizing;
    console.log(
      `${count} consignments, one worker process (pid ${worker!.pid}); WORKER_MAX_CACHED_WORKFLOWS=${maxCachedWorkflows}, WORKER_MAX_CONCURRENT_WORKFLOW_TASKS=${maxConcurrentWorkflowTasks}, WORKER_MAX_CONCURRENT_ACTIVITIES=${maxConcurrentActivities}, NODE_OPTIONS=${workerEnv.NODE_OPTIONS ?? ''}`,
    );
    console.log(`RSS at start ${rss(worker!.pid).toFixed(0)} MiB ${breakdown(worker!.pid)}`);
    const flow = new DigitollFlow({
      client,
      defaultTimings: { firstValidationDelay: '1s', pollInitialInterval: '500ms' },
    });
    const tag = `MEM${Date.now().toString(36).toUpperCase()}`;
    const t0 = performance.now();
    for (let i = 0; i < count; i += 200) {
      await Promise.all(
        Array.from({ length: Math.min(200, count - i) }, (_, j) =>
          flow.start({
            mode: 'road',
            consignment: sampleHouseConsignment({
              consignmentHouseLevel: {
                transportDocumentHouseLevel: { documentNumber: `${tag}-${i + j}`, type: 'N730' },
              },
            }),
            erpReference: tag,
          }),
        ),
      );
    }
    const waiting = `${SEARCH_ATTRIBUTES.erpReference.name} = '${tag}' AND ${SEARCH_ATTRIBUTES.phase.name} = 'REGISTERED'`;
    let registered = 0;
    while ((registered = (await client.workflow.count(waiting)).count) < count) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      process.stdout.write(`  ${registered} registered, RSS ${rss(worker!.pid).toFixed(0)} MiB\n`);
    }
    console.log(
      `all ${count} registered and waiting after ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    console.log(
      `RSS now ${rss(worker!.pid).toFixed(0)} MiB ${breakdown(worker!.pid)}, peak ${peak.toFixed(0)} MiB (target: under 300 MiB)`,
    );
  } finally {
    clearInterval(sampler);
    await client.connection.close();
    await stopWorkerProcesses([worker!], 5_000);
    await twin.emulator.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

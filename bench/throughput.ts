// Consignments per second of the project against bare Temporal, on the same server in one run:
// first a baseline workflow of a consignment's shape with no-op activities (bench/baseline),
// then the project's consignments with the twin answering at once. Prints both rates, their
// ratio, CPU-seconds per consignment of the worker processes and of the server (and PostgreSQL),
// and Customs calls per consignment.
// Usage: npm run bench:throughput [-- --target dev|cluster --workers 1 --count 200]
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { DigitollFlow } from '../src/client';
import { bundleWorkflows } from '../src/dev/cluster/bundle';
import { createEmulatorControl } from '../src/emulator';
import { SEARCH_ATTRIBUTES } from '../src/shared';
import { sampleHouseConsignment } from '../test/fixtures/documents';
import { BASELINE_TASK_QUEUE } from './baseline/activities';
import { cpuSeconds } from './cpu';
import { clusterTarget, devTarget, type Target } from './targets';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'dev' },
    workers: { type: 'string', default: '1' },
    count: { type: 'string', default: '200' },
  },
});
const count = Number(values.count);

interface Measured {
  seconds: number;
  workerCpu: number;
  serverCpu: number;
  postgresCpu: number;
}

/** Runs `work` and answers its wall time and the CPU the given processes spent meanwhile. */
async function measure(target: Target, workerPids: number[], work: () => Promise<void>): Promise<Measured> {
  const before = target.serverPids();
  const cpu0 = { w: cpuSeconds(workerPids), s: cpuSeconds(before.server), p: cpuSeconds(before.postgres) };
  const t0 = performance.now();
  await work();
  const seconds = (performance.now() - t0) / 1000;
  const after = target.serverPids();
  return {
    seconds,
    workerCpu: cpuSeconds(workerPids) - cpu0.w,
    serverCpu: cpuSeconds(after.server) - cpu0.s,
    // Backends started during the run count from zero.
    postgresCpu: cpuSeconds(after.postgres) - cpu0.p,
  };
}

async function runBaseline(target: Target, dir: string, workers: number): Promise<Measured> {
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('./baseline/workflow'),
    logger: { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet, log: quiet },
  });
  const bundle = join(dir, 'baseline-bundle.js');
  writeFileSync(bundle, code);
  const pids = await target.startBaselineWorkers(workers, bundle);
  // Bare Temporal: the default data converter, as the baseline worker uses.
  const client = new Client({
    connection: target.client.connection,
    namespace: target.client.options.namespace,
  });
  const prefix = `base-${Date.now().toString(36)}`;
  return measure(target, pids, async () => {
    const handles = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        client.workflow.start('baselineConsignment', {
          taskQueue: BASELINE_TASK_QUEUE,
          workflowId: `${prefix}-${i}`,
          args: [{ documentNumber: `${prefix}-${i}` }],
        }),
      ),
    );
    await Promise.all(handles.map((handle) => handle.result()));
  });
}

async function runProject(
  target: Target,
): Promise<Measured & { calls: number; byEndpoint: Record<string, number> }> {
  const control = createEmulatorControl(target.twinUrl);
  // The baseline's shape: POST, wait, poll, arrival, presentation and its poll, routing. So the
  // goods are presented explicitly here, not by the twin's own presentation at the border.
  await control.setBehaviour({ autoPresentAfterMs: 'off' });
  const before = await control.calls();
  const flow = new DigitollFlow({
    client: target.client,
    defaultTimings: { firstValidationDelay: '1s', pollInitialInterval: '500ms', pollMaxInterval: '5s' },
  });
  const tag = `TP${Date.now().toString(36).toUpperCase()}`;
  const query = `${SEARCH_ATTRIBUTES.erpReference.name} = '${tag}' AND ${SEARCH_ATTRIBUTES.phase.name} = 'RELEASED'`;
  const measured = await measure(target, target.workerPids, async () => {
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        flow.start({
          mode: 'road',
          consignment: sampleHouseConsignment({
            consignmentHouseLevel: {
              transportDocumentHouseLevel: { documentNumber: `${tag}-${i}`, type: 'N730' },
            },
          }),
          erpReference: tag,
          presentation: { customsOfficeOfPresentation: 'NO351001' },
        }),
      ),
    );
    await arriveWhenRegistered(target, flow, tag);
    while ((await target.client.workflow.count(query)).count < count)
      await new Promise((r) => setTimeout(r, 200));
  });
  const after = await control.calls();
  const byEndpoint: Record<string, number> = {};
  for (const [key, n] of Object.entries(after.byEndpoint))
    byEndpoint[key] = (n ?? 0) - ((before.byEndpoint as Record<string, number>)[key] ?? 0);
  return { ...measured, calls: after.total - before.total, byEndpoint };
}

/** Posts each consignment's arrival once it is REGISTERED (as an ERP would), until all have one. */
async function arriveWhenRegistered(target: Target, flow: DigitollFlow, tag: string): Promise<void> {
  const arrived = new Set<string>();
  const registered = `${SEARCH_ATTRIBUTES.erpReference.name} = '${tag}' AND ${SEARCH_ATTRIBUTES.phase.name} = 'REGISTERED'`;
  while (arrived.size < count) {
    const due: string[] = [];
    for await (const execution of target.client.workflow.list({ query: registered })) {
      const documentNumber = execution.workflowId.split(':')[2]!;
      if (!arrived.has(documentNumber)) due.push(documentNumber);
    }
    await Promise.all(due.map((n) => flow.arrive('N730', n, { customsOfficeOfPresentation: 'NO351001' })));
    due.forEach((n) => arrived.add(n));
    if (due.length === 0) await new Promise((r) => setTimeout(r, 200));
  }
}

function report(label: string, m: Measured): number {
  const rate = count / m.seconds;
  console.log(
    `${label.padEnd(9)} ${rate.toFixed(1).padStart(6)} consignments/s (${count} in ${m.seconds.toFixed(1)} s); CPU-s per consignment: workers ${(m.workerCpu / count).toFixed(4)}, server ${(m.serverCpu / count).toFixed(4)}${m.postgresCpu ? `, PostgreSQL ${(m.postgresCpu / count).toFixed(4)}` : ''}`,
  );
  return rate;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const workers = Number(values.workers);
  const dir = mkdtempSync(join(tmpdir(), 'digitoll-throughput-'));
  chmodSync(dir, 0o755);
  const env = {
    DATA_DIR: dir,
    LOG_LEVEL: 'error',
    PAYLOAD_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    DIGITOLL_ACTIVITIES_PER_SECOND: '1000',
    ROUTING_FEED_POLL_INTERVAL: '1s',
    // Like for like: the baseline worker's SDK default cache (about 2,000 here) holds every
    // consignment of the run, so the project's worker gets one that does too, not the
    // memory-bound production default, which would make it replay histories the baseline never does.
    WORKER_MAX_CACHED_WORKFLOWS: process.env.WORKER_MAX_CACHED_WORKFLOWS ?? String(Math.max(count, 100)),
  };
  const bundle = await bundleWorkflows(join(dir, 'workflow-bundle.js'));
  const target =
    values.target === 'cluster'
      ? await clusterTarget(env, workers, bundle)
      : await devTarget(env, workers, bundle);
  try {
    console.log(
      `${target.name}; ${count} consignments each; 2 cores; project WORKER_MAX_CACHED_WORKFLOWS=${env.WORKER_MAX_CACHED_WORKFLOWS}`,
    );
    const baseline = report('baseline', await runBaseline(target, dir, workers));
    const projectRun = await runProject(target);
    const project = report('project', projectRun);
    const customs = Object.entries(projectRun.byEndpoint)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${(n / count).toFixed(2)}`);
    console.log(
      `Customs calls per consignment: ${(projectRun.calls / count).toFixed(2)} (${customs.join(', ')})`,
    );
    console.log(`ratio: ${(project / baseline).toFixed(2)}`);
  } finally {
    await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

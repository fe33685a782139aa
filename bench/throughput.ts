// Consignments per second of the project against bare Temporal, on the same server in one run:
// first a baseline workflow of a consignment's shape with no-op activities (bench/baseline),
// then the project's consignments with the twin answering at once. Prints both rates, their
// ratio, CPU-seconds per consignment of the worker processes and of the server (and PostgreSQL),
// and Customs calls per consignment.
// The two alternate for --rounds rounds (the machine's other load drifts; alternating spreads it
// over both), and the ratio is of their totals. Three by default: the baseline's own rate moves by a
// fifth from one round to the next here, and a third pair of rounds averages more of that out.
// Each round also prints when its consignments ended (p10 to the last), and the run the CPU-seconds
// per consignment of all processes together, whose quotient is what the ratio would be on cores
// that never idle. After each round (outside its measured time) the histories of its consignments
// tell how late their short timers fired and how long their workflow tasks waited for a worker
// (and how many timed out waiting, to run again from the shared queue).
// Before the rounds each side runs --warmup consignments, not counted: the first work of a fresh
// worker process is mostly the JIT compiling its code, which says nothing of its throughput. Runs
// of 500 keep the start and the end of a round (each consignment's own waits: a second before the
// validation poll, two before its arrival) a small part of it.
// Each run starts --settle seconds after the one before it ended (30 by default, the activities'
// start-to-close): what a run leaves due on the server is done before the next one is measured.
// Usage: npm run bench:throughput [-- --target dev|cluster --workers 1 --count 500 --rounds 3 --warmup 50 --settle 30]
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { DigitollFlow } from '../src/client';
import { bundleWorkflows } from '../src/dev/cluster/bundle';
import { createEmulatorControl } from '../src/emulator';
import { sampleHouseConsignment } from '../test/fixtures/documents';
import { BASELINE_TASK_QUEUE } from './baseline/activities';
import { cpuSeconds } from './cpu';
import { clusterTarget, devTarget, type Target } from './targets';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'dev' },
    workers: { type: 'string', default: '1' },
    count: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    settle: { type: 'string', default: '30' },
  },
});
const count = Number(values.count);
const warmup = Number(values.warmup);
const settleMs = Number(values.settle) * 1000;
/** When the server has done the deferred work of the run before (see measure). */
let quietAt = 0;

interface Measured {
  seconds: number;
  workerCpu: number;
  serverCpu: number;
  postgresCpu: number;
  /** This process: the client (and, for the project, the twin answering as Customs). */
  benchCpu: number;
}

/** Runs `work` and answers its wall time and the CPU the given processes spent meanwhile. */
async function measure(target: Target, workerPids: number[], work: () => Promise<void>): Promise<Measured> {
  // A run leaves timeouts behind that come due after it ends (each workflow task's 10 s, each
  // activity's 30 s start-to-close, on both sides; checked and dropped, their runs long over).
  // Started at once, the next run would meet them: thousands at a time, they hold back its own timers.
  const quiet = quietAt - performance.now();
  if (quiet > 0) await new Promise((r) => setTimeout(r, quiet));
  const before = target.serverPids();
  const cpu0 = { w: cpuSeconds(workerPids), s: cpuSeconds(before.server), p: cpuSeconds(before.postgres) };
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const seconds = (performance.now() - t0) / 1000;
  quietAt = performance.now() + settleMs;
  const after = target.serverPids();
  return {
    seconds,
    workerCpu: cpuSeconds(workerPids) - cpu0.w,
    serverCpu: cpuSeconds(after.server) - cpu0.s,
    // Backends started during the run count from zero.
    postgresCpu: cpuSeconds(after.postgres) - cpu0.p,
    benchCpu: ((own) => (own.user + own.system) / 1e6)(process.cpuUsage(own0)),
  };
}

async function startBaseline(target: Target, dir: string, workers: number): Promise<number[]> {
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('./baseline/workflow'),
    logger: { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet, log: quiet },
  });
  const bundle = join(dir, 'baseline-bundle.js');
  writeFileSync(bundle, code);
  return target.startBaselineWorkers(workers, bundle);
}

async function runBaseline(target: Target, pids: number[], n = count): Promise<Measured> {
  // Bare Temporal: the default data converter, as the baseline worker uses.
  const client = new Client({
    connection: target.client.connection,
    namespace: target.client.options.namespace,
  });
  const prefix = `base-${Date.now().toString(36)}`;
  const measured = await measure(target, pids, async () => {
    const t0 = performance.now();
    const handles = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        client.workflow.start('baselineConsignment', {
          taskQueue: BASELINE_TASK_QUEUE,
          workflowId: `${prefix}-${i}`,
          args: [{ documentNumber: `${prefix}-${i}` }],
        }),
      ),
    );
    const ends = await Promise.all(
      handles.map((handle) => handle.result().then(() => performance.now() - t0)),
    );
    printEnds('baseline', ends);
  });
  if (n === count)
    await printWaits(
      'baseline',
      client,
      Array.from({ length: n }, (_, i) => `${prefix}-${i}`),
    );
  return measured;
}

type ProjectRun = Measured & { calls: number; byEndpoint: Record<string, number> };

async function runProject(target: Target, n = count): Promise<ProjectRun> {
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
  const workflowIds: string[] = [];
  const measured = await measure(target, target.workerPids, async () => {
    const t0 = performance.now();
    const ends: number[] = [];
    // Each consignment: its start, its arrival two seconds later, its end as the baseline waits
    // for it (its result, a long poll; no list queries).
    const ended = Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const started = await flow.start({
          mode: 'road',
          consignment: sampleHouseConsignment({
            consignmentHouseLevel: {
              transportDocumentHouseLevel: { documentNumber: `${tag}-${i}`, type: 'N730' },
            },
          }),
          erpReference: tag,
          presentation: { customsOfficeOfPresentation: 'NO351001' },
        });
        workflowIds.push(started.workflowId);
        await arriveLater(flow, started.documentNumber);
        const result = await target.client.workflow.getHandle(started.workflowId).result();
        ends.push(performance.now() - t0);
        return result;
      }),
    );
    const results = (await ended) as Array<{ phase: string }>;
    printEnds('project', ends);
    const notReleased = results.filter((r) => r.phase !== 'RELEASED').length;
    if (notReleased > 0) throw new Error(`${notReleased} consignments ended other than RELEASED`);
  });
  const after = await control.calls();
  if (n === count) await printWaits('project', target.client, workflowIds);
  const byEndpoint: Record<string, number> = {};
  for (const [key, n] of Object.entries(after.byEndpoint))
    byEndpoint[key] = (n ?? 0) - ((before.byEndpoint as Record<string, number>)[key] ?? 0);
  return { ...measured, calls: after.total - before.total, byEndpoint };
}

/**
 * Posts one consignment's arrival as an ERP does: when the truck reaches the border, here two
 * seconds after the pre-notification (the validation wait is one second), without asking anything
 * of Temporal first (list queries or describes for every consignment would load the server with
 * work the baseline never does). An arrival that comes before registration is recorded and acted
 * on once the house is REGISTERED, as the workflow does for any early arrival.
 */
async function arriveLater(flow: DigitollFlow, documentNumber: string): Promise<void> {
  await new Promise((r) => setTimeout(r, ARRIVAL_AFTER_MS));
  await flow.arrive('N730', documentNumber, { customsOfficeOfPresentation: 'NO351001' });
}

const ARRIVAL_AFTER_MS = 2_000;

/**
 * When the consignments of a round ended, in seconds from its start: a round lasts until its last
 * one, so a long tail (the last tenth waiting on fixed delays while the cores idle) lowers the rate
 * without any CPU being spent.
 */
function printEnds(label: string, ends: number[]): void {
  const sorted = [...ends].sort((a, b) => a - b);
  const at = (q: number) =>
    (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! / 1000).toFixed(1);
  console.log(
    `${label} ended (s): p10 ${at(0.1)}, p50 ${at(0.5)}, p90 ${at(0.9)}, p99 ${at(0.99)}, last ${at(1)}`,
  );
}

/**
 * Where a round's consignments waited, read from their histories after the round (outside its
 * measured time): how late their short timers fired (the validation delay, poll backoffs; the
 * TimerFired event against TimerStarted plus its duration) and how long their workflow tasks
 * waited for a worker (WorkflowTaskStarted against WorkflowTaskScheduled). A tail with idle cores
 * shows here.
 */
async function printWaits(label: string, client: Client, workflowIds: string[]): Promise<void> {
  const late: number[] = [];
  const waited: number[] = [];
  /** Workflow tasks that timed out, nearly all on a worker's own queue (schedule-to-start). */
  let timedOut = 0;
  const ms = (event: temporal.api.history.v1.IHistoryEvent) =>
    Number(event.eventTime?.seconds ?? 0) * 1000 + (event.eventTime?.nanos ?? 0) / 1e6;
  const durationMs = (d: temporal.api.history.v1.ITimerStartedEventAttributes['startToFireTimeout']) =>
    Number(d?.seconds ?? 0) * 1000 + (d?.nanos ?? 0) / 1e6;
  const read = async (workflowId: string) => {
    const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
    const byId = new Map(events.map((e) => [Number(e.eventId), e]));
    for (const event of events) {
      const fired = event.timerFiredEventAttributes;
      const started = fired && byId.get(Number(fired.startedEventId));
      const timeout = durationMs(started?.timerStartedEventAttributes?.startToFireTimeout);
      if (started && timeout < SHORT_TIMER_MS) late.push(ms(event) - ms(started) - timeout);
      const task = event.workflowTaskStartedEventAttributes;
      const scheduled = task && byId.get(Number(task.scheduledEventId));
      if (scheduled) waited.push(ms(event) - ms(scheduled));
      if (event.workflowTaskTimedOutEventAttributes) timedOut += 1;
    }
  };
  for (let i = 0; i < workflowIds.length; i += 8) await Promise.all(workflowIds.slice(i, i + 8).map(read));
  const spread = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const at = (q: number) =>
      ((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) / 1000).toFixed(2);
    return `p50 ${at(0.5)}, p90 ${at(0.9)}, p99 ${at(0.99)}, max ${at(1)}`;
  };
  console.log(
    `${label} waits (s): short timers fired late ${spread(late)} (${late.length}); workflow tasks waited for a worker ${spread(waited)} (${waited.length}; ${timedOut} timed out)`,
  );
}

/** Timers shorter than this are the consignment's own delays; longer ones are deadlines. */
const SHORT_TIMER_MS = 60_000;

/** Adds up the rounds of one side. */
function total<T extends Measured>(runs: T[]): Measured {
  const sum = (pick: (m: Measured) => number) => runs.reduce((n, m) => n + pick(m), 0);
  return {
    seconds: sum((m) => m.seconds),
    workerCpu: sum((m) => m.workerCpu),
    serverCpu: sum((m) => m.serverCpu),
    postgresCpu: sum((m) => m.postgresCpu),
    benchCpu: sum((m) => m.benchCpu),
  };
}

function report(label: string, m: Measured, n: number): number {
  const rate = n / m.seconds;
  const per = (cpu: number) => (cpu / n).toFixed(4);
  console.log(
    `${label.padEnd(16)} ${rate.toFixed(1).padStart(6)} consignments/s (${n} in ${m.seconds.toFixed(1)} s); CPU-s per consignment: workers ${per(m.workerCpu)}, server ${per(m.serverCpu)}${m.postgresCpu ? `, PostgreSQL ${per(m.postgresCpu)}` : ''}, this process (client${label.startsWith('project') ? ', twin' : ''}) ${per(m.benchCpu)}`,
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
      `${target.name}; ${count} consignments each; ${values.settle} s between runs; 2 cores; project WORKER_MAX_CACHED_WORKFLOWS=${env.WORKER_MAX_CACHED_WORKFLOWS}`,
    );
    const rounds = Number(values.rounds);
    const baselinePids = await startBaseline(target, dir, workers);
    if (warmup > 0) {
      await runBaseline(target, baselinePids, warmup);
      await runProject(target, warmup);
      console.log(`warmed up: ${warmup} consignments on each side, not counted`);
    }
    const baselineRuns: Measured[] = [];
    const projectRuns: ProjectRun[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      baselineRuns.push(await runBaseline(target, baselinePids));
      report(`baseline, round ${round}`, baselineRuns.at(-1)!, count);
      projectRuns.push(await runProject(target));
      report(`project, round ${round}`, projectRuns.at(-1)!, count);
    }
    const n = count * rounds;
    const baseline = report('baseline', total(baselineRuns), n);
    const project = report('project', total(projectRuns), n);
    const byEndpoint: Record<string, number> = {};
    for (const run of projectRuns)
      for (const [k, v] of Object.entries(run.byEndpoint)) byEndpoint[k] = (byEndpoint[k] ?? 0) + v;
    const customs = Object.entries(byEndpoint)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${(v / n).toFixed(2)}`);
    const calls = projectRuns.reduce((sum, run) => sum + run.calls, 0);
    console.log(`Customs calls per consignment: ${(calls / n).toFixed(2)} (${customs.join(', ')})`);
    // CPU-seconds per consignment of every process measured: what the rate would say on cores that
    // were never idle (the rate also carries each round's tail).
    const cpu = (m: Measured) => m.workerCpu + m.serverCpu + m.postgresCpu + m.benchCpu;
    const [baseCpu, projectCpu] = [cpu(total(baselineRuns)), cpu(total(projectRuns))];
    console.log(
      `CPU-s per consignment, all processes: baseline ${(baseCpu / n).toFixed(4)}, project ${(projectCpu / n).toFixed(4)} (baseline/project ${(baseCpu / projectCpu).toFixed(2)})`,
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

// One pass of the campaign on a stack of its own: send N consignments through the gateway (a few
// corrected), and, in the chaos pass, SIGKILL the worker at random moments and restart Temporal
// once; then wait until every consignment is final or parked, and read what happened.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { describeProgress, outcome, progress, type Outcome } from './observe';
import { startChaosStack, type ChaosStack } from './stack';
import { GatewayTraffic, inBatches } from './traffic';
import { injectFaults, twinFindings, type TwinFindings } from './twin';

export interface PassOptions {
  name: 'baseline' | 'chaos';
  count: number;
  /** Mean seconds between worker kills; 0: no kills and no Temporal restart. */
  killEverySeconds: number;
  /** Creates are spread evenly over this many seconds (the same in both passes). */
  sendSeconds: number;
  /** Every Nth consignment gets one correction (0: none). */
  correctEvery: number;
  /** Epoch ms after which the pass stops waiting. */
  deadline: number;
  cliPath: string;
  dataDir: string;
  log: (line: string) => void;
}

export interface PassResult {
  name: string;
  outcome: Outcome;
  twin: TwinFindings;
  correctionsAccepted: number;
  counters: ChaosStack['counters'];
  /** From the last kill (or Temporal restart) until every consignment had settled. */
  drainMs?: number;
  /** Time a new worker needed to poll after each kill. */
  workerReadyMs: number[];
  wallMs: number;
  timedOut: boolean;
}

interface ChaosState {
  settled: number;
  stop: boolean;
  lastDisruptionAt?: number;
  workerReadyMs: number[];
  /** The disruptions are over (at once in a pass without them). */
  disrupted: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runPass(o: PassOptions): Promise<PassResult> {
  const dataDir = join(o.dataDir, o.name);
  mkdirSync(dataDir, { recursive: true });
  o.log(`[${o.name}] starting Temporal, twin, worker and gateway as separate processes...`);
  const stack = await startChaosStack({ cliPath: o.cliPath, dataDir, log: (l) => o.log(`[${o.name}] ${l}`) });
  const { urls } = stack;
  o.log(
    `[${o.name}] Temporal ${urls.temporal}, gateway ${urls.gateway}, twin ${urls.emulator}, logs ${urls.logs}`,
  );
  try {
    await injectFaults(stack.control);
    const traffic = new GatewayTraffic(urls.gateway, stack.apiKey);
    const erpReference = `CHAOS-${o.name}-${Date.now().toString(36)}`;
    const numbers = Array.from({ length: o.count }, (_, i) => `${erpReference.toUpperCase()}-${i}`);
    const state: ChaosState = {
      settled: 0,
      stop: false,
      workerReadyMs: [],
      disrupted: o.killEverySeconds <= 0,
    };
    const started = Date.now();
    const chaos = o.killEverySeconds > 0 ? disrupt(stack, state, o) : Promise.resolve();
    // Spread over sendSeconds, so consignments are in flight during the kills, even a few of them.
    const spacingMs = (o.sendSeconds * 1000) / o.count;
    const sending = inBatches(numbers, 10, async (n) => {
      const index = Number(n.split('-').at(-1));
      await sleep(started + index * spacingMs - Date.now());
      await traffic.create(n, erpReference);
      if (o.correctEvery > 0 && index % o.correctEvery === 0) await traffic.correctOnceRegistered(n, 60_000);
    }).catch((error: unknown) => o.log(`[${o.name}] sending failed: ${String(error)}`));
    const settledAt = await waitSettled(stack, state, o, erpReference, started);
    state.stop = true;
    await Promise.all([chaos, sending]);
    o.log(`[${o.name}] reading every consignment's status (its timeline) from the workflow...`);
    return {
      name: o.name,
      outcome: await outcome(stack.client, numbers),
      twin: await twinFindings(stack.control, traffic.correctionsAccepted),
      correctionsAccepted: traffic.correctionsAccepted.size,
      counters: { ...stack.counters },
      drainMs: settledAt && state.lastDisruptionAt ? settledAt - state.lastDisruptionAt : undefined,
      workerReadyMs: state.workerReadyMs,
      wallMs: Date.now() - started,
      timedOut: settledAt === undefined,
    };
  } finally {
    await stack.stop();
  }
}

/**
 * Polls the search attributes every 2 s (printing every 10 s) until all have settled and the
 * disruptions are over; returns when all were first seen settled after the last one, or undefined.
 */
async function waitSettled(
  stack: ChaosStack,
  state: ChaosState,
  o: PassOptions,
  erp: string,
  started: number,
) {
  let printed = 0;
  /** When every consignment was first seen settled after the latest disruption. */
  let allSince: number | undefined;
  while (Date.now() < o.deadline) {
    const p = await progress(stack.client, erp).catch(() => undefined);
    if (p) state.settled = p.settled;
    const all = p !== undefined && p.total === o.count && p.settled === o.count;
    if (!all) allSince = undefined;
    else if (allSince === undefined || (state.lastDisruptionAt ?? 0) > allSince) allSince = Date.now();
    if (Date.now() - printed >= 10_000) {
      printed = Date.now();
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const counts = `kills ${stack.counters.kills}, Temporal restarts ${stack.counters.temporalRestarts}`;
      o.log(`[${o.name}] ${seconds} s: ${p ? describeProgress(p) : 'Temporal not answering'}; ${counts}`);
    }
    if (allSince !== undefined && state.disrupted) return allSince;
    await sleep(allSince === undefined ? 2_000 : 200);
  }
  o.log(`[${o.name}] stopped waiting: --max-minutes reached`);
  return undefined;
}

/**
 * Kills at random moments (0.5 to 1.5 times the mean after the new worker polls) until 90% have
 * settled; restarts Temporal once: at the second kill, once 30% have settled, or at the end at the
 * latest, so even a small campaign has its restart.
 */
async function disrupt(stack: ChaosStack, state: ChaosState, o: PassOptions): Promise<void> {
  let restarted = false;
  try {
    while (!state.stop && Date.now() < o.deadline) {
      const waitUntil = Date.now() + o.killEverySeconds * 1000 * (0.5 + Math.random());
      while (!state.stop && Date.now() < waitUntil && state.settled < o.count * 0.9) await sleep(200);
      if (state.stop) return;
      const late = state.settled >= o.count * 0.9;
      if (!late) await kill(stack, state, o);
      if (!restarted && (late || stack.counters.kills >= 2 || state.settled >= o.count * 0.3)) {
        restarted = true;
        state.lastDisruptionAt = Date.now();
        const { downMs } = await stack.restartTemporal();
        o.log(
          `[${o.name}] Temporal dev server restarted on the same database (${(downMs / 1000).toFixed(1)} s down)`,
        );
      }
      if (late) return;
    }
  } finally {
    state.disrupted = true;
  }
}

async function kill(stack: ChaosStack, state: ChaosState, o: PassOptions): Promise<void> {
  state.lastDisruptionAt = Date.now();
  const { readyMs } = await stack.killWorker();
  state.workerReadyMs.push(readyMs);
  const after = (readyMs / 1000).toFixed(1);
  o.log(`[${o.name}] kill ${stack.counters.kills}: worker SIGKILLed, the new one polls after ${after} s`);
}

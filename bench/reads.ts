// What status reads cost the workers: starts the embedded stack as `npm start` does (own Temporal
// dev server in a temporary folder, emulator, worker, gateway) with a worker that keeps no workflow
// in its cache (WORKER_MAX_CACHED_WORKFLOWS=0: every workflow task replays the whole history, the
// worst case of 10,000 consignments that no longer fit a cache), creates N consignments and waits
// until all are REGISTERED (Customs does not present them here, so they wait for arrival), then
// reads each one R times through the gateway: first with ?view=full (the status query: the
// baseline), then with the default view (the memo, via describe). The workflow tasks each phase
// caused are counted by Temporal Core's own metrics on the worker (served on a port of their own),
// in a window where nothing else runs: the routing feed is quiet and no consignment has a timer due.
// Usage: npm run bench:reads [-- --count 2000 --reads 5 --concurrency 32]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import { DigitollFlow } from '../src/client';
import { mapBounded } from '../src/client/batch';
import { freePort } from '../src/dev/dev-server';
import { startStack } from '../src/dev/stack';
import { defaultCacheRoot, provisionTemporalCli } from '../src/dev/temporal-cli';
import { createEmulatorControl } from '../src/emulator';
import { connectClient } from '../src/runtime';
import { SEARCH_ATTRIBUTES } from '../src/shared';
import { sampleHouseConsignment } from '../test/fixtures/documents';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    reads: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '32' },
  },
});
const count = Number(values.count);
const readsEach = Number(values.reads);
const concurrency = Number(values.concurrency);

/** Workflow tasks the worker completed or answered, from Core's Prometheus counters. */
async function workflowTasks(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  let total = 0;
  // Every workflow task Core handed to the workflow code (a query is one too), on any queue.
  for (const line of text.split('\n')) {
    const match = /^temporal_workflow_task_queue_poll_succeed(?:_total)?(?:\{[^}]*\})? (\d+)/.exec(line);
    if (match) total += Number(match[1]);
  }
  return total;
}

async function waitUntil(client: Client, query: string, expected: number): Promise<void> {
  while ((await client.workflow.count(query)).count < expected)
    await new Promise((resolve) => setTimeout(resolve, 250));
}

/** Waits until the worker has been idle (no new task) for a whole second. */
async function settle(metricsUrl: string): Promise<void> {
  let last = await workflowTasks(metricsUrl);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = await workflowTasks(metricsUrl);
    if (now === last) return;
    last = now;
  }
}

interface ReadRun {
  seconds: number;
  tasks: number;
  failures: number;
}

async function readAll(urls: string[], key: string, metricsUrl: string): Promise<ReadRun> {
  await settle(metricsUrl);
  const before = await workflowTasks(metricsUrl);
  const t0 = performance.now();
  const all = urls.flatMap((url) => Array.from({ length: readsEach }, () => url));
  const answers = await mapBounded(all, concurrency, async (url) => {
    const response = await fetch(url, { headers: { 'x-api-key': key } });
    await response.arrayBuffer();
    return response.status;
  });
  const seconds = (performance.now() - t0) / 1000;
  // Core reports its counters every second or so: wait until they stop moving.
  await settle(metricsUrl);
  return {
    seconds,
    tasks: (await workflowTasks(metricsUrl)) - before,
    failures: answers.filter((s) => s !== 200).length,
  };
}

function report(label: string, run: ReadRun, reads: number): void {
  console.log(
    `${label.padEnd(34)}${(reads / run.seconds).toFixed(0).padStart(7)} reads/s   workflow tasks ${String(run.tasks).padStart(6)}   non-200 ${run.failures}`,
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'digitoll-bench-reads-'));
  const sdkMetrics = `127.0.0.1:${await freePort()}`;
  const cli = await provisionTemporalCli({
    searchPath: process.env.PATH,
    cacheRoot: defaultCacheRoot(process.env),
  });
  const stack = await startStack({
    cliPath: cli.path,
    env: {
      DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
      EMULATOR_URL: `http://127.0.0.1:${await freePort()}`,
      GATEWAY_PORT: '0',
      // Quiet during the reads: the feed has nothing to deliver (Customs presents nothing here).
      ROUTING_FEED_POLL_INTERVAL: '1h',
      DIGITOLL_ACTIVITIES_PER_SECOND: '500',
      WORKER_MAX_CACHED_WORKFLOWS: '0',
      WORKER_SDK_METRICS_ADDRESS: sdkMetrics,
      GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
      METRICS_SAMPLE_INTERVAL: '1h',
      LOG_LEVEL: 'error',
    },
  });
  const metricsUrl = `http://${sdkMetrics}/metrics`;
  const client = await connectClient(stack.config);
  try {
    const control = createEmulatorControl(stack.urls.emulator!);
    await control.setBehaviour({ autoPresentAfterMs: 'off' });
    await control.setProcessing({ delayMs: 0 });
    const flow = new DigitollFlow({
      client,
      organisation: stack.config.routingFeed.organisation,
      defaultTimings: { firstValidationDelay: '1s', pollInitialInterval: '500ms', pollMaxInterval: '5s' },
    });
    const prefix = `READS${Date.now().toString(36).toUpperCase()}`;
    const numbers = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
    console.log(
      `${count} consignments, ${readsEach} reads each through the gateway (${concurrency} at a time), worker cache 0 (every task replays), 2 cores`,
    );
    const t0 = performance.now();
    const requests = numbers.map((documentNumber) => ({
      mode: 'road' as const,
      erpReference: prefix,
      consignment: sampleHouseConsignment({
        consignmentHouseLevel: { transportDocumentHouseLevel: { documentNumber, type: 'N730' } },
      }),
    }));
    for (let i = 0; i < requests.length; i += 1000) await flow.startMany(requests.slice(i, i + 1000));
    const query = `${SEARCH_ATTRIBUTES.erpReference.name} = '${prefix}' AND ${SEARCH_ATTRIBUTES.phase.name} = 'REGISTERED'`;
    await waitUntil(client, query, count);
    console.log(`all REGISTERED after                ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const urls = numbers.map((n) => `${stack.urls.gateway}/v1/consignments/N730/${n}`);
    const key = stack.config.gateway.apiKeys[0]!;
    const reads = count * readsEach;
    const full = await readAll(
      urls.map((u) => `${u}?view=full`),
      key,
      metricsUrl,
    );
    report('?view=full (status query, baseline)', full, reads);
    const summary = await readAll(urls, key, metricsUrl);
    report('default view (memo via describe)', summary, reads);
    console.log(`workflow tasks caused by reads: ${summary.tasks}`);
  } finally {
    await client.connection.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

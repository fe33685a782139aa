// Throughput and cost of consignments end to end: starts the embedded stack exactly as `npm start`
// does (own Temporal dev server in a temporary folder, emulator, worker, routing feed, gateway),
// sends N consignments and waits until all are RELEASED: Customs (the twin, in its default mode)
// presents them at the border by itself; `--arrive` posts explicit arrivals instead. Prints wall times,
// Customs calls per consignment (from the emulator's call log), token requests, workflow history
// length and the process's peak memory.
// Usage: npm run bench:consignments [-- --count 200 --processing-ms 1000 --arrive]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DigitollFlow } from '../src/client';
import { freePort } from '../src/dev/dev-server';
import { startStack } from '../src/dev/stack';
import { defaultCacheRoot, provisionTemporalCli } from '../src/dev/temporal-cli';
import { createEmulatorControl } from '../src/emulator';
import { connectClient } from '../src/runtime';
import { consignmentWorkflowId, SEARCH_ATTRIBUTES, type Phase } from '../src/shared';
import { sampleHouseConsignment } from '../test/fixtures/documents';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    'processing-ms': { type: 'string', default: '1000' },
    arrive: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const processingMs = Number(values['processing-ms']);
const timings = { firstValidationDelay: '1s', pollInitialInterval: '500ms', pollMaxInterval: '5s' } as const;

/** Waits until every consignment of this run (tagged by its ERP reference) is in one of the phases. */
async function waitAll(client: Client, runTag: string, phases: Phase[]): Promise<void> {
  const list = phases.map((p) => `'${p}'`).join(', ');
  const query = `${SEARCH_ATTRIBUTES.erpReference.name} = '${runTag}' AND ${SEARCH_ATTRIBUTES.phase.name} IN (${list})`;
  while ((await client.workflow.count(query)).count < count) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const dataDir = mkdtempSync(join(tmpdir(), 'digitoll-bench-'));
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
      ROUTING_FEED_POLL_INTERVAL: '1s',
      DIGITOLL_ACTIVITIES_PER_SECOND: '500',
      LOG_LEVEL: 'error',
    },
  });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const client = await connectClient(stack.config);
  try {
    const control = createEmulatorControl(stack.urls.emulator!);
    await control.setProcessing({ delayMs: processingMs });
    // Shorter polls than production: a library default, which ERP requests cannot set.
    const flow = new DigitollFlow({
      client,
      organisation: stack.config.routingFeed.organisation,
      defaultTimings: timings,
    });
    const prefix = `BENCH${Date.now().toString(36).toUpperCase()}`;
    const numbers = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
    const how = values.arrive ? 'explicit arrivals' : 'presented by Customs (no arrival sent)';
    console.log(`${count} consignments, Customs processing delay ${processingMs} ms, ${how}, 2 cores`);

    const t0 = performance.now();
    await Promise.all(
      numbers.map((n) =>
        flow.start({
          mode: 'road',
          consignment: sampleHouseConsignment({
            consignmentHouseLevel: { transportDocumentHouseLevel: { documentNumber: n, type: 'N730' } },
          }),
          erpReference: prefix,
        }),
      ),
    );
    const started = performance.now();
    // Past validation: registered, or already presented by Customs and routed.
    await waitAll(client, prefix, ['REGISTERED', 'AWAITING_ROUTING', 'TO_CONTROL', 'RELEASED']);
    const registered = performance.now();
    if (values.arrive) {
      await Promise.all(
        numbers.map((n) => flow.arrive('N730', n, { customsOfficeOfPresentation: 'NO351001' })),
      );
    }
    await waitAll(client, prefix, ['RELEASED']);
    const released = performance.now();

    const calls = await control.calls();
    const histories = await Promise.all(
      numbers.map(
        async (n) =>
          (await client.workflow.getHandle(consignmentWorkflowId('N730', n)).describe()).historyLength,
      ),
    );
    const perHouse = (kind: string) => ((calls.byEndpoint as Record<string, number>)[kind] ?? 0) / count;
    console.log(`start requests accepted      ${((started - t0) / 1000).toFixed(1)} s`);
    console.log(`all REGISTERED after         ${((registered - t0) / 1000).toFixed(1)} s`);
    console.log(`all RELEASED after           ${((released - t0) / 1000).toFixed(1)} s`);
    console.log(
      `throughput                   ${(count / ((released - t0) / 1000)).toFixed(1)} consignments/s`,
    );
    console.log('Customs calls per consignment:');
    for (const kind of [
      'house-create',
      'house-validation-status',
      'transport-document-status',
      'presentation',
      'presentation-validation-status',
    ]) {
      console.log(`  ${kind.padEnd(32)}${perHouse(kind).toFixed(2)}`);
    }
    console.log(`routing feed polls            ${(calls.byEndpoint as Record<string, number>).routing ?? 0}`);
    console.log(
      `token requests in total       maskinporten ${(calls.byEndpoint as Record<string, number>)['maskinporten-token'] ?? 0}, exchange ${(calls.byEndpoint as Record<string, number>)['token-exchange'] ?? 0}`,
    );
    console.log(
      `history events per workflow   mean ${(histories.reduce((a, b) => a + b, 0) / count).toFixed(0)}, max ${Math.max(...histories)}`,
    );
    console.log(
      `peak RSS of this process      ${(peakRss / 1024 / 1024).toFixed(0)} MiB (worker, emulator, gateway, client; the Temporal server is a separate process)`,
    );
  } finally {
    clearInterval(sampler);
    await client.connection.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

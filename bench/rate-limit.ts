// Does the Customs rate limit hold across workers? On the cluster with three worker processes and
// DIGITOLL_ACTIVITIES_PER_SECOND (default 10), N consignments run at once; the twin's call log
// (GET /__emulator/calls) gives the busiest one-second and five-second windows. Temporal enforces
// the limit per task queue partition with a burst of one second's budget, so a single second may
// see more than the rate: the figures say by how much.
// Usage: npx tsx bench/rate-limit.ts [-- --limit 10 --count 60 --workers 3]
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DigitollFlow } from '../src/client';
import { startCluster } from '../src/dev/cluster/cluster';
import { createEmulatorControl } from '../src/emulator';
import { SEARCH_ATTRIBUTES } from '../src/shared';
import { sampleHouseConsignment } from '../test/fixtures/documents';

const { values } = parseArgs({
  options: {
    limit: { type: 'string', default: '10' },
    count: { type: 'string', default: '60' },
    workers: { type: 'string', default: '3' },
  },
});
const limit = Number(values.limit);
const count = Number(values.count);
/** The routing feed's polls run on a queue and budget of their own; token requests are not activities. */
const NOT_RATE_LIMITED = new Set(['routing', 'maskinporten-token', 'token-exchange']);

/** The most calls in any window [t, t + span). */
function busiest(times: number[], spanMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= spanMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const dir = mkdtempSync(join(tmpdir(), 'digitoll-rate-'));
  chmodSync(dir, 0o755);
  const cluster = await startCluster({
    env: { DATA_DIR: dir, LOG_LEVEL: 'error', DIGITOLL_ACTIVITIES_PER_SECOND: String(limit) },
    workers: Number(values.workers),
    freePorts: true,
    twin: { processingDelayMs: 0, autoPresentAfterMs: 0 },
  });
  try {
    const flow = new DigitollFlow({
      client: cluster.client,
      defaultTimings: { firstValidationDelay: '1s', pollInitialInterval: '500ms', pollMaxInterval: '2s' },
    });
    const tag = `RATE${Date.now().toString(36).toUpperCase()}`;
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
        }),
      ),
    );
    const released = `${SEARCH_ATTRIBUTES.erpReference.name} = '${tag}' AND ${SEARCH_ATTRIBUTES.phase.name} = 'RELEASED'`;
    while ((await cluster.client.workflow.count(released)).count < count) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const { calls } = await createEmulatorControl(cluster.urls.emulator!).calls();
    const limited = calls.filter((c) => !NOT_RATE_LIMITED.has(c.endpoint)).map((c) => Date.parse(c.at));
    const all = calls.map((c) => Date.parse(c.at));
    const span = (Math.max(...limited) - Math.min(...limited)) / 1000;
    console.log(
      `${values.workers} workers, DIGITOLL_ACTIVITIES_PER_SECOND=${limit}, ${count} consignments: ${limited.length} rate-limited Customs calls in ${span.toFixed(1)} s (${(limited.length / span).toFixed(1)}/s)`,
    );
    console.log(
      `busiest 5 s: ${busiest(limited, 5000)} calls (${(busiest(limited, 5000) / 5).toFixed(1)}/s)`,
    );
    console.log(
      `busiest second: ${busiest(limited, 1000)} rate-limited calls; ${busiest(all, 1000)} calls of any kind`,
    );
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// `npm run cluster [-- --workers 3 --free-ports | --provision-only]`: the Temporal server built from source on
// PostgreSQL, N worker processes, the twin and the gateway, until Ctrl-C. Prints every address and
// how long each part took to start; a second run reuses the build, the database and the schema.
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ConfigError } from '../../config';
import { startCluster, type Cluster } from './cluster';
import { elapsed } from './processes';
import { devGatewayApiKeyFile } from '../stack';
import { defaultCacheRoot } from '../temporal-cli';
import { ensurePostgresInstalled } from './postgres';
import { provisionTemporalServer } from './server-build';

/** The UI image docker-compose.yml uses, pointed at this cluster (nothing here starts it). */
const UI_IMAGE = 'temporalio/ui:2.44.1';

function printUrls(cluster: Cluster, startedIn: string): void {
  const { urls, config, workers } = cluster;
  const codec = config.payloadEncryption.enabled ? `${urls.gateway}/codec` : undefined;
  console.log(`
digitoll-flow cluster is running (started in ${startedIn}; Customs: ${config.environment}).

  Temporal       ${urls.temporal}  (namespace ${config.temporal.namespace}; server log ${cluster.server.logFile})
  PostgreSQL     ${urls.postgres}
  Server metrics ${urls.serverMetrics}
  Workers        ${workers.map((w) => `pid ${w.pid}`).join(', ')}
  Gateway        ${urls.gateway}   (API key in ${devGatewayApiKeyFile(config.dataDir)})${
    urls.emulator ? `\n  Twin           ${urls.emulator}` : ''
  }
  ${codec ? `Codec server   ${codec}` : 'Payloads       NOT encrypted (PAYLOAD_ENCRYPTION=off)'}

Temporal UI (not started here): docker run --rm --network host -e TEMPORAL_ADDRESS=${urls.temporal} \\
  -e TEMPORAL_UI_PORT=8233${codec ? ` -e TEMPORAL_CODEC_ENDPOINT=${codec}` : ''} ${UI_IMAGE}   then open http://127.0.0.1:8233
  or the CLI: temporal workflow list --address ${urls.temporal}${codec ? ` --codec-endpoint ${codec}` : ''}

Press Ctrl-C to stop (workers, gateway, twin, Temporal server, PostgreSQL).`);
}

/** Builds the server and installs PostgreSQL when missing, then exits (CI does it before the tests). */
async function provisionOnly(): Promise<void> {
  const t0 = performance.now();
  const log = (line: string) => console.log(`[${elapsed(t0)}] ${line}`);
  await provisionTemporalServer({
    cacheRoot: defaultCacheRoot(process.env),
    searchPath: process.env.PATH,
    log,
  });
  log(`PostgreSQL binaries in ${await ensurePostgresInstalled(log)}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workers: { type: 'string', default: '3' },
      'free-ports': { type: 'boolean', default: false },
      'provision-only': { type: 'boolean', default: false },
    },
  });
  if (values['provision-only']) return provisionOnly();
  const count = Number(values.workers);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`--workers ${values.workers}: expected a whole number >= 1`);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const t0 = performance.now();
  const log = (line: string) => console.log(`[${elapsed(t0)}] ${line}`);
  const cluster = await startCluster({
    env: process.env,
    workers: count,
    freePorts: values['free-ports'],
    log,
  });
  printUrls(cluster, elapsed(t0));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const t = performance.now();
    console.log('\nStopping...');
    cluster.stop().then(
      () =>
        console.log(
          `Stopped in ${elapsed(t)}. PostgreSQL's data stays under the data folder; npm run cluster resumes it.`,
        ),
      (error: unknown) => {
        console.error(`Stopped with an error: ${String(error)}`);
        process.exitCode = 1;
      },
    );
  };
  // `on`: npm and a terminal may relay Ctrl-C twice; the second must not cut the stop short.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});

// `npm start`: the embedded default stack. Provisions the Temporal CLI, starts its dev server with
// state in .data/ (survives restarts) and the project's search attributes, prints the URLs and
// stops everything on Ctrl-C.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config';
import { startDevServer } from './dev-server';
import { defaultCacheRoot, provisionTemporalCli } from './temporal-cli';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = (line: string) => console.log(line);
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const cli = await provisionTemporalCli({
    cliPath: process.env.TEMPORAL_CLI_PATH || undefined,
    searchPath: process.env.PATH,
    cacheRoot: defaultCacheRoot(process.env),
    log,
  });
  const [host, port] = config.temporal.address.split(':');
  log('Starting the Temporal dev server...');
  const server = await startDevServer({
    cliPath: cli.path,
    ip: host,
    port: Number(port),
    uiPort: Number(port) + 1000,
    dbFilename: join(dataDir, 'temporal.sqlite'),
    namespace: config.temporal.namespace,
  });
  log(`\nTemporal server  ${server.address}  (state in ${join(dataDir, 'temporal.sqlite')})`);
  log(`Temporal UI      ${server.uiUrl}`);
  log('\nPress Ctrl-C to stop.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('\nStopping...');
    await server.stop();
    log('Stopped.');
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

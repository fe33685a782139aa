// Starts one real Temporal dev server for the whole jest run. Test files find it through
// TEMPORAL_TEST_ADDRESS (jest workers inherit the environment set here).
import { defaultCacheRoot, provisionForDevServer } from '../../src/dev/temporal-cli';
import { startDevServer, type DevServer } from '../../src/dev/dev-server';

declare global {
  var __digitollDevServer: DevServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  const cliPath = await provisionForDevServer({
    cliPath: process.env.TEMPORAL_CLI_PATH || undefined,
    searchPath: process.env.PATH,
    cacheRoot: defaultCacheRoot(process.env),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const server = await startDevServer({ cliPath, headless: true });
  globalThis.__digitollDevServer = server;
  process.env.TEMPORAL_TEST_ADDRESS = server.address;
  process.env.TEMPORAL_TEST_NAMESPACE = server.namespace;
  if (cliPath) process.env.TEMPORAL_TEST_CLI_PATH = cliPath;
}

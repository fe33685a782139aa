// Starts one real Temporal dev server for the whole jest run. Test files find it through
// TEMPORAL_TEST_ADDRESS (jest workers inherit the environment set here).
import { defaultCacheRoot, provisionForDevServer } from '../../src/dev/temporal-cli';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startDevServer, type DevServer } from '../../src/dev/dev-server';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../src/workflow-bundle-options';
import { quietBundlerLogger, WORKFLOWS_DIR } from './temporal';

declare global {
  var __digitollDevServer: DevServer | undefined;
  var __digitollBundleDir: string | undefined;
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
  // Bundle the project's workflows once for the whole run: webpack in every test file cost each
  // file seconds of CPU, and two files doing it at once on two cores could time out a set-up.
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_DIR,
    ...WORKFLOW_BUNDLE_OPTIONS,
    logger: quietBundlerLogger,
  });
  const bundleDir = mkdtempSync(join(tmpdir(), 'digitoll-workflows-'));
  writeFileSync(join(bundleDir, 'workflow-bundle.js'), code);
  globalThis.__digitollBundleDir = bundleDir;
  process.env.TEMPORAL_TEST_WORKFLOW_BUNDLE = join(bundleDir, 'workflow-bundle.js');
}

// Test access to the one real Temporal dev server that the global setup started.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../src/workflow-bundle-options';

export interface TestTemporal {
  address: string;
  namespace: string;
  client: Client;
  connection: Connection;
  nativeConnection: NativeConnection;
  close(): Promise<void>;
}

export function testServerAddress(): string {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address)
    throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests through jest (its global setup).');
  return address;
}

/** Connects to the run's shared dev server, or to another one (a test that needs its own settings). */
export async function connectTestTemporal(
  address = testServerAddress(),
  namespace = process.env.TEMPORAL_TEST_NAMESPACE ?? 'default',
): Promise<TestTemporal> {
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  const client = new Client({ connection, namespace });
  return {
    address,
    namespace,
    client,
    connection,
    nativeConnection,
    async close() {
      await connection.close();
      await nativeConnection.close();
    },
  };
}

/** The project's workflows/ folder. */
export const WORKFLOWS_DIR = path.resolve(__dirname, '../../workflows');

const bundles = new Map<string, Promise<WorkflowBundle>>();

/**
 * The project's workflows come prebuilt from the global setup (one webpack run per jest run);
 * other workflow code (test-only workflows) is bundled once per test file.
 */
export function bundleWorkflows(workflowsPath: string): Promise<WorkflowBundle> {
  const prebuilt = process.env.TEMPORAL_TEST_WORKFLOW_BUNDLE;
  if (prebuilt && path.resolve(workflowsPath) === WORKFLOWS_DIR) {
    return Promise.resolve({ code: readFileSync(prebuilt, 'utf8') });
  }
  let bundle = bundles.get(workflowsPath);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath,
      ...WORKFLOW_BUNDLE_OPTIONS,
      logger: quietBundlerLogger,
    });
    bundles.set(workflowsPath, bundle);
  }
  return bundle;
}

const ignore = () => undefined;
export const quietBundlerLogger = {
  log: ignore,
  trace: ignore,
  debug: ignore,
  info: ignore,
  warn: (message: string) => process.stderr.write(`bundler: ${message}\n`),
  error: (message: string) => process.stderr.write(`bundler: ${message}\n`),
};

/** A task queue of its own for each test, since all test files share one server. */
export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs = 20_000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

// Test access to the one real Temporal dev server that the global setup started.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection, type QueryDefinition, type WorkflowHandle } from '@temporalio/client';
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

/**
 * How long a test waits for a workflow to reach a state that needs Customs: enough for one lost
 * Customs attempt (its 30 s start-to-close, then a retry), a lost workflow task (10 s) and the
 * steps' own short timers, on a loaded machine. Waiting longer costs nothing when all is well.
 */
export const SETTLE_MS = 60_000;

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  {
    timeoutMs = SETTLE_MS,
    intervalMs = 100,
    what = 'condition',
    explain,
  }: {
    timeoutMs?: number;
    intervalMs?: number;
    what?: string;
    /** On time-out, says what the awaited thing was doing; appended to the error. */
    explain?: () => Promise<string>;
  } = {},
): Promise<T> {
  // The monotonic clock: a step of the system clock (a paused and resumed machine) is no wait.
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  while (performance.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const why = explain
    ? await explain().catch((error: unknown) => `(could not describe: ${String(error)})`)
    : '';
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}${why ? `\n${why}` : ''}`,
  );
}

const seconds = (t: { seconds?: unknown; nanos?: number | null } | null | undefined): number | undefined =>
  t ? Number(t.seconds ?? 0) + (t.nanos ?? 0) / 1e9 : undefined;

/**
 * What a workflow is waiting on, for a test's time-out message: its pending activities (attempt,
 * state, how long ago the attempt started, the last failure) and its pending workflow task.
 */
export async function describePending(handle: WorkflowHandle): Promise<string> {
  const { raw, status } = await handle.describe();
  const now = Date.now() / 1000;
  const ago = (t: Parameters<typeof seconds>[0]): string => {
    const at = seconds(t);
    return at === undefined ? 'never' : `${(now - at).toFixed(1)} s ago`;
  };
  const lines = [`${handle.workflowId} is ${status.name}`];
  for (const a of raw.pendingActivities ?? []) {
    lines.push(
      `  activity ${a.activityType?.name ?? '?'} (id ${a.activityId ?? '?'}): state ${String(a.state)}, attempt ${a.attempt ?? 0}, ` +
        `scheduled ${ago(a.scheduledTime)}, started ${ago(a.lastStartedTime)}` +
        (a.lastFailure?.message ? `, last failure: ${a.lastFailure.message}` : ''),
    );
  }
  const wt = raw.pendingWorkflowTask;
  if (wt)
    lines.push(
      `  workflow task: state ${String(wt.state)}, attempt ${wt.attempt ?? 0}, scheduled ${ago(wt.scheduledTime)}, started ${ago(wt.startedTime)}`,
    );
  if (lines.length === 1) lines.push('  nothing pending: it waits on a timer, a signal or a condition');
  return lines.join('\n');
}

/**
 * Queries a workflow until its answer satisfies `predicate`; returns that answer. On time-out the
 * error says what the workflow was waiting on (describePending).
 */
export function waitForQuery<S>(
  handle: WorkflowHandle,
  query: QueryDefinition<S, []>,
  predicate: (status: S) => boolean,
  what: string,
  timeoutMs = SETTLE_MS,
): Promise<S> {
  let seen: S | undefined;
  return eventually(
    async () => {
      seen = await handle.query(query);
      return predicate(seen) ? seen : undefined;
    },
    {
      timeoutMs,
      intervalMs: 100,
      what: `${handle.workflowId}: ${what}`,
      explain: async () => `${summarise(seen)}\n${await describePending(handle)}`,
    },
  );
}

/** The fields of a status that say where it stands (never the whole document). */
function summarise(status: unknown): string {
  if (typeof status !== 'object' || status === null) return 'no status answered';
  const { phase, needsAttention, needsAttentionReason } = status as Record<string, unknown>;
  return `last status: ${JSON.stringify({ phase, needsAttention, needsAttentionReason })}`;
}

// The cluster's worker processes: each a separate Node.js process (node --import tsx), so killing
// one (SIGKILL) is what losing a machine looks like to Temporal. Started with the same environment
// as the rest of the cluster plus the prebuilt workflow bundle.
import { join } from 'node:path';
import { startChild, stopChild, waitUntil, type Child } from './processes';

const ENTRY = join(__dirname, 'worker-process.ts');
const READY = 'WORKER_READY';
/** tsx is resolved from the project's node_modules. */
const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface WorkerProcess {
  index: number;
  pid: number;
  child: Child;
}

export async function startWorkerProcess(options: {
  index: number;
  env: Record<string, string | undefined>;
  bundlePath: string;
}): Promise<WorkerProcess> {
  // --import tsx runs the TypeScript in this very process (tsx's own CLI would add a parent process,
  // and a SIGKILL to that would leave the worker running).
  const child = startChild(process.execPath, ['--import', 'tsx', ENTRY, '--bundle', options.bundlePath], {
    cwd: REPO_ROOT,
    env: options.env as NodeJS.ProcessEnv,
  });
  try {
    await waitUntil(`worker ${options.index}`, async () => child.tail().includes(READY), {
      timeoutMs: 120_000,
      child,
    });
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { index: options.index, pid: child.process.pid!, child };
}

export async function startWorkerProcesses(options: {
  count: number;
  env: Record<string, string | undefined>;
  bundlePath: string;
}): Promise<WorkerProcess[]> {
  // In parallel: each spends its start mostly waiting for the server.
  return Promise.all(
    Array.from({ length: options.count }, (_, index) =>
      startWorkerProcess({ index: index + 1, env: options.env, bundlePath: options.bundlePath }),
    ),
  );
}

/** Drains every worker at once (each gets its grace time). */
export async function stopWorkerProcesses(workers: WorkerProcess[], graceMs: number): Promise<void> {
  await Promise.all(workers.map((worker) => stopChild(worker.child, graceMs + 5_000)));
}

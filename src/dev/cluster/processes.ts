// Child processes of the cluster: started in a process group of their own (a terminal's Ctrl-C
// must reach only the parent, which then stops them in order), with their last output kept for
// error messages, and stopped with SIGTERM, then SIGKILL after a grace time.
import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface Child {
  process: ChildProcess;
  /** The last few KiB of its stdout and stderr. */
  tail(): string;
  exited(): boolean;
}

export function startChild(command: string, args: string[], options: SpawnOptions = {}): Child {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
  let buffer = '';
  const append = (chunk: Buffer) => {
    buffer = (buffer + chunk.toString()).slice(-6000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  // Never leave a server or worker behind when the parent dies without stopping them.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  return {
    process: child,
    tail: () => buffer,
    exited: () => child.exitCode !== null || child.signalCode !== null,
  };
}

export async function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  if (child.exited()) return;
  const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Runs a command to its end; on failure the error names the command and quotes its output. */
export async function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, {
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    const output = `${e.stdout ?? ''}${e.stderr ?? ''}`.slice(-3000);
    throw new Error(`${command} ${args.join(' ')} failed: ${e.message}\n${output}`);
  }
}

/** Polls `ready` until it answers true, failing early when the child exits. */
export async function waitUntil(
  what: string,
  ready: () => Promise<boolean>,
  options: { timeoutMs: number; child?: Child },
): Promise<void> {
  const deadline = performance.now() + options.timeoutMs;
  while (performance.now() < deadline) {
    if (options.child?.exited()) {
      throw new Error(`${what}: the process exited early:\n${options.child.tail()}`);
    }
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${what}: not ready within ${options.timeoutMs} ms${options.child ? `:\n${options.child.tail()}` : ''}`,
  );
}

/** "12.3 s" since a performance.now() mark. */
export function elapsed(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

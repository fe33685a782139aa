// Child processes of the crash campaign. Each service (worker, gateway, twin) runs as its own Node
// process in its own process group with its output appended to a log file, so a SIGKILL reaches
// exactly the process tree the campaign started and a crash leaves a trace to read afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');

export interface Service {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (null after a signal) once the process is gone. */
  exited: Promise<number | null>;
  /** Waits until the output matches; fails when the process exits first or the time is up. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** Signals the whole process group; resolves once it has exited. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

const running = new Set<ChildProcess>();
// A campaign that stops early (Ctrl-C, an exception) must not leave its services behind.
process.once('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** `node --import tsx <script>`: one process (no tsx launcher in between to survive a SIGKILL). */
export function spawnService(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  logDir: string,
): Service {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  log.write(`--- started ${new Date().toISOString()}\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    output = (output + chunk.toString()).slice(-20_000);
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      running.delete(child);
      log.write(`--- exited ${new Date().toISOString()} code ${code} signal ${child.signalCode}\n`);
      for (const listener of listeners) listener();
      done(code);
    }),
  );
  const waitFor = (pattern: RegExp, timeoutMs: number) =>
    new Promise<string>((done, fail) => {
      const timer = setTimeout(
        () => finish(new Error(`${name}: no "${pattern.source}" within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const check = () => {
        const match = pattern.exec(output);
        if (match) finish(undefined, match[0]);
        else if (child.exitCode !== null || child.signalCode !== null)
          finish(new Error(`${name} exited before it was ready; its log: ${join(logDir, `${name}.log`)}`));
      };
      const finish = (error?: Error, value?: string) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (error) fail(error);
        else done(value!);
      };
      listeners.add(check);
      check();
    });
  return {
    name,
    child,
    exited,
    waitFor,
    async stop(signal) {
      signalGroup(child, signal);
      await exited;
    },
  };
}

/** Only what the services need from this environment: the rest comes from the generated config. */
export function serviceEnv(config: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'XDG_CACHE_HOME'] as const) {
    const value = process.env[key];
    if (value !== undefined) base[key] = value;
  }
  return { ...base, ...config };
}

export const READY_MS = 180_000;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Supervision {
  isStopping(): boolean;
  /** Counts an exit the campaign did not cause; true: start the service again. */
  onUnexpectedExit(service: Service): boolean;
}

/** A service restarted when it dies on its own; `replace` is the campaign's own kill and restart. */
export function supervise(start: () => Service, ready: RegExp, supervision: Supervision) {
  const holder = { current: start(), intended: false };
  const watch = (service: Service) =>
    void service.exited.then(async () => {
      if (supervision.isStopping() || holder.intended || holder.current !== service) return;
      if (!supervision.onUnexpectedExit(service)) return;
      await sleep(1_000);
      holder.current = start();
      watch(holder.current);
    });
  watch(holder.current);
  return {
    holder,
    ready: () => untilReady(holder, ready),
    async replace(signal: NodeJS.Signals) {
      holder.intended = true;
      await holder.current.stop(signal);
      holder.current = start();
      holder.intended = false;
      watch(holder.current);
    },
  };
}

/** Waits until the current process of a service is ready, following its replacements. */
async function untilReady(holder: { current: Service }, ready: RegExp): Promise<void> {
  const deadline = Date.now() + READY_MS;
  for (;;) {
    const service = holder.current;
    try {
      await service.waitFor(ready, Math.max(1, deadline - Date.now()));
      return;
    } catch (error) {
      while (holder.current === service && Date.now() < deadline) await sleep(200);
      if (Date.now() >= deadline) throw error;
    }
  }
}

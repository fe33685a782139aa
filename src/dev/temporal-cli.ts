// Finds or builds the Temporal CLI, whose `server start-dev` is the real Temporal server used by
// `npm start` and the tests. Order: TEMPORAL_CLI_PATH, PATH, the cache, `go install`; when none
// works, provisionForDevServer lets the dev server fall back to the SDK's own download (machines
// without internet cannot use that, but a Go toolchain can build the CLI from the module proxy).
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The last CLI tag whose go.mod allows `go install pkg@version`. */
export const TEMPORAL_CLI_VERSION = '1.5.1';
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

export type CliSource = 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'go-install';
export interface ProvisionedCli {
  path: string;
  source: CliSource;
  version: string;
}

export interface ProvisionOptions {
  /** Explicit binary (the TEMPORAL_CLI_PATH variable). */
  cliPath?: string;
  /** The PATH to search. */
  searchPath?: string;
  /** Root of the cache; the binary goes to `<cacheRoot>/temporal-cli-<version>/temporal`. */
  cacheRoot?: string;
  /** Skip PATH, e.g. to prove that the cache or the build works. */
  ignorePath?: boolean;
  log?: (line: string) => void;
}

export class TemporalCliUnavailable extends Error {
  override readonly name = 'TemporalCliUnavailable';
  readonly code = 'TEMPORAL_CLI_UNAVAILABLE';
}

export function defaultCacheRoot(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'digitoll-flow');
}

export function cachedCliPath(cacheRoot: string): string {
  return join(cacheRoot, `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(searchPath: string | undefined, name: string): string | undefined {
  for (const dir of (searchPath ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** `temporal --version` prints e.g. "temporal version 0.0.0-DEV (Server 1.29.1, UI 2.42.1)". */
export async function cliVersion(path: string): Promise<string> {
  const { stdout } = await execFileAsync(path, ['--version'], { timeout: 30_000 });
  return stdout.trim();
}

/** Resolves the CLI: TEMPORAL_CLI_PATH, then PATH, then the cache, then `go install`. */
export async function provisionTemporalCli(options: ProvisionOptions = {}): Promise<ProvisionedCli> {
  const log = options.log ?? (() => undefined);
  const cacheRoot = options.cacheRoot ?? defaultCacheRoot(process.env);
  const candidates: Array<[CliSource, string | undefined]> = [
    ['TEMPORAL_CLI_PATH', options.cliPath],
    ['PATH', options.ignorePath ? undefined : findOnPath(options.searchPath, 'temporal')],
    ['cache', cachedCliPath(cacheRoot)],
  ];
  for (const [source, path] of candidates) {
    if (!path) continue;
    if (!isExecutable(path)) {
      if (source === 'TEMPORAL_CLI_PATH') {
        throw new TemporalCliUnavailable(`TEMPORAL_CLI_PATH=${path} is not an executable file.`);
      }
      continue;
    }
    const version = await cliVersion(path);
    log(`Temporal CLI from ${source}: ${path} (${version})`);
    return { path, source, version };
  }
  const built = await buildWithGo(cacheRoot, options.searchPath, log);
  return { path: built, source: 'go-install', version: await cliVersion(built) };
}

async function buildWithGo(
  cacheRoot: string,
  searchPath: string | undefined,
  log: (line: string) => void,
): Promise<string> {
  const go = findOnPath(searchPath, 'go');
  if (!go) {
    throw new TemporalCliUnavailable(
      'No Temporal CLI found and no Go toolchain to build one. Do one of: install Go (1.23 or newer) and run ' +
        `again (it builds ${TEMPORAL_CLI_MODULE}@v${TEMPORAL_CLI_VERSION} once into ${cachedCliPath(cacheRoot)}); ` +
        'put a `temporal` binary on PATH; or set TEMPORAL_CLI_PATH to one.',
    );
  }
  const gobin = join(cacheRoot, `temporal-cli-${TEMPORAL_CLI_VERSION}`);
  mkdirSync(gobin, { recursive: true });
  const started = Date.now();
  log(
    `Building the Temporal CLI v${TEMPORAL_CLI_VERSION} with ${go} into ${gobin} (once; takes a few minutes)...`,
  );
  const heartbeat = setInterval(
    () => log(`  still building the Temporal CLI (${Math.round((Date.now() - started) / 1000)} s)...`),
    15_000,
  );
  try {
    await runGoInstall(go, gobin);
  } finally {
    clearInterval(heartbeat);
  }
  log(`Built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)} s.`);
  return join(gobin, 'temporal');
}

function runGoInstall(go: string, gobin: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(go, ['install', `${TEMPORAL_CLI_MODULE}@v${TEMPORAL_CLI_VERSION}`], {
      env: { ...process.env, GOBIN: gobin, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new TemporalCliUnavailable(
            `go install ${TEMPORAL_CLI_MODULE}@v${TEMPORAL_CLI_VERSION} failed (exit ${code}). Check that the Go ` +
              `module proxy is reachable (GOPROXY), or set TEMPORAL_CLI_PATH. Last output:\n${stderr}`,
          ),
        );
    });
  });
}

/**
 * For starting a dev server: the provisioned CLI's path, or undefined when no CLI can be had, in
 * which case startDevServer falls back to the SDK's own download (the last resort).
 */
export async function provisionForDevServer(options: ProvisionOptions): Promise<string | undefined> {
  try {
    return (await provisionTemporalCli(options)).path;
  } catch (error) {
    if (!(error instanceof TemporalCliUnavailable)) throw error;
    options.log?.(`${error.message}\nFalling back to the Temporal SDK's download of the dev server.`);
    return undefined;
  }
}

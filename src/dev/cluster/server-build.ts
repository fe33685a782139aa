// Finds or builds the Temporal server and its SQL schema tool from source, once, into a versioned
// cache beside the CLI's (~/.cache/digitoll-flow/temporal-server-<version>/). The PostgreSQL schema
// is copied from the Go module cache next to the binaries, so later runs need neither Go nor the
// module cache. The same version as docker-compose.yml's TEMPORAL_VERSION default.
import { spawn } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { run } from './processes';

export const TEMPORAL_SERVER_VERSION = '1.29.1';
const SERVER_MODULE = 'go.temporal.io/server';
/** The packages `go install` builds; their binaries are named after the last path element. */
const PACKAGES = { server: `${SERVER_MODULE}/cmd/server`, sqlTool: `${SERVER_MODULE}/cmd/tools/sql` };
const SCHEMA = join('schema', 'postgresql', 'v12');

export interface TemporalServerBuild {
  version: string;
  server: string;
  sqlTool: string;
  /** Holds temporal/ and visibility/, each with versioned/ for update-schema. */
  schemaDir: string;
  source: 'cache' | 'go-install';
}

export function serverCacheDir(cacheRoot: string): string {
  return join(cacheRoot, `temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

function cached(dir: string): TemporalServerBuild | undefined {
  const build = {
    version: TEMPORAL_SERVER_VERSION,
    server: join(dir, 'server'),
    sqlTool: join(dir, 'sql'),
    schemaDir: join(dir, SCHEMA),
    source: 'cache' as const,
  };
  try {
    accessSync(build.server, constants.X_OK);
    accessSync(build.sqlTool, constants.X_OK);
  } catch {
    return undefined;
  }
  return existsSync(join(build.schemaDir, 'temporal', 'versioned')) ? build : undefined;
}

export function findGo(searchPath: string | undefined): string | undefined {
  const dirs = [...(searchPath ?? '').split(delimiter), '/usr/local/go/bin'];
  for (const dir of dirs) {
    if (!dir) continue;
    try {
      accessSync(join(dir, 'go'), constants.X_OK);
      return join(dir, 'go');
    } catch {
      // not here
    }
  }
  return undefined;
}

export async function provisionTemporalServer(options: {
  cacheRoot: string;
  searchPath?: string;
  log: (line: string) => void;
}): Promise<TemporalServerBuild> {
  const dir = serverCacheDir(options.cacheRoot);
  const found = cached(dir);
  if (found) {
    options.log(`Temporal server ${TEMPORAL_SERVER_VERSION} from the cache: ${dir}`);
    return found;
  }
  const go = findGo(options.searchPath);
  if (!go) {
    throw new Error(
      `No Temporal server ${TEMPORAL_SERVER_VERSION} in ${dir} and no Go toolchain to build it: install Go 1.23 or newer.`,
    );
  }
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  options.log(
    `Building the Temporal server v${TEMPORAL_SERVER_VERSION} with ${go} into ${dir} (once; several minutes)...`,
  );
  const heartbeat = setInterval(
    () =>
      options.log(`  still building the Temporal server (${Math.round((Date.now() - started) / 1000)} s)...`),
    15_000,
  );
  try {
    await goInstall(go, dir);
  } finally {
    clearInterval(heartbeat);
  }
  const modCache = (await run(go, ['env', 'GOMODCACHE'])).trim();
  cpSync(join(modCache, `${SERVER_MODULE}@v${TEMPORAL_SERVER_VERSION}`, SCHEMA), join(dir, SCHEMA), {
    recursive: true,
  });
  options.log(`Built the Temporal server in ${Math.round((Date.now() - started) / 1000)} s.`);
  const build = cached(dir);
  if (!build) throw new Error(`go install finished but ${dir} lacks the server, the SQL tool or the schema`);
  return { ...build, source: 'go-install' };
}

function goInstall(go: string, gobin: string): Promise<void> {
  const targets = Object.values(PACKAGES).map((pkg) => `${pkg}@v${TEMPORAL_SERVER_VERSION}`);
  return new Promise((resolve, reject) => {
    const child = spawn(go, ['install', ...targets], {
      env: { ...process.env, GOBIN: gobin, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`go install ${targets.join(' ')} failed (exit ${code}); check GOPROXY:\n${stderr}`),
          ),
    );
  });
}

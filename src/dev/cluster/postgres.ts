// PostgreSQL for the cluster: Debian's packaged binaries (installed with apt-get when missing and
// running as root), a data directory of our own under the data folder (never the system cluster
// service), run as the `postgres` user when we are root (initdb refuses root), listening on one
// loopback port with its unix socket under the data folder too. Loopback connections are trusted:
// only this machine's users can reach it, as with the dev server's SQLite file.
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run } from './processes';

export const POSTGRES_USER = 'temporal';

export interface Postgres {
  host: string;
  port: number;
  user: string;
  /** pg_ctl stop -m fast: in-flight transactions are rolled back, the data directory stays. */
  stop(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

function findBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(root, versions[0], 'bin');
}

/** The folder of initdb and pg_ctl, installing Debian's postgresql package first when missing. */
export async function ensurePostgresInstalled(log: (line: string) => void): Promise<string> {
  const found = findBinDir();
  if (found) return found;
  if (!isRoot()) {
    throw new Error('PostgreSQL is not installed: run `sudo apt-get install -y postgresql` and try again.');
  }
  log('Installing PostgreSQL (apt-get install postgresql)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env, timeoutMs: 600_000 });
  await run('apt-get', ['install', '-y', '-qq', 'postgresql'], { env, timeoutMs: 900_000 });
  const installed = findBinDir();
  if (!installed)
    throw new Error('apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb appeared');
  return installed;
}

/** Runs a PostgreSQL tool as the postgres user when we are root. */
function asOwner(bin: string, tool: string, args: string[]): Promise<string> {
  const path = join(bin, tool);
  return isRoot() ? run('runuser', ['-u', 'postgres', '--', path, ...args]) : run(path, args);
}

/** A directory the server owns (data, socket, log): handed to postgres when we are root. */
async function ownedDirectory(path: string): Promise<void> {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if (!isRoot()) return;
  const uid = Number((await run('id', ['-u', 'postgres'])).trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).trim());
  chownSync(path, uid, gid);
}

/** Every folder above the cluster's must let the postgres user pass (o+x), or initdb cannot reach it. */
function assertReachable(dir: string): void {
  for (let current = dirname(dir); current !== dirname(current); current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the postgres user, which cannot enter ${current}: chmod o+x it or use another DATA_DIR.`,
      );
    }
  }
}

export async function startPostgres(options: {
  clusterDir: string;
  port: number;
  log: (line: string) => void;
}): Promise<Postgres> {
  const bin = await ensurePostgresInstalled(options.log);
  const dataDir = join(options.clusterDir, 'postgres');
  const runDir = join(options.clusterDir, 'postgres-run');
  // The postgres user must be able to reach its directories (mkdtemp makes folders 0700).
  mkdirSync(options.clusterDir, { recursive: true });
  if (isRoot()) {
    chmodSync(options.clusterDir, 0o755);
    assertReachable(options.clusterDir);
  }
  await ownedDirectory(dataDir);
  await ownedDirectory(runDir);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    options.log(`Creating a PostgreSQL database cluster in ${dataDir}...`);
    await asOwner(bin, 'initdb', [
      '-D',
      dataDir,
      '-U',
      POSTGRES_USER,
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-locale',
    ]);
  }
  // A server left running by a killed run would hold the data directory: stop it first.
  const status = await asOwner(bin, 'pg_ctl', ['status', '-D', dataDir]).catch(() => '');
  if (status.includes('server is running'))
    await asOwner(bin, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w']);
  const settings = [
    `-p ${options.port}`,
    `-k ${runDir}`,
    '-c listen_addresses=127.0.0.1',
    // Every Temporal service keeps its own connection pools.
    '-c max_connections=200',
  ].join(' ');
  await asOwner(bin, 'pg_ctl', [
    'start',
    '-D',
    dataDir,
    '-l',
    join(runDir, 'postgres.log'),
    '-w',
    '-t',
    '60',
    '-o',
    settings,
  ]);
  return {
    host: '127.0.0.1',
    port: options.port,
    user: POSTGRES_USER,
    stop: async () => {
      await asOwner(bin, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
    },
  };
}

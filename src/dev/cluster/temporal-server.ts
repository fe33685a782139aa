// Runs the Temporal server built from source against the cluster's PostgreSQL: creates and
// migrates both databases with the SQL tool (idempotent; update-schema applies only what is new),
// starts every service in one process, then registers the namespace and the project's search
// attributes through the frontend, as on any real cluster.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { SEARCH_ATTRIBUTE_LIST } from '../../shared';
import { ensureSearchAttributes } from '../search-attributes';
import { run, startChild, stopChild, waitUntil, type Child } from './processes';
import type { Postgres } from './postgres';
import type { TemporalServerBuild } from './server-build';
import { writeServerConfig, type ServerPorts } from './server-config';

const DATABASES = { temporal: 'temporal', temporal_visibility: 'visibility' } as const;
/** How long the namespace keeps closed workflows. */
const RETENTION = '7 days';

export interface RunningServer {
  address: string;
  namespace: string;
  pid?: number;
  logFile: string;
  stop(): Promise<void>;
}

export async function applySchema(build: TemporalServerBuild, postgres: Postgres, clusterDir: string) {
  const marker = join(clusterDir, `schema-created-${build.version}`);
  for (const [database, folder] of Object.entries(DATABASES)) {
    const base = ['--plugin', 'postgres12', '--ep', postgres.host, '-p', String(postgres.port)];
    const tool = (...args: string[]) =>
      run(build.sqlTool, [...base, '-u', postgres.user, '--db', database, ...args]);
    if (!existsSync(marker)) {
      await tool('create-database').catch((error: Error) => {
        if (!/already exists/.test(error.message)) throw error;
      });
      await tool('setup-schema', '-v', '0.0').catch((error: Error) => {
        if (!/already exists/.test(error.message)) throw error;
      });
    }
    await tool('update-schema', '-d', join(build.schemaDir, folder, 'versioned'));
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
}

export async function startTemporalServer(options: {
  build: TemporalServerBuild;
  postgres: Postgres;
  clusterDir: string;
  ports: ServerPorts;
  namespace: string;
  numHistoryShards: number;
}): Promise<RunningServer> {
  const configDir = join(options.clusterDir, 'config');
  const logFile = join(options.clusterDir, 'temporal-server.log');
  const args = writeServerConfig({
    configDir,
    ports: options.ports,
    postgres: options.postgres,
    numHistoryShards: options.numHistoryShards,
    logFile,
  });
  const child = startChild(options.build.server, args);
  const address = `127.0.0.1:${options.ports.frontend}`;
  try {
    await waitUntil(`Temporal server on ${address} (log: ${logFile})`, () => serving(address), {
      timeoutMs: 90_000,
      child,
    });
    await registerNamespace(address, options.namespace, child);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    address,
    namespace: options.namespace,
    pid: child.process.pid,
    logFile,
    stop: () => stopChild(child, 20_000),
  };
}

async function serving(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1_000 });
  try {
    await connection.workflowService.getSystemInfo({});
    return true;
  } finally {
    await connection.close();
  }
}

/** The namespace, then the search attributes; both retried while the new namespace propagates. */
async function registerNamespace(address: string, namespace: string, child: Child): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    await waitUntil(
      `namespace ${namespace}`,
      async () => {
        try {
          await connection.workflowService.registerNamespace({
            namespace,
            workflowExecutionRetentionPeriod: msToTs(RETENTION),
          });
        } catch (error) {
          // ALREADY_EXISTS: a later run on the same database.
          if ((error as { code?: number }).code !== 6) throw error;
        }
        return true;
      },
      { timeoutMs: 60_000, child },
    );
    await waitUntil(
      `search attributes on ${namespace}`,
      async () => {
        await ensureSearchAttributes(connection, namespace, SEARCH_ATTRIBUTE_LIST);
        return true;
      },
      { timeoutMs: 60_000, child },
    );
  } finally {
    await connection.close();
  }
}

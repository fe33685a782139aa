// The Temporal server's configuration for the cluster, written at run time (ports are chosen per
// run): PostgreSQL persistence and SQL visibility (postgres12, whose schema carries custom search
// attributes), every service on loopback, a dynamic config file beside it. Modelled on the server's
// own config/development-postgres12.yaml, trimmed to what a single host needs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerPorts {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  /** Membership (ringpop) ports, one per service. */
  membership: { frontend: number; history: number; matching: number; worker: number };
  metrics: number;
}

export interface ServerConfigInput {
  configDir: string;
  ports: ServerPorts;
  postgres: { host: string; port: number; user: string };
  /** Fixed for the life of the database: it can never change after the first start. */
  numHistoryShards: number;
  logFile: string;
}

/** The server's environment name: it reads `<configDir>/<env>.yaml`. */
export const SERVER_CONFIG_ENV = 'cluster';

const DYNAMIC_CONFIG: Record<string, unknown> = {
  // Search attributes added through the operator service are usable at once (as the CLI's dev server).
  'system.forceSearchAttributesCacheRefreshOnRead': true,
  // With that cache bypassed, persistence sees more reads: the CLI's dev server raises these too.
  'frontend.persistenceMaxQPS': 10000,
  'history.persistenceMaxQPS': 45000,
  // List and count (the gateway's status lists, operators' filters) above the default of 10/s.
  'frontend.namespaceRPS.visibility': 100,
};

function datastore(input: ServerConfigInput, database: string, maxConns: number): string {
  const { host, port, user } = input.postgres;
  return `      sql:
        pluginName: "postgres12"
        databaseName: "${database}"
        connectAddr: "${host}:${port}"
        connectProtocol: "tcp"
        user: "${user}"
        password: ""
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
}

function service(grpcPort: number, membershipPort: number, extra = ''): string {
  return `    rpc:
      grpcPort: ${grpcPort}
      membershipPort: ${membershipPort}
      bindOnLocalHost: true${extra}`;
}

export function renderServerConfig(input: ServerConfigInput): string {
  const { ports } = input;
  return `log:
  stdout: false
  level: warn
  outputFile: "${input.logFile}"

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${input.numHistoryShards}
  datastores:
    postgres-default:
${datastore(input, 'temporal', 20)}
    postgres-visibility:
${datastore(input, 'temporal_visibility', 4)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: "127.0.0.1:${ports.metrics}"

services:
  frontend:
${service(ports.frontend, ports.membership.frontend, `\n      httpPort: ${ports.frontendHttp}`)}
  history:
${service(ports.history, ports.membership.history)}
  matching:
${service(ports.matching, ports.membership.matching)}
  worker:
${service(ports.worker, ports.membership.worker)}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${ports.frontend}"

dcRedirectionPolicy:
  policy: "noop"

archival:
  history:
    state: "disabled"
  visibility:
    state: "disabled"

namespaceDefaults:
  archival:
    history:
      state: "disabled"
    visibility:
      state: "disabled"

dynamicConfigClient:
  filepath: "${join(input.configDir, 'dynamicconfig.yaml')}"
  pollInterval: "10s"
`;
}

export function renderDynamicConfig(values: Record<string, unknown> = DYNAMIC_CONFIG): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}:\n  - value: ${JSON.stringify(value)}\n    constraints: {}\n`)
    .join('');
}

/** Writes `<configDir>/cluster.yaml` and the dynamic config; answers the server's arguments. */
export function writeServerConfig(input: ServerConfigInput): string[] {
  mkdirSync(input.configDir, { recursive: true });
  writeFileSync(join(input.configDir, `${SERVER_CONFIG_ENV}.yaml`), renderServerConfig(input));
  writeFileSync(join(input.configDir, 'dynamicconfig.yaml'), renderDynamicConfig());
  return ['--root', '/', '--config', input.configDir, '--env', SERVER_CONFIG_ENV, '--allow-no-auth', 'start'];
}

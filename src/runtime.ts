// Wiring from configuration to live objects, shared by the worker, the gateway, the CLI and
// `npm start`: the Temporal connections and the Customs client with its token cache.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import { createTokenProvider, type Logger, type TokenRefreshObserver } from './auth';
import { dataConverterFromConfig } from './codec/data-converter';
import { type Config, ConfigError, requireCredentials } from './config';
import { type CallObserver, createDigitollClient, type DigitollApi } from './digitoll';

async function readConfigFile(variable: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([{ variable, message: `cannot read ${path}: ${(error as Error).message}` }]);
  }
}

async function temporalTls(config: Config): Promise<ConnectionOptions['tls']> {
  const { tls, clientCertPath, clientKeyPath } = config.temporal;
  if (!tls) return undefined;
  if (!clientCertPath || !clientKeyPath) return true;
  return {
    clientCertPair: {
      crt: Buffer.from(await readConfigFile('TEMPORAL_TLS_CLIENT_CERT_PATH', clientCertPath)),
      key: Buffer.from(await readConfigFile('TEMPORAL_TLS_CLIENT_KEY_PATH', clientKeyPath)),
    },
  };
}

async function connectionOptions(config: Config) {
  return {
    address: config.temporal.address,
    tls: await temporalTls(config),
    apiKey: config.temporal.apiKey,
  };
}

/**
 * A Temporal client (for starting and signalling) from config; the CLI shortens the connect timeout.
 * Its data converter encrypts payloads (see src/codec); workers created with this client use it too.
 */
export async function connectClient(
  config: Config,
  options: Pick<ConnectionOptions, 'connectTimeout'> = {},
): Promise<Client> {
  // Keys first: a missing or bad key stops start-up before anything is connected.
  const dataConverter = await dataConverterFromConfig(config);
  const connection = await Connection.connect({ ...(await connectionOptions(config)), ...options });
  return new Client({ connection, namespace: config.temporal.namespace, dataConverter });
}

/** The native connection a worker needs. */
export async function connectWorker(config: Config): Promise<NativeConnection> {
  return NativeConnection.connect((await connectionOptions(config)) as NativeConnectionOptions);
}

/** What a worker's metrics observe: every Customs call and every token refresh. */
export interface DigitollObservers {
  customsCall?: CallObserver;
  tokenRefresh?: TokenRefreshObserver;
}

/** The Digitoll client with its Maskinporten + exchange token cache, from config and key files. */
export async function createDigitollFromConfig(
  config: Config,
  logger?: Logger,
  observers: DigitollObservers = {},
): Promise<DigitollApi> {
  const credentials = requireCredentials(config);
  const privateKeyPem = await readConfigFile('MASKINPORTEN_KEY_FILE', credentials.keyFile);
  const certificateChainPem = credentials.certificateFile
    ? await readConfigFile('MASKINPORTEN_CERT_FILE', credentials.certificateFile)
    : undefined;
  const tokens = await createTokenProvider({
    clientId: credentials.clientId,
    privateKeyPem,
    certificateChainPem,
    kid: credentials.kid,
    alg: credentials.alg,
    maskinportenIssuer: config.endpoints.maskinportenIssuer,
    maskinportenTokenUrl: config.endpoints.maskinportenTokenUrl,
    exchangeUrl: config.endpoints.customsTokenExchangeUrl,
    logger,
    observer: observers.tokenRefresh,
  });
  return createDigitollClient({
    baseUrl: config.endpoints.digitollBaseUrl,
    tokens,
    scopes: config.scopes,
    logger,
    observer: observers.customsCall,
  });
}

/**
 * The prebuilt workflow bundle (`npm run build:workflows`) when running compiled code
 * (dist/src/ -> dist/workflow-bundle.js). Run from source (tsx), workers bundle workflows/ at
 * start instead, so a bundle left from an earlier build never runs stale workflow code.
 */
export function findWorkflowBundle(): string | undefined {
  if (!__filename.endsWith('.js')) return undefined;
  const bundle = join(__dirname, '..', 'workflow-bundle.js');
  return existsSync(bundle) ? bundle : undefined;
}

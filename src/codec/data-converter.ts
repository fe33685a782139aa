// From configuration to the data converter every Temporal client and worker of this project uses:
// the encryption codec with the configured keys, failure attributes encoded; or none when
// PAYLOAD_ENCRYPTION=off. In the emulator environment the development key that `npm start` keeps
// under the data folder is used when no key is configured, so the CLI reads what the stack wrote.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config';
import { ConfigError } from '../config';
import { EncryptionCodec } from './encryption-codec';
import { KEY_BYTES, keyFileText, parseKeyFile, PayloadKeyring } from './keyring';
import type { CodecServerOptions } from './server';

/** Resolvable from source (tsx, jest) and from compiled code alike. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

export function encryptingDataConverter(keyring: PayloadKeyring): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keyring)], failureConverterPath: FAILURE_CONVERTER_PATH };
}

/** Where `npm start` keeps its development payload key. */
export function devPayloadKeyFile(dataDir: string): string {
  return join(resolve(dataDir), 'dev-credentials', 'payload-keys.json');
}

/** Reads a key file; every problem names `variable`, none shows a key. */
export async function readKeyFile(path: string, variable = 'PAYLOAD_KEYS_FILE'): Promise<PayloadKeyring> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([
      { variable, message: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}` },
    ]);
  }
  const parsed = parseKeyFile(text, variable);
  if (!parsed.keyring) throw new ConfigError(parsed.problems);
  return parsed.keyring;
}

/** The development key, created once (mode 0600, git-ignored folder) and reused across restarts. */
export async function loadOrCreateDevPayloadKeys(dataDir: string): Promise<string> {
  const file = devPayloadKeyFile(dataDir);
  if (existsSync(file)) {
    await readKeyFile(file, file);
    return file;
  }
  const keyring = new PayloadKeyring('dev-1', new Map([['dev-1', randomBytes(KEY_BYTES)]]));
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, keyFileText(keyring), { mode: 0o600 });
  return file;
}

/** The keys configured for this process, or undefined when encryption is explicitly off. */
export async function payloadKeyringFromConfig(config: Config): Promise<PayloadKeyring | undefined> {
  const settings = config.payloadEncryption;
  if (!settings.enabled) return undefined;
  if (settings.keyring) return settings.keyring;
  if (settings.keysFile) return readKeyFile(settings.keysFile);
  const devFile = devPayloadKeyFile(config.dataDir);
  if (config.environment === 'emulator' && existsSync(devFile)) return readKeyFile(devFile, devFile);
  throw new ConfigError([
    {
      variable: 'PAYLOAD_KEYS_FILE',
      message:
        'no payload encryption key: set PAYLOAD_KEYS_FILE, or PAYLOAD_KEYS (and PAYLOAD_KEY_PRIMARY)' +
        (config.environment === 'prod'
          ? ' (DIGITOLL_ENV=prod always encrypts)'
          : '; for development, `npm start` creates one, or set PAYLOAD_ENCRYPTION=off'),
    },
  ]);
}

export async function dataConverterFromConfig(config: Config): Promise<DataConverter> {
  const keyring = await payloadKeyringFromConfig(config);
  return keyring ? encryptingDataConverter(keyring) : {};
}

/** The gateway's codec server settings, or undefined when payloads are not encrypted. */
export async function codecServerFromConfig(config: Config): Promise<CodecServerOptions | undefined> {
  const keyring = await payloadKeyringFromConfig(config);
  if (!keyring) return undefined;
  return {
    codec: new EncryptionCodec(keyring),
    auth: config.codecServer.auth,
    apiKeys: config.gateway.apiKeys,
    corsOrigins: config.codecServer.corsOrigins,
  };
}

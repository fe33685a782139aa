// What `npm start` adds for payload encryption: a development key (created once under the data
// folder, reused across restarts) when none is configured, and a codec server the dev UI can call
// without a token when the gateway listens on loopback only (the dev UI has no identity provider
// to send one; the dev server itself is open to anyone on this machine anyway).
import type { Config } from '../config';
import { loadOrCreateDevPayloadKeys } from './data-converter';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/** Variables to put under the user's own environment (which always wins). */
export async function developmentCodecDefaults(
  config: Config,
  dataDir: string,
): Promise<Record<string, string>> {
  const defaults: Record<string, string> = {};
  const { enabled, keyring, keysFile } = config.payloadEncryption;
  if (enabled && !keyring && !keysFile && config.environment !== 'prod') {
    defaults.PAYLOAD_KEYS_FILE = await loadOrCreateDevPayloadKeys(dataDir);
  }
  if (LOOPBACK.test(config.gateway.host) && config.environment !== 'prod') defaults.CODEC_AUTH = 'none';
  return defaults;
}

/** The dev UI's origins (its own host, and localhost for the same port) for the codec server's CORS. */
export function uiOrigins(uiUrl: string | undefined): string[] {
  if (!uiUrl) return [];
  const url = new URL(uiUrl);
  return [url.origin, `${url.protocol}//localhost:${url.port}`];
}

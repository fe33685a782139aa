// The configuration a worker needs to talk to a running emulator, as env-var lines (names as
// src/config.ts reads them). Paths of key files only: never the key itself.
import type { DevCredentialFiles } from './dev-credentials';
import { TOKEN_ROUTES } from './route-paths';
import type { RunningEmulator } from './server';

export function workerConfigLines(emulator: RunningEmulator, files: DevCredentialFiles): string[] {
  return [
    'DIGITOLL_ENV=emulator',
    `EMULATOR_URL=${emulator.url}`,
    `DIGITOLL_BASE_URL=${emulator.url}`,
    `MASKINPORTEN_ISSUER=${emulator.issuer}`,
    `MASKINPORTEN_TOKEN_URL=${emulator.url}${TOKEN_ROUTES.maskinportenToken}`,
    `CUSTOMS_TOKEN_EXCHANGE_URL=${emulator.url}${TOKEN_ROUTES.customsExchange}`,
    `MASKINPORTEN_CLIENT_ID=${emulator.devCredentials.clientId}`,
    `MASKINPORTEN_KEY_FILE=${files.keyFile}`,
    `MASKINPORTEN_CERT_FILE=${files.certFile}`,
  ];
}

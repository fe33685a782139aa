// `npm run emulator`: a local Digitoll + Maskinporten twin. Reuses the development credentials under
// <data-dir>/dev-credentials/ (git-ignored), generating them only when missing or unusable,
// registers them with every scope, keeps its state in <data-dir>/emulator/ (unless --in-memory),
// prints the URL and the worker configuration, and stops on Ctrl-C.
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTROL_PREFIX } from './control-schemas';
import { loadOrCreateDevCredentials } from './dev-credentials';
import { workerConfigLines } from './print-config';
import { startEmulator } from './server';
import type { EmulatorOptions } from './types';

/** The port the project's default EMULATOR_URL points at; `--port 0` picks a free one. */
const DEFAULT_PORT = 8099;

function parse() {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: String(DEFAULT_PORT) },
      'delay-ms': { type: 'string', default: '1000' },
      'data-dir': { type: 'string', default: '.data' },
      'in-memory': { type: 'boolean', default: false },
      'auto-present-ms': { type: 'string', default: '3000' },
      'extra-items-every': { type: 'string', default: '10' },
      'token-lifetime': { type: 'string', default: '970' },
    },
  });
  const auto = values['auto-present-ms'];
  const options: EmulatorOptions = {
    host: values.host,
    port: Number(values.port),
    processingDelayMs: Number(values['delay-ms']),
    autoPresentAfterMs: auto === 'off' ? 'off' : Number(auto),
    extraRoutingItemsEvery: Number(values['extra-items-every']),
    tokenLifetimeSeconds: Number(values['token-lifetime']),
    dataDir: values['in-memory'] ? undefined : join(resolve(values['data-dir']), 'emulator'),
  };
  return { options, credentialsDir: join(resolve(values['data-dir']), 'dev-credentials') };
}

async function main(): Promise<void> {
  const { options, credentialsDir } = parse();
  const { credentials, files, created } = await loadOrCreateDevCredentials(credentialsDir);
  const emulator = await startEmulator({ ...options, devCredentials: credentials });
  const out = process.stdout;
  const where = emulator.stateFile ? `state in ${emulator.stateFile}` : 'state in memory only';
  out.write(`Digitoll emulator listening on ${emulator.url} (${where})\n`);
  out.write(`Development credentials ${created ? 'generated' : 'reused'} in ${dirname(files.keyFile)}\n`);
  out.write(`Control API: ${emulator.url}${CONTROL_PREFIX}/  (no authentication; for tests and demos)\n\n`);
  out.write(`Worker configuration:\n${workerConfigLines(emulator, files).join('\n')}\n\nCtrl-C stops it.\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void emulator.close().then(() => process.exit(0));
  };
  // `on`: a relayed second signal (npm, tsx) must not kill the process while it closes.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `emulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

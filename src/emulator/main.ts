// `npm run emulator`: a local Digitoll + Maskinporten playground. Reuses the development
// credentials under .data/dev-credentials/ (git-ignored), generating them only when missing or
// unusable, registers them with every scope, prints
// the URL and the worker configuration, and stops on Ctrl-C. State is in memory only.
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateDevCredentials } from './dev-credentials';
import { workerConfigLines } from './print-config';
import { startEmulator } from './server';
import { CONTROL_PREFIX } from './control-schemas';

/** The port the project's default EMULATOR_URL points at; `--port 0` picks a free one. */
const DEFAULT_PORT = 8099;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: String(DEFAULT_PORT) },
      'delay-ms': { type: 'string', default: '1000' },
      'data-dir': { type: 'string', default: '.data' },
    },
  });
  const { credentials, files, created } = await loadOrCreateDevCredentials(
    join(resolve(values['data-dir']), 'dev-credentials'),
  );
  const emulator = await startEmulator({
    host: values.host,
    port: Number(values.port),
    processingDelayMs: Number(values['delay-ms']),
    devCredentials: credentials,
  });
  const out = process.stdout;
  out.write(`Digitoll emulator listening on ${emulator.url} (state in memory only)\n`);
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

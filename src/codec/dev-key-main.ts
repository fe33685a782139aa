// `node dist/src/codec/dev-key-main.js <data dir>`: creates the development payload key under
// <data dir>/dev-credentials/ unless it exists (the compose emulator profile's one-shot job), and
// prints where it is, never the key.
import { loadOrCreateDevPayloadKeys } from './data-converter';

loadOrCreateDevPayloadKeys(process.argv[2] ?? '.data').then(
  (file) => process.stdout.write(`development payload key: ${file}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

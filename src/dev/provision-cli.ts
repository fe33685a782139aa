// `npm run temporal:provision`: finds or builds the Temporal CLI and prints where it is.
// Flags: --ignore-path (prove the cache or the build works even when `temporal` is on PATH).
import { defaultCacheRoot, provisionTemporalCli } from './temporal-cli';

async function main(): Promise<void> {
  const started = Date.now();
  const cli = await provisionTemporalCli({
    cliPath: process.env.TEMPORAL_CLI_PATH || undefined,
    searchPath: process.env.PATH,
    cacheRoot: defaultCacheRoot(process.env),
    ignorePath: process.argv.includes('--ignore-path'),
    log: (line) => console.error(line),
  });
  console.error(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  console.log(cli.path);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// `npm start`: provisions the Temporal CLI and runs the embedded default stack (see stack.ts)
// until Ctrl-C, printing where everything is.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ConfigError, loadConfig } from '../config';
import { devGatewayApiKeyFile, startStack, type Stack } from './stack';
import { defaultCacheRoot, provisionForDevServer } from './temporal-cli';

function printUrls(stack: Stack): void {
  const { urls, config } = stack;
  const keyFile = devGatewayApiKeyFile(config.dataDir);
  const auth = existsSync(keyFile)
    ? ` -H "X-Api-Key: $(cat ${relative(process.cwd(), keyFile)})"`
    : " -H 'X-Api-Key: <key>'";
  console.log(`
digitoll-flow is running (Customs: ${config.environment}).

  Temporal UI    ${urls.temporalUi ?? '(headless)'}
  Temporal       ${urls.temporal}  (namespace ${config.temporal.namespace})
  Gateway        ${urls.gateway}   (OpenAPI: ${urls.gateway}/openapi.json)${
    urls.emulator ? `\n  Emulator       ${urls.emulator}  (state kept under the data folder)` : ''
  }
  ${codecLine(stack)}

Try:
  curl -s -X POST ${urls.gateway}/v1/consignments${auth} -H 'Content-Type: application/json' --data @examples/road.json
  npm run cli -- status N730 <documentNumber>

Watch in the Temporal UI with filters such as  DigitollNeedsAttention=true  or  DigitollPhase="INCOMPLETE".
Press Ctrl-C to stop.`);
}

/** Payloads are encrypted in Temporal; the UI and the CLI read them through the codec server. */
function codecLine({ urls, config }: Stack): string {
  if (!urls.codec) return 'Payloads       NOT encrypted (PAYLOAD_ENCRYPTION=off)';
  const auth = config.codecServer.auth === 'none' ? '' : ' --codec-auth "Bearer <gateway key>"';
  return `Codec server   ${urls.codec}  (payloads encrypted; the UI uses it; CLI: temporal workflow show --codec-endpoint ${urls.codec}${auth})`;
}

async function main(): Promise<void> {
  const { logLevel } = loadConfig(process.env);
  Runtime.install({
    logger: new DefaultLogger(logLevel === 'debug' || logLevel === 'trace' ? 'DEBUG' : 'WARN'),
  });
  const log = (line: string) => console.log(line);
  const cliPath = await provisionForDevServer({
    cliPath: process.env.TEMPORAL_CLI_PATH || undefined,
    searchPath: process.env.PATH,
    cacheRoot: defaultCacheRoot(process.env),
    log,
  });
  const started: { stack?: Stack } = {};
  let stopping = false;
  const stop = (exitCode = 0) => {
    const { stack } = started;
    if (stopping || !stack) return;
    stopping = true;
    console.log('\nStopping (in-flight work gets its grace time)...');
    stack.stop().then(
      () => {
        console.log('Stopped. State is kept in the data folder; npm start resumes it.');
        process.exitCode = exitCode;
      },
      (error: unknown) => {
        console.error(`Stopped with an error: ${String(error)}`);
        process.exitCode = 1;
      },
    );
  };
  started.stack = await startStack({
    env: process.env,
    cliPath,
    log,
    onWorkerFailure: (error) => {
      console.error(`The worker stopped with an error, so the stack stops too: ${String(error)}`);
      stop(1);
    },
    // Always bundled from source here: a prebuilt dist/ bundle could be stale during development.
  });
  printUrls(started.stack);
  // `on`, not `once`: a terminal's Ctrl-C reaches npm, tsx and this process, and tsx relays it
  // again; a repeated signal must not kill the process halfway through stopping.
  process.on('SIGINT', () => stop());
  process.on('SIGTERM', () => stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});

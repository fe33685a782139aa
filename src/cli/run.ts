// runCli: the whole command line as a function of argv and its dependencies, so tests call it
// in-process against a real server and main.ts only wires the real connection.
// Exit codes: 0 ok; 1 the system refused (unknown consignment, the phase refuses the action,
// Temporal unreachable); 2 bad usage or a bad file (what to fix is printed).
import { parseArgs } from 'node:util';
import { isFlowError, type DigitollFlow } from '../client';
import { ConfigError } from '../config';
import { COMMANDS, type Command } from './commands';
import { CliFileError, CliUsageError, EXIT, type ExitCode } from './errors';

export interface Output {
  write(chunk: string): unknown;
}

export interface CliDependencies {
  /** The client library, or a factory that connects only when a command needs it. */
  flow: DigitollFlow | (() => Promise<DigitollFlow>);
  stdout: Output;
  stderr: Output;
}

const COMMON_OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: digitoll-flow <command> [arguments] [--json] [--help]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `digitoll-flow <command> --help` for its arguments. The Temporal connection comes from',
    'TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS* (see .env.example).',
    'Exit codes: 0 ok, 1 refused by the system, 2 bad usage or bad file.',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  return [
    `Usage: digitoll-flow ${command.usage} [--json]`,
    '',
    `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.details.length ? ['', ...command.details.map((line) => `  ${line}`)] : []),
    '',
    '  --json   print the result as JSON (errors as {"error": {...}} on stderr)',
    '  --help   show this help',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], deps: CliDependencies): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = COMMANDS.find((c) => c.name === rest[0]);
    (name === undefined ? deps.stderr : deps.stdout).write(topic ? commandHelp(topic) : usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  const json = rest.includes('--json');
  try {
    if (!command) throw new CliUsageError(`unknown command "${name}"`);
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      deps.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run({
      flow: connector(deps.flow),
      print: (text) => deps.stdout.write(text),
      json,
      values,
      positionals,
    });
  } catch (error) {
    return report(error, { json, command, stderr: deps.stderr });
  }
}

function parseCommandArgs(command: Command, args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...command.options, ...COMMON_OPTIONS },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliUsageError((error as Error).message.split('\n')[0]!, command.name);
  }
  const { values, positionals } = parsed;
  if (!values.help) {
    if (positionals.length < command.args.length) {
      const missing = command.args.slice(positionals.length).map((a) => `<${a}>`);
      throw new CliUsageError(`missing ${missing.join(' ')}`, command.name);
    }
    const most = command.args.length + (command.optionalArgs?.length ?? 0);
    if (positionals.length > most) {
      const extra = positionals.slice(most).join(' ');
      throw new CliUsageError(`unexpected argument(s): ${extra}`, command.name);
    }
  }
  return { values: values as Record<string, string | boolean | undefined>, positionals };
}

/** Connects at most once, and only for commands that talk to Temporal. */
function connector(flow: CliDependencies['flow']): () => Promise<DigitollFlow> {
  let connecting: Promise<DigitollFlow> | undefined;
  return () => (connecting ??= typeof flow === 'function' ? flow() : Promise.resolve(flow));
}

interface Problem {
  exit: ExitCode;
  code: string;
  message: string;
  issues?: Array<{ path: string; message: string }>;
  hint?: string;
}

function classify(error: unknown, command?: Command): Problem {
  if (error instanceof CliUsageError) {
    const hint = command ? `Usage: digitoll-flow ${command.usage}` : 'Run `digitoll-flow --help`.';
    return { exit: EXIT.usage, code: error.code, message: error.message, hint };
  }
  if (error instanceof ConfigError) return { exit: EXIT.usage, code: error.code, message: error.message };
  if (error instanceof CliFileError)
    return { exit: EXIT.usage, code: error.code, message: error.message, issues: error.issues };
  if (isFlowError(error)) {
    if (error.code === 'INVALID_DOCUMENT') {
      const issues = (error as unknown as { issues: Problem['issues'] }).issues;
      return { exit: EXIT.usage, code: error.code, message: 'invalid input', issues };
    }
    if (error.code === 'TEMPORARILY_UNAVAILABLE') {
      const hint = `Nothing was changed: run the command again in ${error.retryAfterSeconds} s, once a worker runs (npm run worker).`;
      return { exit: EXIT.refused, code: error.code, message: error.message, hint };
    }
    return { exit: EXIT.refused, code: error.code, message: error.message };
  }
  const typed = error as { code?: unknown };
  const code = typeof typed?.code === 'string' ? typed.code : 'FAILED';
  return { exit: EXIT.refused, code, message: withCauses(error) };
}

/** Temporal's errors put the server's reason in `cause` ("Failed to start Workflow" alone says little). */
function withCauses(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth += 1) {
    const message = e instanceof Error ? e.message : String(e);
    if (message && !messages.includes(message)) messages.push(message);
    e = e instanceof Error ? e.cause : undefined;
  }
  return messages.join(': ');
}

function report(
  error: unknown,
  { json, command, stderr }: { json: boolean; command?: Command; stderr: Output },
): ExitCode {
  const problem = classify(error, command);
  if (json) {
    const { exit: _exit, ...body } = problem;
    stderr.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
    return problem.exit;
  }
  const lines = [`error: ${problem.message}`];
  for (const issue of problem.issues ?? []) lines.push(`  - ${issue.path || '(document)'}: ${issue.message}`);
  if (problem.hint) lines.push(problem.hint);
  stderr.write(`${lines.join('\n')}\n`);
  return problem.exit;
}

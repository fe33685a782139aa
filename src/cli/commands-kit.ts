// What every command shares: its shape, the context it runs in, and the option and output helpers.
import type { ParseArgsConfig } from 'node:util';
import type { DigitollFlow } from '../client';
import { CliUsageError, EXIT, type ExitCode } from './errors';

export interface CommandContext {
  flow(): Promise<DigitollFlow>;
  print(text: string): void;
  json: boolean;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Help lines for the options (the common --json and --help are added by run.ts). */
  details: string[];
  args: string[];
  /** Positionals that may follow `args` (e.g. a sub-action). */
  optionalArgs?: string[];
  options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CommandContext): Promise<ExitCode>;
}

export const text = (ctx: CommandContext, name: string) => ctx.values[name] as string | undefined;
export const KEY_ARGS = ['type', 'documentNumber'];

export function required(ctx: CommandContext, option: string, command: string): string {
  const value = text(ctx, option);
  if (!value || value.trim() === '') throw new CliUsageError(`--${option} is required`, command);
  return value;
}

export function emit(ctx: CommandContext, value: unknown, human: string): ExitCode {
  ctx.print(ctx.json ? `${JSON.stringify(value, null, 2)}\n` : human);
  return EXIT.ok;
}

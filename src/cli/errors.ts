// Typed errors of the command line, each with the exit code it maps to: 2 when the caller must fix
// the command or the file, 1 when the system refused (see run.ts).
import type { FormattedIssue } from '../domain';

export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Wrong command, missing argument, unknown option. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  readonly code = 'CLI_USAGE';
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** A file that cannot be read, is not JSON, or fails the schema (every issue is kept). */
export class CliFileError extends Error {
  override readonly name = 'CliFileError';
  constructor(
    readonly code: 'FILE_UNREADABLE' | 'FILE_NOT_JSON' | 'FILE_INVALID',
    readonly file: string,
    message: string,
    readonly issues: FormattedIssue[] = [],
  ) {
    super(message);
  }
}

/** The Temporal server could not be reached (wrong TEMPORAL_ADDRESS, server down, TLS mismatch). */
export class TemporalUnreachable extends Error {
  override readonly name = 'TemporalUnreachable';
  readonly code = 'TEMPORAL_UNREACHABLE';
  constructor(
    readonly address: string,
    cause: unknown,
  ) {
    super(
      `cannot reach Temporal at ${address} (${(cause as Error)?.message ?? String(cause)}); ` +
        'is the server running (npm start) and TEMPORAL_ADDRESS right?',
    );
  }
}

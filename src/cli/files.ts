// Reading the JSON files the operator hands to `submit` and `correct`. Each failure says what to fix:
// the file is missing, is not JSON (with line and column), or fails the schema (every path).
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { createConsignmentSchema } from '../client/schemas';
import { formatIssues, houseConsignmentSchema, type HouseConsignment } from '../domain';
import { MODES } from '../shared';
import { CliFileError } from './errors';
import { firstJsonErrorOffset, positionOf } from './json-position';

export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code);
    throw new CliFileError('FILE_UNREADABLE', file, `${file}: cannot read the file (${why})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const offset = firstJsonErrorOffset(text);
    const where = offset === undefined ? '' : describePosition(text, offset);
    throw new CliFileError(
      'FILE_NOT_JSON',
      file,
      `${file}: not valid JSON${where} (${(error as Error).message.split('\n')[0]})`,
    );
  }
}

function describePosition(text: string, offset: number): string {
  const { line, column } = positionOf(text, offset);
  return ` at line ${line}, column ${column}`;
}

/** What a submission file becomes: the client's create request (validated by the same schema). */
export type Submission = z.output<typeof createConsignmentSchema>;

export interface SubmissionOverrides {
  mode?: string;
  erpReference?: string;
  presentAt?: string;
}

/**
 * A submission file is either a house consignment document alone (then `--mode` is required) or
 * `{mode, consignment, erpReference?, presentation?, timings?}` (the gateway's create body). Flags override what the file says.
 */
export async function readSubmission(file: string, overrides: SubmissionOverrides): Promise<Submission> {
  const json = await readJsonFile(file);
  const isEnvelope = typeof json === 'object' && json !== null && 'consignment' in json;
  const base: Record<string, unknown> = isEnvelope ? { ...(json as object) } : { consignment: json };
  if (overrides.mode !== undefined) base.mode = overrides.mode;
  if (overrides.erpReference !== undefined) base.erpReference = overrides.erpReference;
  if (overrides.presentAt !== undefined)
    base.presentation = { customsOfficeOfPresentation: overrides.presentAt };
  if (base.mode === undefined) {
    throw new CliFileError(
      'FILE_INVALID',
      file,
      `${file}: no transport mode: pass --mode (${MODES.join('|')}) or use {"mode", "consignment"} in the file`,
      [{ path: 'mode', message: 'must not be null' }],
    );
  }
  const parsed = createConsignmentSchema.safeParse(base);
  if (parsed.success) return parsed.data;
  const issues = formatIssues(parsed.error).map((issue) =>
    isEnvelope ? issue : { ...issue, path: issue.path.replace(/^consignment\.?/, '') },
  );
  throw new CliFileError('FILE_INVALID', file, `${file}: the document fails the schema`, issues);
}

/** A correction file holds the whole corrected house consignment document (a PUT replaces). */
export async function readDocument(file: string): Promise<HouseConsignment> {
  const json = await readJsonFile(file);
  const parsed = houseConsignmentSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new CliFileError(
    'FILE_INVALID',
    file,
    `${file}: the document fails the schema`,
    formatIssues(parsed.error),
  );
}

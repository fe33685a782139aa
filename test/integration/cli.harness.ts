// Shared set-up of the CLI tests: the workflow harness (real dev server, workers, emulator) with a
// DigitollFlow on its task queues, runCli captured in-process, and example files copied under
// unique document numbers so every test owns its consignments.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run';
import { flowOf, startHarness, type Harness } from './consignment.harness';

export const EXAMPLES = path.resolve(__dirname, '../../examples');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function startCliHarness() {
  const h: Harness = await startHarness();
  const flow = flowOf(h);
  const dir = await mkdtemp(path.join(tmpdir(), 'digitoll-cli-'));
  let counter = 0;
  const prefix = `CLI${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;

  async function cli(...argv: string[]): Promise<CliRun> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, {
      flow,
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
    });
    return { code, stdout, stderr };
  }

  /** Writes `content` to a file of its own; returns its path. */
  async function file(name: string, content: string): Promise<string> {
    counter += 1;
    const target = path.join(dir, `${counter}-${name}`);
    await writeFile(target, content);
    return target;
  }

  /**
   * Copies example files with the document number replaced by a fresh one (the same one for all
   * the files given, so a correction matches its submission).
   */
  async function examples(...names: string[]): Promise<{ documentNumber: string; files: string[] }> {
    counter += 1;
    const documentNumber = `${prefix}-${counter}`;
    const files: string[] = [];
    for (const name of names) {
      const text = await readFile(path.join(EXAMPLES, name), 'utf8');
      const json = JSON.parse(text) as { consignment?: unknown; consignmentHouseLevel?: unknown };
      const doc = (json.consignment ?? json) as {
        consignmentHouseLevel: { transportDocumentHouseLevel: { documentNumber: string } };
      };
      doc.consignmentHouseLevel.transportDocumentHouseLevel.documentNumber = documentNumber;
      files.push(await file(name, JSON.stringify(json, null, 2)));
    }
    return { documentNumber, files };
  }

  async function close(): Promise<void> {
    await rm(dir, { recursive: true, force: true });
    await h.close();
  }

  return { h, flow, cli, file, examples, close };
}

export type CliHarness = Awaited<ReturnType<typeof startCliHarness>>;

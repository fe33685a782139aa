// The committed histories' fingerprints (histories/MANIFEST.json): the frozen test holds every file
// to its sha256, and the recorder only ever adds entries, so a history cannot change unnoticed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export const HISTORIES_DIR = path.join(__dirname, 'histories');
export const MANIFEST_PATH = path.join(HISTORIES_DIR, 'MANIFEST.json');

export interface Manifest {
  about: string;
  /** File name in histories/ → sha256 of its bytes (hex). */
  sha256: Record<string, string>;
}

const ABOUT =
  'Frozen replay histories: never edited or re-recorded. npm run histories:record adds new ones here; ' +
  'test/replay/frozen.test.ts fails when a listed file changes or vanishes, or an unlisted one appears.';

/** Every history file in the folder (the readable .json and the replayed .binpb), sorted. */
export function historyFiles(): string[] {
  return readdirSync(HISTORIES_DIR)
    .filter((f) => (f.endsWith('.json') || f.endsWith('.binpb')) && f !== path.basename(MANIFEST_PATH))
    .sort();
}

export function sha256Of(file: string): string {
  return createHash('sha256')
    .update(readFileSync(path.join(HISTORIES_DIR, file)))
    .digest('hex');
}

export function readManifest(): Manifest {
  if (!existsSync(MANIFEST_PATH)) return { about: ABOUT, sha256: {} };
  return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;
}

/** Adds `files` (new histories) with their hashes; an entry already listed is never replaced. */
export async function addToManifest(files: string[]): Promise<string[]> {
  const manifest = readManifest();
  const added = files.filter((file) => manifest.sha256[file] === undefined);
  for (const file of added) manifest.sha256[file] = sha256Of(file);
  const sorted = Object.fromEntries(Object.entries(manifest.sha256).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(MANIFEST_PATH, `${JSON.stringify({ about: ABOUT, sha256: sorted }, null, 2)}\n`);
  return added;
}

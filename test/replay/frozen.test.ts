// Committed histories are a contract (STYLE.md 13): MANIFEST.json holds every history file's
// sha256. A listed file that changed or vanished, or a history nobody listed, fails here: new
// histories are added by `npm run histories:record`, which lists them, never by hand.
import { historyFiles, readManifest, sha256Of } from './manifest';

const manifest = readManifest();
const listed = Object.keys(manifest.sha256).sort();
const present = historyFiles();

test('given the manifest, when the histories folder is read, then every listed history is still there', () => {
  expect(listed.filter((file) => !present.includes(file))).toEqual([]);
});

test('given the manifest, when each listed history is hashed, then none has changed', () => {
  const changed = listed
    .filter((file) => present.includes(file))
    .filter((file) => sha256Of(file) !== manifest.sha256[file]);
  expect(changed).toEqual([]);
});

test('given the histories folder, when compared with the manifest, then no history is unlisted', () => {
  expect(present.filter((file) => manifest.sha256[file] === undefined)).toEqual([]);
});

test('given the manifest, then it lists a readable and a replayable form of every history', () => {
  const names = (ext: string) => listed.filter((f) => f.endsWith(ext)).map((f) => f.slice(0, -ext.length));
  expect(names('.json')).toEqual(names('.binpb'));
  expect(listed.length).toBeGreaterThanOrEqual(10);
});

// A worker capped for production (the worker command's heap flags) cannot bundle the workflows at
// start: it must refuse with what to do, not die out of memory half-way through webpack.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const check = (flags: string[]) =>
  spawnSync(
    process.execPath,
    [...flags, '--import', 'tsx', '-e', "require('./src/worker').assertHeapForBundling(); console.log('ok')"],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );

test('given the production heap flags, when the worker would bundle at start, then it refuses naming the prebuilt bundle', () => {
  const capped = check(['--max-old-space-size=64']);
  expect(capped.status).not.toBe(0);
  expect(capped.stderr).toMatch(
    /too small to bundle the workflows at start: build the bundle first \(npm run build:workflows/,
  );
});

test('given a default heap, when the worker would bundle at start, then it goes on', () => {
  const free = check([]);
  expect({ status: free.status, stdout: free.stdout.trim() }).toEqual({ status: 0, stdout: 'ok' });
});

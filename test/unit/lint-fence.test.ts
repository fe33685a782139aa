// Proves the workflow sandbox fence: the project's own ESLint (what `npm run lint` runs) fails
// files under workflows/ that import I/O libraries, Node builtins or the Customs client.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../..');
const probeDir = (area: string) => join(root, area, `lint-probe-${process.pid}`);

const probes = {
  'workflows/undici.ts': "import { request } from 'undici';\nexport const r = request;\n",
  'workflows/node-fs.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  'workflows/fs.ts': "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n",
  'workflows/jose.ts': "import { SignJWT } from 'jose';\nexport const r = SignJWT;\n",
  'workflows/digitoll.ts':
    "import type { DigitollApi } from '../../src/digitoll/api';\nexport type R = DigitollApi;\n",
  'src/undici.ts': "import { request } from 'undici';\nexport const r = request;\n",
  'src/floating.ts': 'export async function f(): Promise<void> {}\nf();\n',
  'src/emulator/digitoll.ts': "import { paths } from '../../digitoll/paths';\nexport const r = paths;\n",
  'src/emulator/domain.ts': "import { ROUTINGS } from '../../domain';\nexport const r = ROUTINGS;\n",
};

let messagesByProbe: Record<string, string[]> = {};

beforeAll(async () => {
  const files = Object.entries(probes).map(([name, code]) => {
    const area = name.slice(0, name.lastIndexOf('/'));
    const file = name.slice(name.lastIndexOf('/') + 1);
    mkdirSync(probeDir(area), { recursive: true });
    const path = join(probeDir(area), file);
    writeFileSync(path, code);
    return [name, path] as const;
  });
  const eslint = join(root, 'node_modules/eslint/bin/eslint.js');
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [eslint, '--format', 'json', ...files.map(([, path]) => relative(root, path))],
      { cwd: root, maxBuffer: 10_000_000 },
      (error, out, err) =>
        out ? resolve(out) : reject(new Error(`eslint gave no report: ${String(error)} ${err}`)),
    ),
  );
  const results = JSON.parse(stdout) as Array<{
    filePath: string;
    messages: Array<{ ruleId: string | null }>;
  }>;
  messagesByProbe = Object.fromEntries(
    files.map(([name, path]) => [
      name,
      (results.find((r) => r.filePath === path)?.messages ?? []).map((m) => String(m.ruleId)),
    ]),
  );
}, 120_000);

afterAll(() => {
  rmSync(probeDir('workflows'), { recursive: true, force: true });
  rmSync(probeDir('src'), { recursive: true, force: true });
  rmSync(probeDir('src/emulator'), { recursive: true, force: true });
});

test.each([
  'workflows/undici.ts',
  'workflows/node-fs.ts',
  'workflows/fs.ts',
  'workflows/jose.ts',
  'workflows/digitoll.ts',
])(
  'given a file under workflows/ with a forbidden import (%s), when linted, then no-restricted-imports fails it',
  (name) => {
    expect(messagesByProbe[name]).toContain('no-restricted-imports');
  },
);

test('given the same undici import outside workflows/, when linted, then it is allowed', () => {
  expect(messagesByProbe['src/undici.ts']).toEqual([]);
});

test('given a floating promise outside workflows/, when linted, then no-floating-promises fails it', () => {
  expect(messagesByProbe['src/floating.ts']).toContain('@typescript-eslint/no-floating-promises');
});

test.each(['src/emulator/digitoll.ts', 'src/emulator/domain.ts'])(
  'given a file under src/emulator importing the client (%s), when linted, then no-restricted-imports fails it',
  (name) => {
    expect(messagesByProbe[name]).toContain('no-restricted-imports');
  },
);

// docker-compose.yml and the Dockerfile cannot be run here (no Docker engine): the compose file is
// validated and resolved by Debian's docker-compose (`config`), its resolved form is checked for
// the services, profile and start order this project relies on, and the Dockerfile's shape is
// checked as text. Install the tool with `apt-get install docker-compose`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { envSchema } from '../../src/config';
import { SEARCH_ATTRIBUTE_LIST } from '../../src/shared';

const ROOT = path.resolve(__dirname, '../..');
const skip = process.env.DIGITOLL_SKIP_COMPOSE_CHECK === '1';
const installed = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
const composeTest = skip ? test.skip : test;

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string | null>;
  volumes?: unknown[];
}

function compose(args: string[]): string {
  if (!installed) {
    throw new Error(
      'docker-compose is not installed: run `apt-get install -y docker-compose` (Debian) to validate ' +
        'docker-compose.yml, or set DIGITOLL_SKIP_COMPOSE_CHECK=1 to skip this check',
    );
  }
  const result = spawnSync('docker-compose', ['-f', 'docker-compose.yml', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  if (result.status !== 0) throw new Error(`docker-compose ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** The resolved configuration as JSON; PyYAML ships with docker-compose (it is written in Python). */
function resolved(args: string[] = []): { services: Record<string, Service> } {
  const yaml = compose([...args, 'config']);
  const json = execFileSync(
    'python3',
    ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    { input: yaml, encoding: 'utf8' },
  );
  return JSON.parse(json) as { services: Record<string, Service> };
}

composeTest(
  'given docker-compose.yml, then `config -q` accepts it with and without the emulator profile',
  () => {
    expect(() => compose(['config', '-q'])).not.toThrow();
    expect(() => compose(['--profile', 'emulator', 'config', '-q'])).not.toThrow();
    expect(() =>
      compose(['--env-file', 'docker/emulator.env', '--profile', 'emulator', 'config', '-q']),
    ).not.toThrow();
    expect(compose(['config', '--profiles']).trim().split('\n')).toEqual(['emulator']);
  },
);

composeTest(
  'given the resolved file, then it has every service, the emulator only under its profile, and the start order',
  () => {
    const { services } = resolved();
    expect(Object.keys(services).sort()).toEqual(
      [
        'emulator',
        'gateway',
        'postgresql',
        'temporal',
        'temporal-schema',
        'temporal-setup',
        'temporal-ui',
        'worker',
      ].sort(),
    );
    for (const [name, service] of Object.entries(services))
      expect({ name, profiles: service.profiles }).toEqual({
        name,
        profiles: name === 'emulator' ? ['emulator'] : undefined,
      });
    const completed = { condition: 'service_completed_successfully' };
    expect(services.temporal!.depends_on).toEqual({ 'temporal-schema': completed });
    expect(services['temporal-setup']!.depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    expect(services.worker!.depends_on).toEqual({ 'temporal-setup': completed });
    expect(services.gateway!.depends_on).toMatchObject({ 'temporal-setup': completed });
    expect(services['temporal-schema']!.depends_on).toEqual({ postgresql: { condition: 'service_healthy' } });
  },
);

composeTest(
  'given the resolved file, then images are pinned and our services run entries that exist in src/',
  () => {
    const { services } = resolved();
    for (const [name, service] of Object.entries(services)) {
      expect({ name, image: service.image }).toEqual({
        name,
        image: expect.stringMatching(/^[\w./-]+:[\w.-]+$/),
      });
      expect(service.image).not.toMatch(/:latest$/);
    }
    for (const name of ['worker', 'gateway', 'emulator']) {
      const entry = services[name]!.command?.[1] ?? '';
      expect(entry).toMatch(/^dist\/src\/.+\.js$/);
      const source = entry.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect({ name, source, exists: existsSync(path.join(ROOT, source)) }).toEqual({
        name,
        source,
        exists: true,
      });
    }
  },
);

composeTest(
  'given the worker and gateway environment, then every variable is one src/config.ts reads',
  () => {
    const { services } = resolved(['--env-file', 'docker/emulator.env']);
    const known = new Set(Object.keys(envSchema.shape));
    for (const name of ['worker', 'gateway']) {
      const unknown = Object.keys(services[name]!.environment ?? {}).filter((v) => !known.has(v));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
    expect(services.worker!.environment).toMatchObject({
      TEMPORAL_ADDRESS: 'temporal:7233',
      DIGITOLL_ENV: 'emulator',
      EMULATOR_URL: 'http://emulator:8099',
    });
    expect(services.gateway!.environment).toMatchObject({ GATEWAY_HOST: '0.0.0.0' });
  },
);

test('given the setup job script, then it creates exactly the search attributes of src/shared.ts', () => {
  const script = readFileSync(path.join(ROOT, 'docker/temporal/setup-namespace.sh'), 'utf8');
  const created = [...script.matchAll(/^ensure (\w+) (\w+)$/gm)].map((m) => ({ name: m[1], type: m[2] }));
  expect(created).toEqual(SEARCH_ATTRIBUTE_LIST.map(({ name, type }) => ({ name, type })));
  expect(script).toContain('temporal operator search-attribute create');
  expect(script).toContain('temporal operator namespace create');
});

test('given the Dockerfile, then it is Debian-based, prebuilds the workflow bundle and runs as a non-root user', () => {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1] ?? '';
  expect(image).toMatch(/^node:20[\w.]*-bookworm-slim$/);
  expect(dockerfile).not.toMatch(/alpine/i);
  const stages = dockerfile.split(/^FROM /m).slice(1);
  for (const stage of stages) expect(stage).toMatch(/^\$\{NODE_IMAGE\} AS [\w-]+/);
  expect(dockerfile).toMatch(/RUN npm run build && npm run build:workflows/);
  const scripts = (
    JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  expect(scripts.build).toBeDefined();
  expect(scripts['build:workflows']).toBeDefined();
  const runtime = stages[stages.length - 1]!;
  expect(runtime).toMatch(/^USER node$/m);
  expect(runtime).toContain('COPY --from=build /app/dist ./dist');
  expect(dockerfile).toMatch(/npm ci --omit=dev/);
  const cmd = /^CMD \["node", "([^"]+)"\]$/m.exec(runtime)?.[1] ?? '';
  expect(existsSync(path.join(ROOT, cmd.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
  const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
  for (const entry of ['node_modules', '.data', '.env', '*.pem']) expect(ignored).toContain(entry);
});

// docker-compose.yml and the Dockerfile cannot be run here (no Docker engine): the compose file is
// validated and resolved by Debian's docker-compose (`config`), its resolved form is checked for
// what a user needs to run it safely (refusal without settings, restart policies, loopback ports,
// healthchecks, log rotation, one Temporal version), and the Dockerfile's shape is checked as
// text. Install the tool with `apt-get install docker-compose`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { envSchema } from '../../src/config';
import { SEARCH_ATTRIBUTE_LIST } from '../../src/shared';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const skip = process.env.DIGITOLL_SKIP_COMPOSE_CHECK === '1';
const installed = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
const composeTest = skip ? test.skip : test;
const EMULATOR = ['--env-file', 'docker/emulator.env', '--profile', 'emulator'];
const KEYS = { GATEWAY_API_KEYS: 'a-key-of-my-own' };
const ONE_SHOT = ['temporal-schema', 'temporal-setup', 'dev-payload-key'];

interface Service {
  image?: string;
  command?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string | number | null>;
  ports?: string[];
  restart?: string;
  init?: boolean;
  healthcheck?: { test: string[] };
  logging?: { driver: string; options: Record<string, string> };
}

function compose(args: string[], env: Record<string, string> = {}) {
  if (!installed) {
    throw new Error(
      'docker-compose is not installed: run `apt-get install -y docker-compose` (Debian) to validate ' +
        'docker-compose.yml, or set DIGITOLL_SKIP_COMPOSE_CHECK=1 to skip this check',
    );
  }
  const files = args.includes('-f') ? [] : ['-f', 'docker-compose.yml'];
  return spawnSync('docker-compose', [...files, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
}

/** The resolved configuration as JSON; PyYAML ships with docker-compose (it is written in Python). */
function resolved(
  args = EMULATOR,
  env: Record<string, string> = KEYS,
): { services: Record<string, Service> } {
  const result = compose([...args, 'config'], env);
  if (result.status !== 0) throw new Error(`docker-compose config failed:\n${result.stderr}`);
  const json = execFileSync(
    'python3',
    ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    { input: result.stdout, encoding: 'utf8' },
  );
  return JSON.parse(json) as { services: Record<string, Service> };
}

composeTest(
  'given no settings, when a bare `config` runs, then compose refuses and names what is missing',
  () => {
    const missing = (env: Record<string, string>) => compose(['config', '-q'], env).stderr;
    expect(missing({})).toContain('set PAYLOAD_KEYS_FILE');
    expect(missing({ PAYLOAD_KEYS_FILE: '/run/secrets/payload-keys' })).toContain(
      'set MASKINPORTEN_CLIENT_ID',
    );
    const customs = { PAYLOAD_KEYS_FILE: '/k', MASKINPORTEN_CLIENT_ID: 'c', MASKINPORTEN_KEY_FILE: '/m' };
    expect(missing(customs)).toContain('set GATEWAY_API_KEYS');
    expect(compose(['config', '-q'], { ...customs, ...KEYS }).status).toBe(0);
    expect(compose([...EMULATOR, 'config', '-q'], KEYS).status).toBe(0);
    expect(compose([...EMULATOR, 'config', '-q'], {}).stderr).toContain('set GATEWAY_API_KEYS');
  },
);

composeTest('given the override example, then it validates and mounts the key files as secrets', () => {
  const files = ['-f', 'docker-compose.yml', '-f', 'docker-compose.override.example.yml'];
  const { services } = resolved([...files, ...EMULATOR]) as {
    services: Record<string, { secrets?: unknown[] }>;
  };
  expect(JSON.stringify(services.worker!.secrets)).toContain('payload-keys');
  expect(JSON.stringify(services.worker!.secrets)).toContain('maskinporten-key');
  expect(JSON.stringify(services.gateway!.secrets)).toContain('payload-keys');
});

composeTest(
  'given the resolved file, then it has every service, the emulator jobs only under the profile, and the start order',
  () => {
    const { services } = resolved();
    const profileOf: Record<string, string> = {
      emulator: 'emulator',
      'dev-payload-key': 'emulator',
      prometheus: 'metrics',
      grafana: 'metrics',
    };
    const profiled = Object.keys(profileOf);
    expect(Object.keys(services).sort()).toEqual(
      [
        'gateway',
        'postgresql',
        'temporal',
        'temporal-schema',
        'temporal-setup',
        'temporal-ui',
        'worker',
        ...profiled,
      ].sort(),
    );
    for (const [name, service] of Object.entries(services))
      expect({ name, profiles: service.profiles }).toEqual({
        name,
        profiles: profileOf[name] ? [profileOf[name]] : undefined,
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
  'given the resolved file, then services restart, rotate logs, publish on loopback only, and ours run under init with healthchecks',
  () => {
    const { services } = resolved();
    for (const [name, service] of Object.entries(services)) {
      const restart = ONE_SHOT.includes(name)
        ? name === 'temporal-schema'
          ? 'on-failure:5'
          : undefined
        : 'unless-stopped';
      expect({ name, restart: service.restart }).toEqual({ name, restart });
      expect({ name, logging: service.logging?.options }).toEqual({
        name,
        logging: { 'max-size': '10m', 'max-file': '5' },
      });
      for (const port of service.ports ?? [])
        expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:/) });
    }
    for (const name of ['worker', 'gateway', 'emulator'])
      expect({ name, init: services[name]!.init }).toEqual({ name, init: true });
    for (const name of ['worker', 'gateway', 'temporal', 'postgresql'])
      expect(services[name]!.healthcheck?.test.length).toBeGreaterThan(1);
    expect(services.worker!.healthcheck!.test).toEqual(['CMD', 'node', 'docker/worker-healthcheck.js']);
    expect(read('Dockerfile')).toContain('COPY docker/worker-healthcheck.js ./docker/');
  },
);

composeTest(
  'given the resolved file, then images are pinned, the server and admin tools share one version, and our entries exist in src/',
  () => {
    const { services } = resolved();
    for (const [name, service] of Object.entries(services)) {
      expect({ name, image: service.image }).toEqual({
        name,
        image: expect.stringMatching(/^[\w./-]+:[\w.-]+$/),
      });
      expect(service.image).not.toMatch(/:latest$/);
    }
    const version = (image: string | undefined) => /:(\d+\.\d+\.\d+)/.exec(image ?? '')?.[1];
    expect(version(services.temporal!.image)).toBe('1.29.1');
    for (const job of ['temporal-schema', 'temporal-setup'])
      expect(version(services[job]!.image)).toBe('1.29.1');
    const bumped = resolved(EMULATOR, { ...KEYS, TEMPORAL_VERSION: '1.29.2' }).services;
    for (const name of ['temporal', 'temporal-schema', 'temporal-setup'])
      expect(version(bumped[name]!.image)).toBe('1.29.2');
    for (const name of ['worker', 'gateway', 'emulator', 'dev-payload-key']) {
      // The script node runs: the first .js argument (flags such as the worker's heap caps come before it).
      const script = (services[name]!.command ?? []).find((arg) => arg.endsWith('.js')) ?? '';
      const source = script.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect({ name, source, exists: existsSync(path.join(ROOT, source)) }).toEqual({
        name,
        source,
        exists: true,
      });
    }
  },
);

composeTest(
  'given the worker and gateway environment, then every variable is one src/config.ts reads, and Temporal Cloud settings pass through',
  () => {
    const known = new Set(Object.keys(envSchema.shape));
    const { services } = resolved();
    for (const name of ['worker', 'gateway']) {
      const unknown = Object.keys(services[name]!.environment ?? {}).filter((v) => !known.has(v));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
    expect(services.worker!.environment).toMatchObject({
      TEMPORAL_ADDRESS: 'temporal:7233',
      DIGITOLL_ENV: 'emulator',
    });
    const cloud = {
      ...KEYS,
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'k',
      MASKINPORTEN_ALG: 'RS512',
    };
    const worker = resolved(EMULATOR, cloud).services.worker!.environment!;
    expect(worker).toMatchObject({
      TEMPORAL_ADDRESS: cloud.TEMPORAL_ADDRESS,
      TEMPORAL_API_KEY: 'k',
      MASKINPORTEN_ALG: 'RS512',
    });
    for (const v of [
      'TEMPORAL_TLS',
      'TEMPORAL_TLS_CLIENT_CERT_PATH',
      'DIGITOLL_SCOPE_ENTRY',
      'PAYLOAD_KEY_PRIMARY',
    ])
      expect(Object.keys(worker)).toContain(v);
    expect(services['temporal-ui']!.environment).toMatchObject({
      TEMPORAL_CODEC_ENDPOINT: 'http://127.0.0.1:8080/codec',
      TEMPORAL_CORS_ORIGINS: 'http://127.0.0.1:8233',
    });
    expect(services.gateway!.environment!.CODEC_CORS_ORIGINS).toBe('http://127.0.0.1:8233');
    expect(services.temporal!.environment!.NUM_HISTORY_SHARDS).toBe(4);
  },
);

test('given the setup job script, then it registers exactly the search attributes of src/shared.ts, waiting without a restart loop', () => {
  const listed = execFileSync('sh', ['docker/temporal/setup-namespace.sh', '--list'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', SEARCH_ATTRIBUTES_SOURCE: 'src/shared.ts' },
    encoding: 'utf8',
  });
  const created = listed
    .trim()
    .split('\n')
    .map((line) => ({ name: line.split(' ')[0], type: line.split(' ')[1] }));
  expect(created).toEqual(SEARCH_ATTRIBUTE_LIST.map(({ name, type }) => ({ name, type })));
  const script = read('docker/temporal/setup-namespace.sh');
  expect(script).toContain('temporal operator search-attribute create');
  expect(script).toMatch(/until temporal operator cluster health/);
  expect(read('docker/temporal/dynamicconfig/digitoll.yaml')).not.toMatch(
    /^system\.forceSearchAttributesCacheRefreshOnRead/m,
  );
});

test('given the Dockerfile, then it is Debian-based on Node 24, prebuilds the workflow bundle and runs as a non-root user without test packages', () => {
  const dockerfile = read('Dockerfile');
  expect(/^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1]).toMatch(/^node:24\.\d+\.\d+-bookworm-slim$/);
  expect(dockerfile).not.toMatch(/alpine/i);
  const stages = dockerfile.split(/^FROM /m).slice(1);
  for (const stage of stages) expect(stage).toMatch(/^\$\{NODE_IMAGE\} AS [\w-]+/);
  expect(dockerfile).toMatch(/RUN npm run build && npm run build:workflows/);
  const runtime = stages[stages.length - 1]!;
  expect(runtime).toMatch(/^USER node$/m);
  expect(dockerfile).toMatch(/npm ci --omit=dev/);
  const cmd = /^CMD \["node", "([^"]+)"\]$/m.exec(runtime)?.[1] ?? '';
  expect(existsSync(path.join(ROOT, cmd.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
  const ignored = read('.dockerignore').split('\n');
  for (const entry of ['node_modules', '.data', '.env', '*.pem', 'secrets']) expect(ignored).toContain(entry);
  const pkg = JSON.parse(read('package.json')) as Record<string, Record<string, string>>;
  expect(pkg.dependencies!['@temporalio/testing']).toBeUndefined();
  expect(pkg.devDependencies!['@temporalio/testing']).toBeDefined();
  expect(read('.gitattributes')).toMatch(/^\*\.sh text eol=lf$/m);
});

composeTest(
  'given the metrics profile, then Prometheus scrapes the worker, Core and the gateway on the ports they serve, with the rules and the token, and Grafana gets the dashboard',
  () => {
    const { services } = resolved([...EMULATOR, '--profile', 'metrics']) as {
      services: Record<string, Service & { volumes?: Array<string | { source: string; target: string }> }>;
    };
    const worker = services.worker!.environment!;
    expect(worker).toMatchObject({ WORKER_METRICS_HOST: '0.0.0.0', WORKER_METRICS_PORT: 9464 });
    expect(worker.WORKER_SDK_METRICS_ADDRESS).toBe('0.0.0.0:9465');
    expect(Object.keys(services.gateway!.environment!)).toContain('METRICS_TOKEN');
    const config = read('docker/prometheus/prometheus.yml');
    for (const target of ['worker:9464', 'worker:9465', 'gateway:8080'])
      expect(config).toContain(`'${target}'`);
    expect(config).toContain('credentials_file: /prometheus/metrics-token');
    expect(services.prometheus!.command!.join(' ')).toContain('/prometheus/metrics-token');
    const mounts = (name: string) => JSON.stringify(services[name]!.volumes);
    expect(mounts('prometheus')).toContain('/etc/prometheus');
    expect(mounts('grafana')).toContain('/etc/grafana/provisioning');
    expect(mounts('grafana')).toContain('/var/lib/grafana/dashboards');
    expect(read('docker/grafana/provisioning/dashboards/digitoll.yml')).toContain(
      '/var/lib/grafana/dashboards',
    );
  },
);

// The only reader of environment variables. loadConfig(env) validates everything with zod and
// fails fast with a message that names each bad variable. Every endpoint has a preset per
// DIGITOLL_ENV and can be overridden on its own (a proxy, a local fake).
import { webhookUrlProblem } from './webhook-url';
import { z } from 'zod';
import { payloadEncryptionSettings } from './codec/settings';
import { DIGITOLL_ACTIVITY_TASK_QUEUE, WORKFLOW_TASK_QUEUE } from './shared';

export const DIGITOLL_ENVIRONMENTS = ['emulator', 'test', 'prod'] as const;
export type DigitollEnvironment = (typeof DIGITOLL_ENVIRONMENTS)[number];

const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:8099';

export const ENDPOINT_PRESETS: Record<
  Exclude<DigitollEnvironment, 'emulator'>,
  { maskinportenIssuer: string; customsBase: string }
> = {
  test: { maskinportenIssuer: 'https://test.maskinporten.no/', customsBase: 'https://api-test.toll.no' },
  prod: { maskinportenIssuer: 'https://maskinporten.no/', customsBase: 'https://api.toll.no' },
};

/** "250ms", "30s", "5m", "2h" or a bare number of milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!match) return undefined;
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(match[1]) * factor);
}

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined)
        ctx.addIssue({ code: 'custom', message: 'expected a duration like 500ms, 30s, 5m or 2h' });
      return ms ?? 0;
    });
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));
const url = z.url({ message: 'expected an absolute URL (http:// or https://)' });
const port = z
  .string()
  .regex(/^\d+$/, 'expected a port number (0 to 65535; 0 picks a free one)')
  .transform(Number)
  .pipe(z.number().int().min(0).max(65535));
/** A metrics port: 0 turns the endpoint off (it never picks a free port). */
const metricsPort = z
  .string()
  .regex(/^\d+$/, 'expected a port number (1 to 65535), or 0 to turn it off')
  .transform(Number)
  .pipe(z.number().int().min(0).max(65535));
const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');
const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** The variables, their defaults and meaning (the README's configuration table is checked against this). */
export const envSchema = z.object({
  DIGITOLL_ENV: z.enum(DIGITOLL_ENVIRONMENTS).default('emulator'),
  EMULATOR_URL: url.default(DEFAULT_EMULATOR_URL),
  MASKINPORTEN_ISSUER: url
    .refine((value) => value.endsWith('/'), {
      message: "must end with '/': Maskinporten compares the grant's aud with the issuer exactly (MP-110)",
    })
    .optional(),
  MASKINPORTEN_TOKEN_URL: url.optional(),
  CUSTOMS_TOKEN_EXCHANGE_URL: url.optional(),
  DIGITOLL_BASE_URL: url.optional(),
  MASKINPORTEN_CLIENT_ID: optionalText,
  MASKINPORTEN_KEY_FILE: optionalText,
  MASKINPORTEN_CERT_FILE: optionalText,
  MASKINPORTEN_KID: optionalText,
  MASKINPORTEN_ALG: z.enum(['RS256', 'RS384', 'RS512']).default('RS256'),
  DIGITOLL_SCOPE_ROAD: z.string().default('toll:movement/road/v2'),
  DIGITOLL_SCOPE_AIR: z.string().default('toll:movement/air'),
  DIGITOLL_SCOPE_RAIL: z.string().default('toll:movement/rail'),
  DIGITOLL_SCOPE_MARITIME: z.string().default('toll:movement/maritime'),
  DIGITOLL_SCOPE_ENTRY: z.string().default('toll:movement/entry'),
  DIGITOLL_ACTIVITIES_PER_SECOND: z.coerce.number().positive().default(20),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_API_KEY: optionalText,
  TEMPORAL_TLS: bool,
  TEMPORAL_TLS_CLIENT_CERT_PATH: optionalText,
  TEMPORAL_TLS_CLIENT_KEY_PATH: optionalText,
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(WORKFLOW_TASK_QUEUE),
  DIGITOLL_TASK_QUEUE: z.string().min(1).default(DIGITOLL_ACTIVITY_TASK_QUEUE),
  WORKER_SHUTDOWN_GRACE_TIME: duration('30s'),
  WORKFLOW_BUNDLE_PATH: optionalText,
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(50),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).default(40),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).default(100),
  ROUTING_FEED_ORGANISATION: z.string().min(1).default('default'),
  ROUTING_FEED_POLL_INTERVAL: duration('60s'),
  ROUTING_FEED_ACTIVITIES_PER_SECOND: z.coerce.number().positive().default(2),
  GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
  GATEWAY_PORT: port.default(8080),
  GATEWAY_API_KEYS: list,
  GATEWAY_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  GATEWAY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  PAYLOAD_ENCRYPTION: z.enum(['on', 'off']).default('on'),
  PAYLOAD_KEYS_FILE: optionalText,
  PAYLOAD_KEYS: optionalText,
  PAYLOAD_KEY_PRIMARY: optionalText,
  CODEC_AUTH: z.enum(['api-key', 'none']).default('api-key'),
  CODEC_CORS_ORIGINS: list.prefault('http://127.0.0.1:8233,http://localhost:8233'),
  DATA_DIR: z.string().min(1).default('.data'),
  WORKER_METRICS_PORT: metricsPort.default(9464),
  WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_SDK_METRICS_ADDRESS: optionalText,
  METRICS_TOKEN: optionalText,
  METRICS_SAMPLE_INTERVAL: duration('15s'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEBHOOK_URL: optionalText,
  WEBHOOK_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters (an HMAC key; e.g. openssl rand -hex 32)',
  }),
});

export type Env = z.output<typeof envSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: Array<{ variable: string; message: string }>) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined>) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: issue.message,
      })),
    );
  }
  const e = parsed.data;
  if (Boolean(e.TEMPORAL_TLS_CLIENT_CERT_PATH) !== Boolean(e.TEMPORAL_TLS_CLIENT_KEY_PATH)) {
    throw new ConfigError([
      {
        variable: e.TEMPORAL_TLS_CLIENT_CERT_PATH
          ? 'TEMPORAL_TLS_CLIENT_KEY_PATH'
          : 'TEMPORAL_TLS_CLIENT_CERT_PATH',
        message: 'mTLS needs both TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH',
      },
    ]);
  }
  if (e.MASKINPORTEN_CERT_FILE && e.MASKINPORTEN_KID) {
    throw new ConfigError([
      {
        variable: 'MASKINPORTEN_KID',
        message: 'set either MASKINPORTEN_CERT_FILE (x5c) or MASKINPORTEN_KID, not both',
      },
    ]);
  }
  const payloadEncryption = payloadEncryptionSettings(e);
  if (payloadEncryption.problems) throw new ConfigError(payloadEncryption.problems);
  if (e.CODEC_AUTH === 'none' && e.DIGITOLL_ENV === 'prod') {
    throw new ConfigError([{ variable: 'CODEC_AUTH', message: 'cannot be none with DIGITOLL_ENV=prod' }]);
  }
  const webhookProblem = e.WEBHOOK_URL && webhookUrlProblem(e.WEBHOOK_URL, e.DIGITOLL_ENV !== 'prod');
  if (webhookProblem) throw new ConfigError([{ variable: 'WEBHOOK_URL', message: webhookProblem }]);
  if (e.WEBHOOK_URL && !e.WEBHOOK_SECRET) {
    throw new ConfigError([
      { variable: 'WEBHOOK_SECRET', message: 'required with WEBHOOK_URL (events are signed)' },
    ]);
  }
  return {
    environment: e.DIGITOLL_ENV,
    endpoints: endpointsFor(e),
    credentials: {
      clientId: e.MASKINPORTEN_CLIENT_ID,
      keyFile: e.MASKINPORTEN_KEY_FILE,
      certificateFile: e.MASKINPORTEN_CERT_FILE,
      kid: e.MASKINPORTEN_KID,
      alg: e.MASKINPORTEN_ALG,
    },
    scopes: {
      road: e.DIGITOLL_SCOPE_ROAD,
      air: e.DIGITOLL_SCOPE_AIR,
      rail: e.DIGITOLL_SCOPE_RAIL,
      maritime: e.DIGITOLL_SCOPE_MARITIME,
      entry: e.DIGITOLL_SCOPE_ENTRY,
    },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      apiKey: e.TEMPORAL_API_KEY,
      tls: e.TEMPORAL_TLS || Boolean(e.TEMPORAL_API_KEY) || Boolean(e.TEMPORAL_TLS_CLIENT_CERT_PATH),
      clientCertPath: e.TEMPORAL_TLS_CLIENT_CERT_PATH,
      clientKeyPath: e.TEMPORAL_TLS_CLIENT_KEY_PATH,
    },
    worker: {
      workflowTaskQueue: e.TEMPORAL_TASK_QUEUE,
      digitollTaskQueue: e.DIGITOLL_TASK_QUEUE,
      digitollActivitiesPerSecond: e.DIGITOLL_ACTIVITIES_PER_SECOND,
      shutdownGraceTimeMs: e.WORKER_SHUTDOWN_GRACE_TIME,
      workflowBundlePath: e.WORKFLOW_BUNDLE_PATH,
      sizing: {
        maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
        maxConcurrentWorkflowTasks: e.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
        maxConcurrentActivities: e.WORKER_MAX_CONCURRENT_ACTIVITIES,
      },
    },
    routingFeed: {
      organisation: e.ROUTING_FEED_ORGANISATION,
      pollIntervalMs: e.ROUTING_FEED_POLL_INTERVAL,
      activitiesPerSecond: e.ROUTING_FEED_ACTIVITIES_PER_SECOND,
    },
    gateway: {
      host: e.GATEWAY_HOST,
      port: e.GATEWAY_PORT,
      apiKeys: e.GATEWAY_API_KEYS,
      bodyLimitBytes: e.GATEWAY_BODY_LIMIT_BYTES,
      rateLimitPerMinute: e.GATEWAY_RATE_LIMIT_PER_MINUTE,
    },
    payloadEncryption: payloadEncryption.settings,
    codecServer: { auth: e.CODEC_AUTH, corsOrigins: e.CODEC_CORS_ORIGINS },
    metrics: {
      workerPort: e.WORKER_METRICS_PORT,
      workerHost: e.WORKER_METRICS_HOST,
      sdkAddress: e.WORKER_SDK_METRICS_ADDRESS,
      token: e.METRICS_TOKEN,
      sampleIntervalMs: e.METRICS_SAMPLE_INTERVAL,
    },
    webhooks: { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET },
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
  };
}

export type Config = ReturnType<typeof loadConfig>;

function endpointsFor(e: Env) {
  const preset =
    e.DIGITOLL_ENV === 'emulator'
      ? {
          maskinportenIssuer: `${e.EMULATOR_URL.replace(/\/$/, '')}/`,
          customsBase: e.EMULATOR_URL.replace(/\/$/, ''),
        }
      : ENDPOINT_PRESETS[e.DIGITOLL_ENV];
  const issuer = e.MASKINPORTEN_ISSUER ?? preset.maskinportenIssuer;
  const customsBase = (e.DIGITOLL_BASE_URL ?? preset.customsBase).replace(/\/$/, '');
  return {
    maskinportenIssuer: issuer,
    maskinportenTokenUrl: e.MASKINPORTEN_TOKEN_URL ?? `${issuer.replace(/\/$/, '')}/token`,
    customsTokenExchangeUrl: e.CUSTOMS_TOKEN_EXCHANGE_URL ?? `${customsBase}/api/access/external/oauth/token`,
    digitollBaseUrl: customsBase,
  };
}

/** The worker needs Maskinporten credentials; says exactly which variables are missing. */
export function requireCredentials(config: Config) {
  const { clientId, keyFile, certificateFile, kid, alg } = config.credentials;
  const problems: Array<{ variable: string; message: string }> = [];
  if (!clientId)
    problems.push({ variable: 'MASKINPORTEN_CLIENT_ID', message: 'required (your Maskinporten client id)' });
  if (!keyFile)
    problems.push({ variable: 'MASKINPORTEN_KEY_FILE', message: 'required (PKCS#8 PEM private key file)' });
  if (!certificateFile && !kid) {
    problems.push({
      variable: 'MASKINPORTEN_CERT_FILE',
      message: 'set a PEM certificate chain file, or MASKINPORTEN_KID',
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { clientId: clientId!, keyFile: keyFile!, certificateFile, kid, alg };
}

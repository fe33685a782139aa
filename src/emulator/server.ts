// startEmulator: the Digitoll + Maskinporten twin as a Fastify server that tests start in-process.
// State is in memory, or also in <dataDir>/emulator-state.json when a dataDir is given.
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAuthRoutes } from './auth-routes';
import { type EmulatorContext, createContext } from './context';
import { type DevClientCredentials, generateDevClient } from './dev-credentials';
import { registerControlRoutes } from './control';
import { registerHouseRoutes } from './houses';
import { registerMasterRoutes } from './masters';
import { registerMovementQueryRoutes } from './movement-queries';
import { registerPresentationRoutes } from './presentation';
import { registerRoutingRoute } from './routing';
import { ALL_SCOPES } from './scopes';
import { type StateKeeper, keepState, loadState } from './state-file';
import { registerTransportRoutes } from './transports';
import type { EmulatorOptions } from './types';

export interface RunningEmulator {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:40123. */
  url: string;
  /** Maskinporten's issuer: the value a grant's `aud` must carry (url + `/`). */
  issuer: string;
  /** A registered client with every scope (key pair and certificate in memory). */
  devCredentials: DevClientCredentials;
  /** Direct access to the state, for in-process tests. */
  context: EmulatorContext;
  /** The state file, when a dataDir was given. */
  stateFile?: string;
  close(): Promise<void>;
}

function formParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
}

/** Malformed JSON and other framework errors answer in Customs' 400 shape, never with a stack. */
function errorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) return reply.code(500).send({ error: 'internal error' });
    return reply.code(status).send({ validationErrors: [{ field: '', error: error.message }] });
  });
}

function devClientOf(devCredentials: DevClientCredentials) {
  return {
    clientId: devCredentials.clientId,
    certificatePem: devCredentials.certificatePem,
    keys: [{ kid: devCredentials.kid, publicKeyPem: devCredentials.publicKeyPem }],
    scopes: [...ALL_SCOPES],
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const devCredentials = options.devCredentials ?? generateDevClient();
  const ctx = createContext(options, [devClientOf(devCredentials), ...(options.clients ?? [])]);
  let keeper: StateKeeper | undefined;
  if (options.dataDir !== undefined) {
    loadState(ctx, options.dataDir);
    keeper = keepState(ctx, options.dataDir);
    ctx.changed = keeper.touch;
  }
  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });
  formParser(app);
  errorHandler(app);
  registerAuthRoutes(app, ctx);
  registerHouseRoutes(app, ctx);
  registerTransportRoutes(app, ctx);
  registerMasterRoutes(app, ctx);
  registerMovementQueryRoutes(app, ctx);
  registerPresentationRoutes(app, ctx);
  registerRoutingRoute(app, ctx);
  registerControlRoutes(app, ctx);
  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  ctx.baseUrl = address.replace(/\/$/, '');
  return {
    url: ctx.baseUrl,
    issuer: `${ctx.baseUrl}/`,
    devCredentials,
    context: ctx,
    stateFile: keeper?.path,
    close: async () => {
      await app.close();
      keeper?.flush();
    },
  };
}

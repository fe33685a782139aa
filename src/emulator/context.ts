// Everything a route of the emulator needs, in one object built by startEmulator.
import { CallLog, Faults } from './faults';
import { RoutingFeed } from './feed';
import { type Playground, loadPlayground } from './playground';
import { Store } from './store';
import { Tokens } from './tokens';
import { type EmulatorOptions, type RegisteredClient } from './types';

export interface EmulatorContext {
  /** Base URL once listening (no trailing slash); Maskinporten's issuer is this plus `/`. */
  baseUrl: string;
  now: () => number;
  playground: Playground;
  clients: Map<string, RegisteredClient>;
  tokens: Tokens;
  store: Store;
  feed: RoutingFeed;
  faults: Faults;
  calls: CallLog;
}

export function issuerOf(ctx: EmulatorContext): string {
  return `${ctx.baseUrl}/`;
}

export function createContext(options: EmulatorOptions, clients: RegisteredClient[]): EmulatorContext {
  const playground = loadPlayground(options.fixturesPath);
  return {
    baseUrl: '',
    now: options.clock ?? Date.now,
    playground,
    clients: new Map(clients.map((c) => [c.clientId, c])),
    tokens: new Tokens(options.maskinportenTokenTtlSeconds ?? 120, options.customsTokenTtlSeconds ?? 970),
    store: new Store(options.processingDelayMs ?? 0),
    feed: new RoutingFeed(playground, options.routingPlans),
    faults: new Faults(options.random ?? Math.random),
    calls: new CallLog(),
  };
}

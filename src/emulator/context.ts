// Everything a route of the emulator needs, in one object built by startEmulator.
import { CallLog, Faults } from './faults';
import { RoutingFeed } from './feed';
import { Movement } from './movement-store';
import { type Playground, loadPlayground } from './playground';
import { Store, type StoredHouse } from './store';
import { type AnswerStyle, REAL_SERVICE_STYLE } from './style';
import { Tokens } from './tokens';
import type { EmulatorOptions, RegisteredClient } from './types';

/** The switches the control API can turn while the twin runs. */
export interface Behaviour {
  style: AnswerStyle;
  autoPresentAfterMs: number | 'off';
  lookupUnavailable?: 400 | 404;
  /**
   * Shifts the clock of the transport rules, the entry status and the 72 h cancellation only
   * (tokens and processing delays keep the real clock), so a test can reach an arrival time.
   */
  borderClockOffsetMs: number;
}

export interface EmulatorContext {
  /** Base URL once listening (no trailing slash); Maskinporten's issuer is this plus `/`. */
  baseUrl: string;
  now: () => number;
  playground: Playground;
  clients: Map<string, RegisteredClient>;
  tokens: Tokens;
  store: Store;
  movement: Movement;
  feed: RoutingFeed;
  faults: Faults;
  calls: CallLog;
  behaviour: Behaviour;
  /** Called after anything that may change the state (the state file listens). */
  changed: () => void;
}

export const DEFAULT_AUTO_PRESENT_AFTER_MS = 3000;
export const DEFAULT_EXTRA_ROUTING_ITEMS_EVERY = 10;

export function issuerOf(ctx: EmulatorContext): string {
  return `${ctx.baseUrl}/`;
}

export function createContext(options: EmulatorOptions, clients: RegisteredClient[]): EmulatorContext {
  const playground = loadPlayground(options.fixturesPath);
  const store = new Store(options.processingDelayMs ?? 0);
  const feed = new RoutingFeed(playground, options.routingPlans);
  feed.extraEvery = options.extraRoutingItemsEvery ?? DEFAULT_EXTRA_ROUTING_ITEMS_EVERY;
  feed.onPublish = (item) => {
    const house = item.house && store.active(item.house);
    if (house) house.arrived = true;
  };
  return {
    baseUrl: '',
    now: options.clock ?? Date.now,
    playground,
    clients: new Map(clients.map((c) => [c.clientId, c])),
    tokens: new Tokens(
      options.maskinportenLifetimeSeconds ?? options.maskinportenTokenTtlSeconds ?? 120,
      options.tokenLifetimeSeconds ?? options.customsTokenTtlSeconds ?? 970,
    ),
    store,
    movement: new Movement(),
    feed,
    faults: new Faults(options.random ?? Math.random),
    calls: new CallLog(),
    behaviour: {
      style: { ...REAL_SERVICE_STYLE, ...options.style },
      autoPresentAfterMs: options.autoPresentAfterMs ?? DEFAULT_AUTO_PRESENT_AFTER_MS,
      lookupUnavailable: options.lookupUnavailable,
      borderClockOffsetMs: 0,
    },
    changed: () => undefined,
  };
}

/** The time at the border: the twin's clock plus the offset a test set (PUT /__emulator/clock). */
export function borderNow(ctx: EmulatorContext): number {
  return ctx.now() + ctx.behaviour.borderClockOffsetMs;
}

/** Stores a house as registered and, unless switched off, lets Customs present it `autoPresentAfterMs` after it was processed. */
export function registerHouse(ctx: EmulatorContext, house: StoredHouse, processedAt = ctx.now()): void {
  ctx.store.save(house);
  const after = ctx.behaviour.autoPresentAfterMs;
  if (after === 'off') return;
  ctx.feed.autoPresent(house.ref, processedAt + after, house.document.documentIssueDate);
}

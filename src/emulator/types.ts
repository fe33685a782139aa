// Options and data shapes of the emulator.
import type { DevClientCredentials } from './dev-credentials';
import type { Routing, RoutingControlLocation } from './model';
import type { AnswerStyle } from './style';

export type { Routing, RoutingControlLocation };

export interface HouseRef {
  documentNumber: string;
  type: string;
}

/** One step of a house's routing plan; `afterMs` counts from the arrival (or presentation). */
export interface RoutingStep {
  routing: Routing;
  afterMs?: number;
  routingControlLocation?: RoutingControlLocation;
}

/** A Maskinporten client: verified by its certificate (`x5c` grants) or its keys (`kid` grants). */
export interface RegisteredClient {
  clientId: string;
  certificatePem?: string;
  keys?: Array<{ kid: string; publicKeyPem: string }>;
  scopes: string[];
}

/** What kind of call a request is: faults, counters and the call log are keyed by it. */
export const ENDPOINT_KINDS = [
  'maskinporten-token',
  'token-exchange',
  'house-create',
  'house-replace',
  'house-delete',
  'house-validation-status',
  'transport-document-status',
  /** The documented query by key (`transport-document/status?documentNumber=&type=`): no MRN. */
  'house-lookup',
  'presentation',
  'presentation-validation-status',
  'routing',
  'test-auth',
  'transport-create',
  'transport-replace',
  'transport-delete',
  'transport-validation-status',
  /** status-with-descendants of a transport. */
  'transport-status',
  /** `transport/{mrn}/master-consignment/transport-document/status` */
  'transport-masters-status',
  /** `transport/{mrn}/house-consignment/transport-document/status` */
  'transport-houses-status',
  'master-create',
  'master-replace',
  'master-delete',
  'master-validation-status',
  /** status-with-descendants of a master. */
  'master-status',
  /** `master-consignment/{mrn}/transport-document/status` */
  'master-houses-status',
  'entry-status',
] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

export type FaultAction =
  | { type: 'status'; status: 401 | 403 | 500 | 503 }
  | { type: 'rate-limit'; retryAfterSeconds: number }
  /** Answers normally, but only after `delayMs` (beyond the client's timeout). */
  | { type: 'slow'; delayMs: number }
  /** Stores the write, then destroys the connection before answering. */
  | { type: 'drop-after-write' };

export interface FaultRule {
  endpoint: EndpointKind | '*';
  action: FaultAction;
  /** Applies to the next `count` matching calls (default 1 when no probability is given). */
  count?: number;
  /** Applies to each matching call with this probability (0..1) until cleared. */
  probability?: number;
}

export interface EmulatorOptions {
  host?: string;
  port?: number;
  /** Milliseconds from submission until a validation status is ready (404 before). Default 0. */
  processingDelayMs?: number;
  /** How answers are worded; unset fields keep the real-service style (style.ts). */
  style?: Partial<AnswerStyle>;
  /** Customs presents a registered house this long after registration; 'off': never. Default 3000. */
  autoPresentAfterMs?: number | 'off';
  /** After this many house routing items, one transport-level and one untracked item. 0: none. Default 10. */
  extraRoutingItemsEvery?: number;
  /** Makes the query by key answer this status always ("look-up unavailable"). */
  lookupUnavailable?: 400 | 404;
  /** Folder of the state file (emulator-state.json); without it the state is in memory only. */
  dataDir?: string;
  /** Lifetime of a Customs token, seconds (default 970, the documented example). */
  tokenLifetimeSeconds?: number;
  /** Lifetime of a Maskinporten token, seconds (default 120). */
  maskinportenLifetimeSeconds?: number;
  /** Older names of the two lifetimes, still accepted. */
  maskinportenTokenTtlSeconds?: number;
  customsTokenTtlSeconds?: number;
  /** Registered Maskinporten clients; development credentials are always added. */
  clients?: RegisteredClient[];
  /** Routing plan per house, keyed by `keyOf()`; overrides the playground and the default. */
  routingPlans?: Record<string, RoutingStep[]>;
  /** Path of playground.json; defaults to the copy shipped with the emulator. */
  fixturesPath?: string;
  /** Milliseconds since the epoch; injectable for tests of time rules. */
  clock?: () => number;
  /** Random source for fault probabilities (0..1). */
  random?: () => number;
  logger?: boolean;
  /** Development client credentials to register; generated when absent. */
  devCredentials?: DevClientCredentials;
}

/** The emulator's own key for a house: `{type}:{documentNumber}`. */
export function keyOf(ref: HouseRef): string {
  return `${ref.type}:${ref.documentNumber}`;
}

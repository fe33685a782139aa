// Public surface of the emulator.
export { startEmulator, type RunningEmulator } from './server';
export {
  createEmulatorControl,
  EmulatorControlError,
  type BehaviourInput,
  type BehaviourState,
  type BulkResult,
  type ClockState,
  type EmulatorControl,
  type EntryPlanInput,
  type HouseState,
  type MasterState,
  type SignalInput,
  type StyleInput,
  type TransportState,
} from './control-client';
export {
  generateDevClient,
  writeDevCredentials,
  loadOrCreateDevCredentials,
  DEV_CLIENT_ID,
  certificateToX5c,
  type DevClientCredentials,
  type DevCredentialFiles,
} from './dev-credentials';
export { workerConfigLines } from './print-config';
export { ALL_SCOPES, ENTRY_SCOPE, MODE_SCOPES } from './scopes';
export { PAGE_SIZE } from './feed';
export { CUSTOMS_OFFICES, NORWEGIAN_VEHICLES } from './movement-registers';
export {
  MALFORMATIONS,
  UNKNOWN_ROUTING,
  type Malformation,
  type RoutingItemBody,
  type RoutingItemBody as FeedItem,
} from './feed-items';
export { LEGACY_STYLE, REAL_SERVICE_STYLE, type AbsentStyle, type AnswerStyle } from './style';
export { LEGACY_OPTIONS } from './legacy';
export { STATE_FILE } from './state-file';
export { TOKEN_ROUTES } from './route-paths';
export type { CallRecord, CallSummary } from './faults';
export {
  ENDPOINT_KINDS,
  keyOf,
  type EmulatorOptions,
  type EndpointKind,
  type FaultAction,
  type FaultRule,
  type HouseRef,
  type RegisteredClient,
  type RoutingStep,
} from './types';

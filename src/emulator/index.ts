// Public surface of the emulator.
export { startEmulator, type RunningEmulator } from './server';
export {
  createEmulatorControl,
  EmulatorControlError,
  type EmulatorControl,
  type HouseState,
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
export { PAGE_SIZE, type FeedItem } from './feed';
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

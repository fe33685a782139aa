export type {
  DigitollApi,
  PresentationLevel,
  PresentationRequest,
  RequestAccepted,
  HouseKeyQuery,
  HouseStatusByKey,
} from './api';
export {
  parseRoutingItems,
  rawRoutingPageSchema,
  classifyRoutingItem,
  type SkipClass,
  type SkippedRoutingItem,
  type RoutingPage,
} from './routing-page';
export {
  readValidationStatus,
  readRequestAccepted,
  readRejection,
  readTransportDocumentStatus,
  readHouseStatusByKey,
  readPresentationStatus,
  readRoutingPageBody,
  type Reading,
} from './readers';
export { withCallSignal, currentCallSignal } from './call-signal';
export { createDigitollClient, type DigitollClientOptions, type DigitollScopes } from './client';
export type { CallObservation, CallObserver } from './http';
export {
  DigitollError,
  ValidationRejected,
  NotReady,
  Unauthorized,
  RateLimited,
  Unavailable,
  UnexpectedResponse,
  DIGITOLL_ERROR_CODES,
  isDigitollError,
  parseRetryAfter,
  type DigitollErrorCode,
} from './errors';
export { paths, MODE_BASES, STATUS_BASES, TOKEN_PATHS, presentationBody, routingPageSchema } from './paths';
export type { LevelsApi, NotificationLevel } from './levels-api';
export {
  readEntryStatus,
  readTransportDescendants,
  readMasterDescendants,
  readMasterHouseStatuses,
  type EntryStatus,
  type TransportDescendants,
  type MasterDescendants,
  type MasterHouseStatus,
} from './levels-readers';

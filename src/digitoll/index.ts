export type {
  DigitollApi,
  PresentationLevel,
  PresentationRequest,
  RequestAccepted,
  HouseLookup,
} from './api';
export {
  parseRoutingItems,
  rawRoutingPageSchema,
  type MalformedRoutingItem,
  type RoutingPage,
} from './routing-page';
export { withCallSignal, currentCallSignal } from './call-signal';
export { createDigitollClient, type DigitollClientOptions, type DigitollScopes } from './client';
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
export {
  paths,
  MODE_BASES,
  STATUS_BASES,
  TOKEN_PATHS,
  presentationBody,
  houseLookupSchema,
  routingPageSchema,
} from './paths';

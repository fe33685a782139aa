// Public surface of the client library.
export { DigitollFlow, correctionUpdateId, type DigitollFlowOptions, type StartResult } from './flow';
export {
  ActionRefused,
  ConsignmentNotFound,
  DigitollFlowError,
  InvalidDocument,
  isFlowError,
  RETRY_AFTER_SECONDS,
  TemporarilyUnavailable,
  type FlowError,
  type FlowErrorCode,
  type UnavailableCause,
} from './errors';
export {
  buildListQuery,
  SEARCH_ATTRIBUTE_KEYS,
  type ConsignmentListFilter,
  type ConsignmentSummary,
} from './list';
export {
  arrivalSchema,
  cancelSchema,
  consignmentKeySchema,
  correctionSchema,
  createConsignmentSchema,
  listFilterSchema,
  presentationSchema,
  provideMrnSchema,
  timingsSchema,
  type CorrectionRequest,
  type CreateConsignmentRequest,
  type ListFilter,
} from './schemas';
export type {
  ArrivalNotice,
  ConsignmentResult,
  ConsignmentStatus,
  ConsignmentTimings,
} from '../../workflows/messages';
export type { AcknowledgeRequest, RoutingFeedStatus } from '../../workflows/routing-feed-messages';
export { acknowledgeRoutingFeed, acknowledgeSchema, RoutingFeedReader } from './routing-feed';

// Public surface of the client library.
export { DigitollFlow, type DigitollFlowOptions, type StartResult } from './flow';
export { correctionUpdateId } from './update-ids';
export { DEFAULT_BATCH_CONCURRENCY, type StartManyOutcome } from './batch';
export {
  STATUS_VIEWS,
  summaryFromStatus,
  type StatusOptions,
  type StatusSummary,
  type StatusView,
} from './status';
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
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  SEARCH_ATTRIBUTE_KEYS,
  type ConsignmentListFilter,
  type ConsignmentPage,
  type ConsignmentSummary,
} from './list';
export {
  arrivalSchema,
  batchCreateSchema,
  cancelSchema,
  consignmentKeySchema,
  correctionSchema,
  createConsignmentSchema,
  listFilterSchema,
  MAX_BATCH_ITEMS,
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
  ConsignmentStatusSummary,
  ConsignmentTimings,
} from '../../workflows/consignment/messages';
export type { AcknowledgeRequest, RoutingFeedStatus } from '../../workflows/routing-feed/messages';
export { acknowledgeRoutingFeed, acknowledgeSchema, RoutingFeedReader } from './routing-feed';
export {
  MovementClient,
  type LevelStartResult,
  type LevelSummary,
  type MovementLevel,
  type MovementTimings,
} from './movement';
export {
  arrivalUpdateSchema,
  createMasterSchema,
  createPresentationSchema,
  createTransportSchema,
  levelListFilterSchema,
  masterCorrectionSchema,
  shipmentSchema,
  transportCorrectionSchema,
  transportKeyParamsSchema,
  MAX_SHIPMENT_ITEMS,
  type CreateMasterRequest,
  type CreatePresentationRequest,
  type CreateTransportRequest,
  type LevelListFilter,
  type ShipmentRequest,
} from './movement-schemas';
export type { ShipmentItem, ShipmentItemOutcome, ShipmentResult } from './shipment';

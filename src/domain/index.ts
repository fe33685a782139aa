export {
  TRANSPORT_DOCUMENT_TYPES,
  TRANSPORT_DOCUMENT_TYPE_CODES,
  IMPORT_PROCEDURES,
  OUTGOING_PROCEDURES,
  EXPORT_TYPES,
  TYPES_OF_PERSON,
  INCOMPLETE_REASONS,
  describeIncompleteReason,
  ROUTINGS,
  ROUTING_MEANINGS,
  ROUTING_CONTROL_LOCATIONS,
  type TransportDocumentType,
  type ImportProcedure,
  type OutgoingProcedure,
  type ExportType,
  type IncompleteReason,
  type Routing,
  type RoutingControlLocation,
} from './codes';
export { ISO_COUNTRY_CODES, isIsoCountryCode } from './countries';
export { MSG as CUSTOMS_MESSAGES, toCustomsInstant } from './fields';
export {
  houseConsignmentSchema,
  consignmentHouseLevelSchema,
  transportDocumentSchema,
  partySchema,
  addressSchema,
  placeSchema,
  houseKey,
  type HouseConsignment,
  type HouseConsignmentInput,
  type TransportDocument,
} from './house-consignment';
export { previousDocumentSchema } from './rules';
export {
  validationErrorSchema,
  validationErrorsBodySchema,
  validationErrorItemSchema,
  validationStatusSchema,
  transportDocumentStatusSchema,
  presentationValidationStatusSchema,
  requestAcceptedSchema,
  documentStatusSchema,
  isAlreadyInUse,
  type ValidationError,
  type ValidationErrorItem,
  type ValidationStatus,
  type TransportDocumentStatus,
  type PresentationValidationStatus,
  type DocumentStatus,
} from './status';
export {
  routingItemSchema,
  routingResultSchema,
  routingControlLocationOf,
  type RoutingItem,
} from './routing';
export { formatIssues, formatPath, type FormattedIssue } from './issues';

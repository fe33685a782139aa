// The twin's own copy of Customs' names and code lists, written from DOMAIN.md (sections 1 to 3).
// Nothing here comes from the client: a wrong guess there must not be confirmed here.

/** Transport modes with their notification and status API bases (DOMAIN.md section 1). */
export const MODES = ['road', 'air', 'rail', 'maritime'] as const;
export type Mode = (typeof MODES)[number];

export const MODE_VERSIONS: Readonly<Record<Mode, { base: string; statusBase: string }>> = {
  road: { base: 'road/v2', statusBase: 'road/status/v2' },
  air: { base: 'air/v1', statusBase: 'air/status/v1' },
  rail: { base: 'rail/v1', statusBase: 'rail/status/v1' },
  maritime: { base: 'maritime/v1', statusBase: 'maritime/status/v1' },
};

/** routingResult.routing values Customs documents; the twin can also publish unknown ones. */
export const ROUTINGS = ['TO_ENTRY', 'TO_CONTROL', 'ENTRY_PENDING', 'ENTRY_DENIED'] as const;
export type Routing = (typeof ROUTINGS)[number];

export const ROUTING_CONTROL_LOCATIONS = ['ON_ENTRY', 'AFTER_ENTRY'] as const;
export type RoutingControlLocation = (typeof ROUTING_CONTROL_LOCATIONS)[number];

/** IncompleteDocumentationReason codes (DOMAIN.md section 3). */
export const INCOMPLETE_REASONS = [
  'INCOMPLETE_CUDE_DOCUMENTATION',
  'INCOMPLETE_EXP_DOCUMENTATION',
  'INCOMPLETE_TRA_DOCUMENTATION',
  'INCOMPLETE_VOEC_DOCUMENTATION',
  'INCOMPLETE_GONU_DOCUMENTATION',
  'INCOMPLETE_DOCUMENTATION',
  'INCOMPLETE_CUDE_VALIDATION',
  'CANNOT_VERIFY_CUDE_DOCUMENTATION',
  'CANNOT_VERIFY_TRA_DOCUMENTATION',
] as const;
export type IncompleteReason = (typeof INCOMPLETE_REASONS)[number];

/** CL754 transport document types. */
export const DOCUMENT_TYPES = [
  'C624',
  'C625',
  'C664',
  'C665',
  'N703',
  'N704',
  'N705',
  'N714',
  'N720',
  'N722',
  'N730',
  'N740',
  'N741',
  'N750',
  'N760',
] as const;

export const IMPORT_PROCEDURES = [
  'IMMEDIATE_RELEASE_IMPORT',
  'CUSTOMS_DECLARATION',
  'TRANSIT_IMPORT',
  'TRANSIT_RELEASE',
  'IMMEDIATE_RELEASE_VOEC',
  'COLLECTIVE_RELEASE',
  'WAREHOUSE_RELEASE',
  'DOCUMENTS_NOT_OBLIGED_RELEASE',
  'ATA_CARNET',
  'TIR_CARNET',
] as const;
export const OUTGOING_PROCEDURES = ['TRA', 'EXP', 'TRE'] as const;
export const EXPORT_TYPES = ['AES_EXPORT', 'EUEIR_EXPORT', 'EIDR_EXPORT'] as const;

/** Customs' synchronous 400 wording (DOMAIN.md section 1, step 1). */
export const WORDING = {
  notNull: 'must not be null',
  notBlank: 'must not be blank',
  instant: 'invalid ISO-8601 instant in UTC (yyyy-MM-ddTHH:mm:ssZ)',
  oneOf: (values: readonly (string | number)[]) => `Must be one of [${values.join(', ')}]`,
  atLeastOne: (fields: readonly string[]) =>
    `At least one of the following fields should be non null: [${fields.join(', ')}]`,
} as const;

/** One asynchronous rejection of a FAILURE answer. */
export interface RejectionItem {
  description: string;
  pointer: { messageElementPath: string };
}

/** What a validation-status answer carries before the answer style is applied. */
export interface ValidationOutcome {
  status: 'SUCCESS' | 'FAILURE';
  mrn?: string;
  documentStatus?: 'SUCCESS' | 'INCOMPLETE';
  incompleteDocumentationReasonList?: string[];
  validationErrorList?: RejectionItem[];
}

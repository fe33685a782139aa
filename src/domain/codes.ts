// Code lists of DOMAIN.md sections 2 and 3, with human-readable meanings where operators see them.

/** CL754 transport document types. */
export const TRANSPORT_DOCUMENT_TYPES = {
  C624: 'C624 form (military goods / NATO)',
  C625: 'C625 form',
  C664: 'CN22 postal declaration',
  C665: 'CN23 postal declaration',
  N703: 'House waybill',
  N704: 'Master bill of lading',
  N705: 'Bill of lading',
  N714: 'House bill of lading',
  N720: 'CIM consignment note (rail)',
  N722: 'SMGS consignment note (rail)',
  N730: 'Road consignment note',
  N740: 'Air waybill',
  N741: 'Master air waybill',
  N750: 'Post',
  N760: 'Multimodal transport document',
} as const;
export type TransportDocumentType = keyof typeof TRANSPORT_DOCUMENT_TYPES;
export const TRANSPORT_DOCUMENT_TYPE_CODES = Object.keys(TRANSPORT_DOCUMENT_TYPES) as [
  TransportDocumentType,
  ...TransportDocumentType[],
];

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
export type ImportProcedure = (typeof IMPORT_PROCEDURES)[number];

export const OUTGOING_PROCEDURES = ['TRA', 'EXP', 'TRE'] as const;
export type OutgoingProcedure = (typeof OUTGOING_PROCEDURES)[number];

export const EXPORT_TYPES = ['AES_EXPORT', 'EUEIR_EXPORT', 'EIDR_EXPORT'] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];

/** 1 person, 2 company, 3 association. */
export const TYPES_OF_PERSON = [1, 2, 3] as const;

/** IncompleteDocumentationReason (DOMAIN.md section 3): code -> what is missing. */
export const INCOMPLETE_REASONS = {
  INCOMPLETE_CUDE_DOCUMENTATION:
    'Customs declaration reference (CUDE) is missing while the procedure is IMMEDIATE_RELEASE_IMPORT or WAREHOUSE_RELEASE',
  INCOMPLETE_EXP_DOCUMENTATION: 'Export reference (exportFromEU) is missing while outgoingProcedure is EXP',
  INCOMPLETE_TRA_DOCUMENTATION: 'Transit MRN is missing while TRANSIT_IMPORT or outgoingProcedure TRA',
  INCOMPLETE_VOEC_DOCUMENTATION: 'VOEC goods items are missing',
  INCOMPLETE_GONU_DOCUMENTATION: 'Goods number is missing for WAREHOUSE_RELEASE with GONU',
  INCOMPLETE_DOCUMENTATION: 'Other information is missing',
  INCOMPLETE_CUDE_VALIDATION:
    'The customs declaration could not be checked in TVINN (technical problem at Customs)',
  CANNOT_VERIFY_CUDE_DOCUMENTATION: 'The customs declaration id cannot be verified (delay or wrong id)',
  CANNOT_VERIFY_TRA_DOCUMENTATION: 'The transit MRN cannot be verified (delay or wrong MRN)',
} as const;
export type IncompleteReason = keyof typeof INCOMPLETE_REASONS;

/** Meaning of an INCOMPLETE reason; codes Customs adds later get a generic text instead of an error. */
export function describeIncompleteReason(code: string): string {
  return Object.prototype.hasOwnProperty.call(INCOMPLETE_REASONS, code)
    ? INCOMPLETE_REASONS[code as IncompleteReason]
    : `Information is missing (reason code ${code} is not in the known code list)`;
}

/** Routing results of the routing feed (DOMAIN.md section 1, step 6). */
export const ROUTINGS = ['TO_ENTRY', 'TO_CONTROL', 'ENTRY_PENDING', 'ENTRY_DENIED'] as const;
export type Routing = (typeof ROUTINGS)[number];

export const ROUTING_MEANINGS: Record<Routing, string> = {
  TO_ENTRY: 'May be released',
  TO_CONTROL: 'Deliver to the agreed control place at once',
  ENTRY_PENDING: 'Deficiencies to correct; hold the goods',
  ENTRY_DENIED: 'Entry denied (seized)',
};

export const ROUTING_CONTROL_LOCATIONS = ['ON_ENTRY', 'AFTER_ENTRY'] as const;
export type RoutingControlLocation = (typeof ROUTING_CONTROL_LOCATIONS)[number];

/** Role of a VOEC goods item's fiscal reference (DOMAIN.md section 2): FR5, the VOEC seller. */
export const VOEC_FISCAL_ROLES = ['FR5'] as const;

/** Largest invoiced value of one VOEC goods item, in NOK (DOMAIN.md section 2). */
export const VOEC_MAX_ITEM_VALUE_NOK = 3000;

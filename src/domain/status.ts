// Answers of the validation-status and transport-document-status endpoints (DOMAIN.md section 1,
// steps 2 and 3) and the 400 body of a POST/PUT. Loose: Customs may add fields at any time.
import { z } from 'zod';

export const validationErrorSchema = z.looseObject({ field: z.string(), error: z.string() });
export type ValidationError = z.output<typeof validationErrorSchema>;

/** The synchronous 400 body: `{validationErrors: [{field, error}]}`. */
export const validationErrorsBodySchema = z.looseObject({ validationErrors: z.array(validationErrorSchema) });

/** One asynchronous rejection item of a FAILURE. */
export const validationErrorItemSchema = z.looseObject({
  description: z.string(),
  pointer: z.looseObject({ messageElementPath: z.string().optional() }).optional(),
});
export type ValidationErrorItem = z.output<typeof validationErrorItemSchema>;

export const documentStatusSchema = z.enum(['SUCCESS', 'INCOMPLETE']);
export type DocumentStatus = z.output<typeof documentStatusSchema>;

export const validationStatusSchema = z.looseObject({
  status: z.enum(['SUCCESS', 'FAILURE']),
  mrn: z.string().optional(),
  documentStatus: documentStatusSchema.optional(),
  incompleteDocumentationReasonList: z.array(z.string()).optional(),
  validationErrorList: z.array(validationErrorItemSchema).optional(),
});
export type ValidationStatus = z.output<typeof validationStatusSchema>;

export const transportDocumentStatusSchema = z.looseObject({
  documentNumber: z.string(),
  type: z.string(),
  documentStatus: documentStatusSchema,
  incompleteDocumentationReasonList: z.array(z.string()).optional(),
});
export type TransportDocumentStatus = z.output<typeof transportDocumentStatusSchema>;

export const presentationValidationStatusSchema = z.looseObject({
  status: z.enum(['SUCCESS', 'FAILURE']),
  validationErrorList: z.array(validationErrorItemSchema).optional(),
});
export type PresentationValidationStatus = z.output<typeof presentationValidationStatusSchema>;

/** `{requestId}` of a 202. */
export const requestAcceptedSchema = z.looseObject({ requestId: z.string().min(1) });

/** Description text Customs uses when documentNumber + type is already registered. */
export function isAlreadyInUse(status: ValidationStatus): boolean {
  return (status.validationErrorList ?? []).some((e) => /already in use/i.test(e.description));
}

// Customs' "already registered" wording, on its own: workflow code reads it, and a module without
// schemas costs a workflow nothing to load (each workflow evaluates the modules it imports afresh).

/** The two wordings Customs uses when documentNumber + type is already registered (DOMAIN.md 1.2). */
const ALREADY_IN_USE = /is already in use|one or more transport documents are already submitted/i;

/** Whether one error text says the house is already registered. */
export function isAlreadyInUseText(text: string | null | undefined): boolean {
  return typeof text === 'string' && ALREADY_IN_USE.test(text);
}

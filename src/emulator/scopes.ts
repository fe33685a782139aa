// Scopes of DOMAIN.md section 4, as the emulator's Maskinporten knows them.
import type { Mode } from './model';

export const MODE_SCOPES: Record<Mode, string> = {
  road: 'toll:movement/road/v2',
  air: 'toll:movement/air',
  rail: 'toll:movement/rail',
  maritime: 'toll:movement/maritime',
};
export const ENTRY_SCOPE = 'toll:movement/entry';
export const DOCUMENT_SCOPE = 'toll:goodsdeclaration/document.write';

/** Every scope that exists at the emulator's Maskinporten. */
export const ALL_SCOPES: readonly string[] = [...Object.values(MODE_SCOPES), ENTRY_SCOPE, DOCUMENT_SCOPE];

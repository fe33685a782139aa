// The asynchronous checks Customs runs after a 202: rejections (FAILURE) against the playground's
// static data, and the INCOMPLETE reasons of DOMAIN.md section 3.
import { randomInt } from 'node:crypto';
import type { HouseConsignment, IncompleteReason, ValidationErrorItem } from '../domain';
import { isKnownDeclaration, type Playground } from './playground';

export interface Assessment {
  errors: ValidationErrorItem[];
  reasons: IncompleteReason[];
}

type HouseLevel = HouseConsignment['consignmentHouseLevel'];
const BASE = 'consignmentHouseLevel';

function failure(description: string, messageElementPath: string): ValidationErrorItem {
  return { description, pointer: { messageElementPath } };
}

function rejections(house: HouseLevel, playground: Playground): ValidationErrorItem[] {
  const errors: ValidationErrorItem[] = [];
  (house.previousDocuments ?? []).forEach((doc, i) => {
    const path = `${BASE}.previousDocuments[${i}]`;
    if (doc.typeOfReference === 'CUDE' && !isKnownDeclaration(playground, doc)) {
      errors.push(
        failure(
          `Customs declaration ${doc.declarantNumber}/${doc.declarationDate}/${doc.sequenceNumber} is unknown or invalid`,
          path,
        ),
      );
    }
    if (doc.typeOfReference === 'N820' && (doc.referenceNumber ?? '').toUpperCase().includes('INVALID')) {
      errors.push(
        failure(
          `Transit MRN ${doc.referenceNumber} is invalid or in a wrong state`,
          `${path}.referenceNumber`,
        ),
      );
    }
  });
  return errors;
}

function incompleteReasons(house: HouseLevel): IncompleteReason[] {
  const { importProcedure, outgoingProcedure } = house.importProcedure;
  const docs = house.previousDocuments ?? [];
  const has = (type: string) => docs.some((d) => d.typeOfReference === type);
  const reasons: IncompleteReason[] = [];
  if (
    (importProcedure === 'IMMEDIATE_RELEASE_IMPORT' || importProcedure === 'WAREHOUSE_RELEASE') &&
    !has('CUDE')
  ) {
    reasons.push('INCOMPLETE_CUDE_DOCUMENTATION');
  }
  if ((importProcedure === 'TRANSIT_IMPORT' || outgoingProcedure === 'TRA') && !has('N820')) {
    reasons.push('INCOMPLETE_TRA_DOCUMENTATION');
  }
  if (outgoingProcedure === 'EXP' && (house.exportFromEU?.length ?? 0) === 0) {
    reasons.push('INCOMPLETE_EXP_DOCUMENTATION');
  }
  if (importProcedure === 'IMMEDIATE_RELEASE_VOEC' && (house.goodsItem?.length ?? 0) === 0) {
    reasons.push('INCOMPLETE_VOEC_DOCUMENTATION');
  }
  return reasons;
}

export function assess(document: HouseConsignment, playground: Playground): Assessment {
  const house = document.consignmentHouseLevel;
  return { errors: rejections(house, playground), reasons: incompleteReasons(house) };
}

const MRN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** An 18-character MRN shaped like Customs' (e.g. 22NO4TU2HUD59UCBT8): year, NO, 14 characters. */
export function generateMrn(now: number): string {
  const year = String(new Date(now).getUTCFullYear() % 100).padStart(2, '0');
  let rest = '';
  for (let i = 0; i < 14; i += 1) rest += MRN_ALPHABET[randomInt(MRN_ALPHABET.length)];
  return `${year}NO${rest}`;
}

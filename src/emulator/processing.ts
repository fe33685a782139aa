// The asynchronous checks Customs runs after a 202: rejections (FAILURE) against the playground's
// static data, and the INCOMPLETE reasons of DOMAIN.md section 3.
import { randomInt } from 'node:crypto';
import type { HouseDocument } from './document';
import type { IncompleteReason, RejectionItem } from './model';
import { isKnownDeclaration, type Playground } from './playground';

export interface Assessment {
  errors: RejectionItem[];
  reasons: IncompleteReason[];
}

type HouseLevel = HouseDocument['consignmentHouseLevel'];
const BASE = 'consignmentHouseLevel';

function failure(description: string, messageElementPath: string): RejectionItem {
  return { description, pointer: { messageElementPath } };
}

function rejections(house: HouseLevel, playground: Playground): RejectionItem[] {
  const errors: RejectionItem[] = [];
  (house.previousDocuments ?? []).forEach((doc, i) => {
    const path = `${BASE}.previousDocuments[${i}]`;
    if (doc.typeOfReference === 'CUDE' && !isKnownDeclaration(playground, doc)) {
      const id = `${doc.declarantNumber}/${doc.declarationDate}/${doc.sequenceNumber}`;
      errors.push(failure(`Customs declaration ${id} is unknown or invalid`, path));
    }
    if (doc.typeOfReference === 'N820' && (doc.referenceNumber ?? '').toUpperCase().includes('INVALID')) {
      const text = `Transit MRN ${doc.referenceNumber} is invalid or in a wrong state`;
      errors.push(failure(text, `${path}.referenceNumber`));
    }
  });
  return errors;
}

function incompleteReasons(house: HouseLevel): IncompleteReason[] {
  const { importProcedure, outgoingProcedure } = house.importProcedure;
  const has = (type: string) => (house.previousDocuments ?? []).some((d) => d.typeOfReference === type);
  const reasons: IncompleteReason[] = [];
  const needsCude = importProcedure === 'IMMEDIATE_RELEASE_IMPORT' || importProcedure === 'WAREHOUSE_RELEASE';
  if (needsCude && !has('CUDE')) reasons.push('INCOMPLETE_CUDE_DOCUMENTATION');
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

export function assess(document: HouseDocument, playground: Playground): Assessment {
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

// Rules of DOMAIN.md section 2 that span several fields: previous documents (CUDE needs the three
// declaration fields, at most one per house), exportFromEU vs TRA, goods items only for VOEC,
// Norwegian identification numbers with their NO prefix.
import { z } from 'zod';
import { MSG, localDate, text } from './fields';

/** Transit MRN (N820): 18 alphanumerics. */
const TRANSIT_MRN = /^[A-Za-z0-9]{18}$/;

export const previousDocumentSchema = z
  .looseObject({
    typeOfReference: text(),
    referenceNumber: text().optional(),
    declarantNumber: text().optional(),
    declarationDate: localDate().optional(),
    sequenceNumber: z.union([text(), z.number().int()]).optional(),
  })
  .superRefine((doc, ctx) => {
    if (doc.typeOfReference === 'CUDE') {
      for (const field of ['declarantNumber', 'declarationDate', 'sequenceNumber'] as const) {
        if (doc[field] === undefined) ctx.addIssue({ code: 'custom', message: MSG.notNull, path: [field] });
      }
      return;
    }
    if (doc.referenceNumber === undefined) {
      ctx.addIssue({ code: 'custom', message: MSG.notNull, path: ['referenceNumber'] });
    } else if (doc.typeOfReference === 'N820' && !TRANSIT_MRN.test(doc.referenceNumber)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an MRN of 18 letters and digits',
        path: ['referenceNumber'],
      });
    }
  });

/** A Norwegian organisation number as Customs expects it (DOMAIN.md section 2): `NO984661185`. */
const NORWEGIAN_ID = /^NO\d{9}$/;

/**
 * What is wrong with an identification number, or undefined. `inNorway`: the party's address is in
 * Norway, so the number must be Norwegian; otherwise (a carrier or representative, whose country is
 * not in the document) only a bare 9-digit number or a malformed `NO` number is refused.
 *
 * A bare 9-digit number is refused, not completed with `NO`: the strict writer never sends a value
 * the ERP did not write. Adding the prefix would turn any 9 digits into a Norwegian number, even a
 * foreign one that lost its country code (a French SIREN has 9 digits too), and Customs would then
 * hold a wrong party without anyone having seen it; refusing costs one correction that says exactly
 * what to send.
 */
export function norwegianIdProblem(value: string, inNorway: boolean): string | undefined {
  if (NORWEGIAN_ID.test(value)) return undefined;
  const digits = value.replace(/\s/g, '');
  if (/^\d{9}$/.test(digits)) {
    return `a Norwegian organisation number is sent with the NO prefix: use NO${digits}`;
  }
  if (inNorway || /^no/i.test(value)) {
    return 'must be NO followed by the 9-digit organisation number, e.g. NO984661185';
  }
  return undefined;
}

interface HouseLevelForRules {
  importProcedure: { importProcedure: string; outgoingProcedure?: string | undefined };
  previousDocuments?: Array<{ typeOfReference: string }> | undefined;
  exportFromEU?: unknown[] | undefined;
  goodsItem?: unknown[] | undefined;
}

export function refineDocument(house: HouseLevelForRules, ctx: z.RefinementCtx): void {
  const base = ['consignmentHouseLevel'];
  const cudes = (house.previousDocuments ?? []).filter((d) => d.typeOfReference === 'CUDE');
  if (cudes.length > 1) {
    ctx.addIssue({
      code: 'custom',
      message: 'at most one previous document of type CUDE is allowed',
      path: [...base, 'previousDocuments'],
    });
  }
  if (house.importProcedure.outgoingProcedure === 'TRA' && (house.exportFromEU?.length ?? 0) > 0) {
    ctx.addIssue({
      code: 'custom',
      message: 'exportFromEU is not allowed when outgoingProcedure is TRA',
      path: [...base, 'exportFromEU'],
    });
  }
  if (
    house.importProcedure.importProcedure !== 'IMMEDIATE_RELEASE_VOEC' &&
    (house.goodsItem?.length ?? 0) > 0
  ) {
    ctx.addIssue({
      code: 'custom',
      message: 'goodsItem is only allowed when importProcedure is IMMEDIATE_RELEASE_VOEC',
      path: [...base, 'goodsItem'],
    });
  }
}

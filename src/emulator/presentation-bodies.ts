// Bodies of an explicit presentation (DOMAIN.md section 1, step 5), checked as the twin reads the
// documentation: a client-made requestId (UUID) and the office on every level, an optional
// transportMRN, and the level's identifier.
import { z } from 'zod';
import { WORDING } from './model';
import type { PresentationLevel } from './route-paths';

const required = () => z.string({ error: WORDING.notNull }).min(1, WORDING.notBlank);
const docRef = z.looseObject({ documentNumber: required(), type: required() });
const base = {
  requestId: z.uuid({ error: 'must be a UUID' }),
  customsOfficeOfPresentation: z.string({ error: WORDING.notNull }).regex(/^[A-Z]{2}\d{6}$/, {
    error: 'must be a customs office (CL141), e.g. NO351001',
  }),
  transportMRN: z.string().nullish(),
};

/** v2: `consignmentHouseLevel.transportDocumentHouseLevel`; ICS2 still accepts a top-level `referenceNumber`. */
const house = z.union([
  z.looseObject({ ...base, consignmentHouseLevel: z.looseObject({ transportDocumentHouseLevel: docRef }) }),
  z.looseObject({ ...base, referenceNumber: required() }),
]);

export const PRESENTATION_BODIES = {
  'house-consignment': house,
  'master-consignment': z.looseObject({
    ...base,
    consignmentMasterLevel: z.looseObject({ transportDocumentMasterLevel: docRef }),
  }),
  container: z.looseObject({ ...base, containerIdentificationNumber: required() }),
  receptacle: z.looseObject({ ...base, receptacleIdentificationNumber: required() }),
  'entry-summary-declaration': z.looseObject({ ...base, mrn: required() }),
} satisfies Record<PresentationLevel, z.ZodType>;

/** What a presentation names, whatever the level. */
export interface PresentationTarget {
  house?: { documentNumber: string; type?: string };
  master?: { documentNumber: string; type: string };
  container?: string;
  receptacle?: string;
  ens?: string;
}

export function targetOf(body: Record<string, unknown>): PresentationTarget {
  const b = body as {
    consignmentHouseLevel?: { transportDocumentHouseLevel: { documentNumber: string; type: string } };
    referenceNumber?: string;
    consignmentMasterLevel?: { transportDocumentMasterLevel: { documentNumber: string; type: string } };
    containerIdentificationNumber?: string;
    receptacleIdentificationNumber?: string;
    mrn?: string;
  };
  const house =
    b.consignmentHouseLevel?.transportDocumentHouseLevel ??
    (b.referenceNumber === undefined ? undefined : { documentNumber: b.referenceNumber });
  return {
    house,
    master: b.consignmentMasterLevel?.transportDocumentMasterLevel,
    container: b.containerIdentificationNumber,
    receptacle: b.receptacleIdentificationNumber,
    ens: b.mrn,
  };
}

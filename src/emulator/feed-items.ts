// Routing items as the twin stores them and as it sends them (DOMAIN.md section 1, step 6): a
// plain JSON array of `{transportDocumentHouseLevel: {referenceNumber, type}, entrySummaryDeclarationMRN,
// receptacleId, estimatedTimeOfArrival, scheduledTimeOfArrival, activeBorderTransportMeans,
// routingResult: {id, routing, documentIssueDate}, routingControlLocation}`.
import { randomBytes } from 'node:crypto';
import { type AnswerStyle, withExtras, withOptionals } from './style';
import type { HouseRef } from './types';

/**
 * Ways an injected item departs from the plain house item: a routing value not in the code list,
 * no document type, a transport-level item (no house, vehicle data), a house nobody registered,
 * every optional field `null` whatever the style.
 */
export const MALFORMATIONS = [
  'unknown-routing',
  'missing-type',
  'transport-level',
  'untracked',
  'all-null',
] as const;
export type Malformation = (typeof MALFORMATIONS)[number];

/** The routing value an `unknown-routing` item carries. */
export const UNKNOWN_ROUTING = 'TO_INSPECTION';

/** A routing item before the answer style is applied. */
export interface StoredItem {
  seq: number;
  id: string;
  house: HouseRef | null;
  routing: string;
  documentIssueDate?: string;
  entrySummaryDeclarationMRN?: string;
  receptacleId?: string;
  estimatedTimeOfArrival?: string;
  scheduledTimeOfArrival?: string;
  activeBorderTransportMeans?: Record<string, unknown>;
  routingControlLocation?: string;
  malform?: Malformation;
}

export interface RoutingItemBody {
  transportDocumentHouseLevel: { referenceNumber: string; type?: string } | null;
  routingResult: { id: string | number; routing: string; documentIssueDate?: string | null };
  [field: string]: unknown;
}

const ITEM_OPTIONALS = {
  entrySummaryDeclarationMRN: 'text',
  receptacleId: 'text',
  estimatedTimeOfArrival: 'text',
  scheduledTimeOfArrival: 'text',
  activeBorderTransportMeans: 'object',
  routingControlLocation: 'text',
} as const;

export function renderItem(item: StoredItem, style: AnswerStyle, now: number): RoutingItemBody {
  const effective: AnswerStyle = item.malform === 'all-null' ? { ...style, absent: 'null' } : style;
  const house = item.house && { referenceNumber: item.house.documentNumber, type: item.house.type };
  if (house && item.malform === 'missing-type') delete (house as { type?: string }).type;
  const result = withOptionals(
    {
      id: style.idsAsNumbers ? item.seq : item.id,
      routing: item.routing,
      documentIssueDate: item.documentIssueDate,
    },
    { documentIssueDate: 'text' },
    effective,
  );
  const body = withOptionals(
    {
      transportDocumentHouseLevel: house,
      entrySummaryDeclarationMRN: item.entrySummaryDeclarationMRN,
      receptacleId: item.receptacleId,
      estimatedTimeOfArrival: item.estimatedTimeOfArrival,
      scheduledTimeOfArrival: item.scheduledTimeOfArrival,
      activeBorderTransportMeans: item.activeBorderTransportMeans,
      routingResult: result,
      routingControlLocation: item.routingControlLocation,
    },
    ITEM_OPTIONALS,
    effective,
  );
  return withExtras(body, style, now);
}

/** Vehicle data of a transport-level item: a Norwegian truck (CL750 30, CL018 3). */
export function vehicle(): Record<string, unknown> {
  const plate = `EK${String(10_000 + (randomBytes(2).readUInt16BE() % 90_000))}`;
  return {
    identificationNumber: plate,
    typeOfIdentification: 30,
    typeOfMeansOfTransport: 30,
    countryCode: 'NO',
    modeOfTransportCode: 3,
  };
}

/** A house key nobody registered at the twin. */
export function untrackedHouse(): HouseRef {
  return { documentNumber: `UNTRACKED-${randomBytes(4).toString('hex').toUpperCase()}`, type: 'N730' };
}

/** The fields of a transport-level item: no house, a vehicle, arrival times. */
export function transportLevel(now: number): Partial<StoredItem> {
  const at = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    house: null,
    activeBorderTransportMeans: vehicle(),
    estimatedTimeOfArrival: at,
    scheduledTimeOfArrival: at,
  };
}

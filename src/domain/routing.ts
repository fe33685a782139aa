// One item of the routing feed (DOMAIN.md section 1, step 6; shape inferred from the vendor's code).
// Read tolerantly: optional fields may be null, "" or absent ("these data elements will be empty"),
// ids strings or numbers, unknown fields kept. `routingControlLocation` has been seen at either
// level; routingControlLocationOf() hides that. A parsed item parses again to itself, because the
// feed signals parsed items and the consignment workflow reads the signal with the same schema.
import { z } from 'zod';
import { ROUTINGS, ROUTING_CONTROL_LOCATIONS, type RoutingControlLocation } from './codes';
import { type FormattedIssue, formatIssues } from './issues';
import { isOneOf, idLike, optionalObject, optionalText, requiredText } from './tolerant';

/** A control location we do not know is kept as text (see isKnownControlLocation). */
const controlLocation = optionalText();

export const routingResultSchema = z.looseObject({
  id: idLike(),
  routing: z.enum(ROUTINGS),
  documentIssueDate: optionalText(),
  routingControlLocation: controlLocation,
});

export const transportDocumentHouseLevelSchema = z.looseObject({
  referenceNumber: requiredText(),
  type: requiredText(),
});

/** One house item with a known routing value; what else the feed carries is classified apart. */
export const routingItemSchema = z.looseObject({
  transportDocumentHouseLevel: transportDocumentHouseLevelSchema,
  entrySummaryDeclarationMRN: optionalText(),
  receptacleId: optionalText(),
  estimatedTimeOfArrival: optionalText(),
  scheduledTimeOfArrival: optionalText(),
  activeBorderTransportMeans: optionalObject(z.unknown()),
  routingResult: routingResultSchema,
  routingControlLocation: controlLocation,
});
export type RoutingItem = z.output<typeof routingItemSchema>;

/** ON_ENTRY, AFTER_ENTRY, or a value Customs added later (kept as sent). */
export function routingControlLocationOf(
  item: RoutingItem,
): RoutingControlLocation | (string & Record<never, never>) | undefined {
  return item.routingControlLocation ?? item.routingResult.routingControlLocation;
}

export function isKnownControlLocation(value: string | undefined): value is RoutingControlLocation {
  return isOneOf(ROUTING_CONTROL_LOCATIONS, value);
}

/** Why an element of a routing page is not applied to a house (DOMAIN.md 1.6: count, show, move on). */
export type SkipClass = 'transport-level' | 'unknown-routing' | 'unreadable';

export interface SkippedRoutingItem {
  class: SkipClass;
  /** Position on the page (0-based). */
  index: number;
  /** routingResult.id when the element has one (string or number, read as a string). */
  routingId?: string;
  /** The routing value as sent, when it is text. */
  routing?: string;
  /** At most 200 characters of redacted JSON: ids, routing, the house key and other key names only. */
  excerpt: string;
  /** Why it could not be read as a house item (bounded: at most 5, messages cut short). */
  issues: FormattedIssue[];
}

export type RoutingItemReading =
  { kind: 'item'; item: RoutingItem } | { kind: 'skipped'; skipped: SkippedRoutingItem };

/** The same item with any routing text: what tells a new routing value from an unreadable item. */
const anyRoutingItemSchema = routingItemSchema.extend({
  routingResult: routingResultSchema.extend({ routing: requiredText() }),
});

const MAX_ISSUES = 5;
const MAX_MESSAGE = 200;
const recordOf = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const textOf = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

const isBlankValue = (v: unknown) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** A house level that is null, absent or carries neither key is the mark of a transport-level signal. */
function isEmptyHouseLevel(value: unknown): boolean {
  if (isBlankValue(value)) return true;
  const house = recordOf(value);
  return house !== undefined && isBlankValue(house.referenceNumber) && isBlankValue(house.type);
}

/** Reads one element of a routing page as a house item, or says why it is skipped; never throws. */
export function classifyRoutingItem(raw: unknown, index: number): RoutingItemReading {
  const parsed = routingItemSchema.safeParse(raw);
  if (parsed.success) return { kind: 'item', item: parsed.data };
  const record = recordOf(raw);
  const result = recordOf(record?.routingResult);
  const id = idLike().safeParse(result?.id);
  const routingId = id.success ? id.data : undefined;
  const routing = textOf(result?.routing);
  let cls: SkipClass = 'unreadable';
  if (routingId !== undefined && record && isEmptyHouseLevel(record.transportDocumentHouseLevel)) {
    cls = 'transport-level';
  } else if (anyRoutingItemSchema.safeParse(raw).success) cls = 'unknown-routing';
  const issues = formatIssues(parsed.error)
    .slice(0, MAX_ISSUES)
    .map((i) => ({ path: i.path, message: i.message.slice(0, MAX_MESSAGE) }));
  return {
    kind: 'skipped',
    skipped: { class: cls, index, routingId, routing, excerpt: redactedExcerpt(raw), issues },
  };
}

/** Only the ids, the routing and the house key keep their values: anything else may be personal data. */
export function redactedExcerpt(raw: unknown, limit = 200): string {
  const record = recordOf(raw);
  if (!record)
    return JSON.stringify({ element: Array.isArray(raw) ? 'array' : raw === null ? 'null' : typeof raw });
  const result = recordOf(record.routingResult);
  const house = recordOf(record.transportDocumentHouseLevel);
  const value = (v: unknown) =>
    typeof v === 'string' ? v.slice(0, 40) : typeof v === 'number' ? v : v === null ? null : undefined;
  const kept = {
    routingResult: result
      ? { id: value(result.id), routing: value(result.routing) }
      : value(record.routingResult),
    transportDocumentHouseLevel: house
      ? { referenceNumber: value(house.referenceNumber), type: value(house.type) }
      : value(record.transportDocumentHouseLevel),
    otherKeys: Object.keys(record)
      .filter((k) => k !== 'routingResult' && k !== 'transportDocumentHouseLevel')
      .map((k) => k.slice(0, 30)),
  };
  let text = JSON.stringify(kept);
  while (text.length > limit && kept.otherKeys.length > 0) {
    kept.otherKeys.pop();
    text = JSON.stringify(kept);
  }
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

// A routing page is read element by element: an element that is not a house item we can apply (a
// transport-level signal, a routing value Customs added later, something unreadable) is classified
// and reported, never dropped in silence, and the page's last id is taken from the raw elements so
// the marker always moves past it.
import { z } from 'zod';
import {
  classifyRoutingItem,
  idLike,
  type RoutingItem,
  type SkipClass,
  type SkippedRoutingItem,
} from '../domain';
import { routingPageSchema } from './paths';

export type { SkipClass, SkippedRoutingItem };
export { classifyRoutingItem };

export interface RoutingPage {
  /** House items with a known routing value, in feed order. */
  items: RoutingItem[];
  /** Every other element up to the last id, in feed order. */
  skipped: SkippedRoutingItem[];
  /** How many elements Customs sent (a full page means more is waiting). */
  size: number;
  /** routingResult.id of the last raw element that has one (string or number, as a string): the next marker. */
  lastId?: string;
}

/** The page envelope only; each element is classified on its own below. */
export const rawRoutingPageSchema = routingPageSchema(z.unknown());

const rawIdSchema = z.looseObject({ routingResult: z.looseObject({ id: idLike() }) });

function rawIdOf(raw: unknown): string | undefined {
  const parsed = rawIdSchema.safeParse(raw);
  return parsed.success ? parsed.data.routingResult.id : undefined;
}

/**
 * Splits the elements of a page into house items and skipped elements; never throws. Only elements
 * up to the last one with an id count: the marker cannot move past trailing elements without an
 * id, so they come again with the next page and are read then (counting them now would count
 * them twice).
 */
export function parseRoutingItems(elements: readonly unknown[]): RoutingPage {
  const page: RoutingPage = { items: [], skipped: [], size: elements.length };
  let lastIndex = elements.length - 1;
  while (lastIndex >= 0 && rawIdOf(elements[lastIndex]) === undefined) lastIndex -= 1;
  if (lastIndex >= 0) page.lastId = rawIdOf(elements[lastIndex]);
  elements.slice(0, lastIndex + 1).forEach((raw, index) => {
    const reading = classifyRoutingItem(raw, index);
    if (reading.kind === 'item') page.items.push(reading.item);
    else page.skipped.push(reading.skipped);
  });
  return page;
}

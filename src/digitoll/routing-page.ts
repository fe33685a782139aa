// A routing page is read item by item: one item Customs shapes in a way we do not know yet (a new
// `routing` value, a missing `type`) must not stop the whole feed. Such an item is reported as
// malformed, and the page's last id is taken from the raw items so the marker still moves past it.
import { z } from 'zod';
import { formatIssues, routingItemSchema, type FormattedIssue, type RoutingItem } from '../domain';
import { routingPageSchema } from './paths';

/** An item that did not match routingItemSchema, with what little could be read from it. */
export interface MalformedRoutingItem {
  /** The raw routingResult.id, when the item has one. */
  routingId?: string;
  /** Its position on the page (0-based), for the log and the status. */
  index: number;
  /** The first few issues, messages cut short: the status stays small. */
  issues: FormattedIssue[];
}

export interface RoutingPage {
  /** Items that matched the schema, in feed order. */
  items: RoutingItem[];
  /** Items that did not, in feed order. */
  malformed: MalformedRoutingItem[];
  /** How many elements Customs sent (a full page means more is waiting). */
  size: number;
  /** routingResult.id of the last raw item that has one: the next marker. */
  lastId?: string;
}

const MAX_ISSUES_PER_ITEM = 5;
const MAX_MESSAGE_LENGTH = 200;

/** The page envelope only; each element is checked on its own below. */
export const rawRoutingPageSchema = routingPageSchema(z.unknown());

const rawIdSchema = z.object({
  routingResult: z.object({ id: z.union([z.string().min(1), z.number()]).transform(String) }),
});

function rawIdOf(raw: unknown): string | undefined {
  const parsed = rawIdSchema.safeParse(raw);
  return parsed.success ? parsed.data.routingResult.id : undefined;
}

/**
 * Splits the elements of a page into valid items and malformed ones; never throws. Only elements
 * up to the last one with an id count: the marker cannot move past trailing elements without an
 * id, so they come again with the next page and are read then (or never, if no id follows).
 */
export function parseRoutingItems(elements: readonly unknown[]): RoutingPage {
  const page: RoutingPage = { items: [], malformed: [], size: elements.length };
  let lastIndex = elements.length - 1;
  while (lastIndex >= 0 && rawIdOf(elements[lastIndex]) === undefined) lastIndex -= 1;
  if (lastIndex >= 0) page.lastId = rawIdOf(elements[lastIndex]);
  elements.slice(0, lastIndex + 1).forEach((raw, index) => {
    const result = routingItemSchema.safeParse(raw);
    if (result.success) page.items.push(result.data);
    else {
      const issues = formatIssues(result.error)
        .slice(0, MAX_ISSUES_PER_ITEM)
        .map((i) => ({ path: i.path, message: i.message.slice(0, MAX_MESSAGE_LENGTH) }));
      page.malformed.push({ routingId: rawIdOf(raw), index, issues });
    }
  });
  return page;
}

// Contract: every routing page Customs may send (DOMAIN.md 1.6) is read without throwing; house
// items with a known routing are applied in feed order, everything else is classified, and the
// marker always reaches the last id.
import fc from 'fast-check';
import { parseRoutingItems } from '../../src/digitoll';
import { routingControlLocationOf, routingItemSchema } from '../../src/domain';
import {
  CONTROL_LOCATIONS,
  DOCUMENT_TYPES,
  KNOWN_ROUTINGS,
  PERSONAL_MARK,
  RUNS,
  SEED,
  extras,
  id,
  instant,
  isBlank,
  mrn,
  optional,
  settings,
  unknownCode,
  vehicle,
  wire,
} from './arbitraries';

type Tag = 'house' | 'unknown-routing' | 'transport-level' | 'unreadable' | 'no-id';
interface Element {
  tag: Tag;
  raw: Record<string, unknown> | string | number | null;
}

const controlAt = fc.record({
  top: optional(fc.constantFrom(...CONTROL_LOCATIONS)),
  inner: optional(fc.constantFrom(...CONTROL_LOCATIONS)),
});

function routingElement(tag: 'house' | 'unknown-routing' | 'transport-level') {
  const routing =
    tag === 'unknown-routing' ? unknownCode(KNOWN_ROUTINGS) : fc.constantFrom(...KNOWN_ROUTINGS);
  const house = fc.record({
    referenceNumber: fc.stringMatching(/^[A-Z0-9]{1,20}$/),
    type: fc.constantFrom(...DOCUMENT_TYPES),
  });
  const houseLevel = tag === 'transport-level' ? fc.constantFrom(undefined, null, {}) : house;
  return fc
    .record({
      transportDocumentHouseLevel: houseLevel,
      entrySummaryDeclarationMRN: optional(mrn),
      receptacleId: optional(fc.stringMatching(/^[A-Z0-9]{10,29}$/)),
      estimatedTimeOfArrival: optional(instant),
      scheduledTimeOfArrival: optional(instant),
      activeBorderTransportMeans: fc.oneof(fc.constantFrom(undefined, null), vehicle),
      id,
      routing,
      documentIssueDate: optional(instant),
      control: controlAt,
      extra: extras,
    })
    .map(({ id: rid, routing: r, documentIssueDate, control, extra, ...rest }) => ({
      tag,
      raw: {
        ...extra,
        ...rest,
        routingResult: { id: rid, routing: r, documentIssueDate, routingControlLocation: control.inner },
        routingControlLocation: control.top,
      },
    }));
}

/** Wrong types or no house key, but with an id: the marker moves past them. */
const unreadable = fc
  .record({ id, ref: fc.integer(), routing: fc.constantFrom(...KNOWN_ROUTINGS) })
  .map(({ id: rid, ref, routing }) => ({
    tag: 'unreadable' as Tag,
    raw: { transportDocumentHouseLevel: { referenceNumber: ref }, routingResult: { id: rid, routing } },
  }));
const noId = fc
  .oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant({ routingResult: {} }))
  .map((raw) => ({ tag: 'no-id' as Tag, raw }));

const element: fc.Arbitrary<Element> = fc.oneof(
  { arbitrary: routingElement('house'), weight: 6 },
  { arbitrary: routingElement('unknown-routing'), weight: 1 },
  { arbitrary: routingElement('transport-level'), weight: 2 },
  { arbitrary: unreadable, weight: 1 },
  { arbitrary: noId, weight: 1 },
) as fc.Arbitrary<Element>;

const idOf = (e: Element) =>
  e.tag === 'no-id'
    ? undefined
    : String((e.raw as { routingResult: { id: string | number } }).routingResult.id);

let cases = 0;
afterAll(() => console.log(`routing pages: ${cases} generated cases checked (seed ${SEED})`));

test(`routing pages: ${RUNS} generated cases (seed ${SEED}) are read without throwing, classified in feed order, and the marker reaches the last id`, () => {
  fc.assert(
    fc.property(fc.array(element, { maxLength: 12 }), (elements) => {
      cases += 1;
      const page = parseRoutingItems(wire(elements.map((e) => e.raw)) as unknown[]);
      const ids = elements.map(idOf);
      let last = ids.length - 1;
      while (last >= 0 && ids[last] === undefined) last -= 1;
      const counted = elements.slice(0, last + 1);
      expect(page.size).toBe(elements.length);
      expect(page.lastId).toBe(last < 0 ? undefined : idOf(elements[last]!));
      const houses = counted.filter((e) => e.tag === 'house');
      expect(page.items.map((i) => i.routingResult.id)).toEqual(houses.map(idOf));
      houses.forEach((e, n) => checkHouse(e.raw as Record<string, unknown>, page.items[n]!));
      const others = counted.flatMap((e, index) => (e.tag === 'house' ? [] : [{ e, index }]));
      expect(page.skipped.map((s) => [s.index, s.class, s.routingId])).toEqual(
        others.map(({ e, index }) => [index, e.tag === 'no-id' ? 'unreadable' : e.tag, idOf(e)]),
      );
      for (const s of page.skipped) {
        expect(s.excerpt.length).toBeLessThanOrEqual(200);
        expect(s.excerpt).not.toContain(PERSONAL_MARK);
      }
    }),
    settings,
  );
});

/** What was sent is what is read: blanks undefined, values kept, ids as strings, a second read the same. */
function checkHouse(raw: Record<string, unknown>, item: ReturnType<typeof routingItemSchema.parse>) {
  const sent = raw as { transportDocumentHouseLevel: { referenceNumber: string; type: string } } & Record<
    string,
    unknown
  >;
  expect(item.transportDocumentHouseLevel).toMatchObject(sent.transportDocumentHouseLevel);
  for (const key of ['entrySummaryDeclarationMRN', 'receptacleId', 'estimatedTimeOfArrival'] as const) {
    expect(item[key]).toBe(isBlank(raw[key]) ? undefined : raw[key]);
  }
  const inner = (raw.routingResult as Record<string, unknown>).routingControlLocation;
  const top = raw.routingControlLocation;
  expect(routingControlLocationOf(item)).toBe(!isBlank(top) ? top : isBlank(inner) ? undefined : inner);
  for (const key of Object.keys(raw).filter((k) => k.startsWith('future_')))
    expect(item[key]).toEqual(raw[key]);
  expect(routingItemSchema.parse(wire(item))).toEqual(routingItemSchema.parse(wire(item)));
  expect(wire(routingItemSchema.parse(wire(item)))).toEqual(wire(item));
}

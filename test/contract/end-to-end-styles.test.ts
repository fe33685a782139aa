// Contract, end to end: consignments run through real workers against the twin while it words its
// answers in a randomly chosen style (absent, null or empty fields; SUCCESS as 200 or 202; the
// presentation status as an object or a list; unknown extra fields; routing ids as strings or
// numbers). Whatever the style, each path ends in the phase Customs' answers call for.
import fc from 'fast-check';
import { arrivedSignal, correctUpdate } from '../../workflows/consignment/messages';
import { houseOf, startHarness, waitForPhase, type Harness } from '../integration/consignment.harness';
import { SEED } from './arbitraries';

const RUNS = 12;

const styleArb = fc.record({
  absent: fc.constantFrom('absent' as const, 'null' as const, 'empty' as const),
  successStatus: fc.constantFrom(200 as const, 202 as const),
  presentationStatusShape: fc.constantFrom('object' as const, 'list' as const),
  extraFields: fc.boolean(),
  idsAsNumbers: fc.boolean(),
  presentationAnswer: fc.constantFrom('empty' as const, 'requestId' as const),
});

/** How the goods reach routing, and what routing says. */
const pathArb = fc.record({
  presented: fc.constantFrom('by Customs' as const, 'explicitly' as const),
  incomplete: fc.boolean(),
  routing: fc.constantFrom(
    ['TO_ENTRY'] as const,
    ['TO_CONTROL', 'TO_ENTRY'] as const,
    ['ENTRY_DENIED'] as const,
  ),
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

type Path = typeof pathArb extends fc.Arbitrary<infer T> ? T : never;

async function run(path: Path): Promise<string> {
  const complete = h.document({
    consignmentHouseLevel: { importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' } },
  });
  const sent = structuredClone(complete);
  if (path.incomplete) sent.consignmentHouseLevel.previousDocuments = [];
  const key = houseOf(complete);
  const steps = path.routing.map((routing, i) => ({ routing, afterMs: i * 300 }));
  await h.control.setRoutingPlan(key, steps);
  const explicit = path.presented === 'explicitly';
  const handle = await h.start(
    sent,
    explicit ? { presentation: { customsOfficeOfPresentation: 'NO351001' } } : {},
  );
  if (path.incomplete) {
    await waitForPhase(handle, 'INCOMPLETE');
    await handle.executeUpdate(correctUpdate, { args: [complete, { reason: 'add the declaration' }] });
  }
  await waitForPhase(handle, 'REGISTERED');
  if (explicit) await handle.signal(arrivedSignal, {});
  else await h.control.registerArrival(key);
  return (await handle.result()).phase;
}

test(`given ${RUNS} generated answer styles and paths (seed ${SEED}), when consignments run end to end against the twin, then each ends RELEASED or DENIED as routing says`, async () => {
  let cases = 0;
  await fc.assert(
    fc.asyncProperty(styleArb, pathArb, async (style, path) => {
      await h.control.setStyle(style);
      const phase = await run(path);
      cases += 1;
      expect(phase).toBe(path.routing.at(-1) === 'ENTRY_DENIED' ? 'DENIED' : 'RELEASED');
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  console.log(`end-to-end styles: ${cases} generated cases checked (seed ${SEED})`);
  expect(cases).toBe(RUNS);
}, 240_000);

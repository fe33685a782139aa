// "Repeated messages do not eat the signal budget": given a server that takes at most 4 signals per
// execution, an ERP posting the same arrival again and again leaves room for the routing signal
// that releases the goods (a refused update writes no history).
import { flowOf, houseOf, startHarnessOnOwnServer, waitForPhase, type Harness } from './consignment.harness';

let own: Awaited<ReturnType<typeof startHarnessOnOwnServer>>;
let h: Harness;

beforeAll(async () => {
  own = await startHarnessOnOwnServer(
    { 'history.maximumSignalsPerExecution': 4 },
    { feedPollInterval: '200ms' },
  );
  h = own.h;
}, 120_000);

afterAll(async () => {
  await own?.close();
});

test('given a server limit of 4 signals, when the arrival is posted 10 times, then one is recorded, the rest cost no history, and routing still releases the goods', async () => {
  const doc = h.document();
  const { type, documentNumber } = houseOf(doc);
  const handle = await h.start(doc);
  await waitForPhase(handle, 'REGISTERED');
  const flow = flowOf(h);
  const answers = [];
  for (let i = 0; i < 10; i++) answers.push(await flow.arrive(type, documentNumber, {}));
  expect(answers[0]).toEqual({ recorded: true });
  expect(answers.slice(1).every((a) => !a.recorded && /already recorded/.test(a.reason ?? ''))).toBe(true);

  await h.control.injectSignals([{ type, documentNumber, routing: 'TO_CONTROL' }]);
  await waitForPhase(handle, 'TO_CONTROL');
  await h.control.injectSignals([{ type, documentNumber, routing: 'TO_ENTRY' }]);
  expect((await handle.result()).phase).toBe('RELEASED');

  const events = (await handle.fetchHistory()).events ?? [];
  const signals = events.filter((e) => e.workflowExecutionSignaledEventAttributes).length;
  const updates = events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
  expect({ signals, updates }).toEqual({ signals: 2, updates: 1 });
});

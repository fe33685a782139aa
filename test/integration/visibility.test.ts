// Given consignments in several phases: the search attributes let operators list exactly the
// INCOMPLETE ones and exactly those that need attention.
import { eventually } from '../helpers/temporal';
import { startHarness, waitForPhase, type Harness } from './consignment.harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function listIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of h.client.workflow.list({ query })) ids.push(wf.workflowId);
  return ids.sort();
}

test('given INCOMPLETE, REJECTED and REGISTERED consignments, when operators filter, then each query returns exactly the expected workflows', async () => {
  const incompleteDoc = h.document({
    consignmentHouseLevel: {
      importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_IMPORT' },
      previousDocuments: [],
    },
  });
  const rejectedDoc = h.document({ consignmentHouseLevel: { goodsDescription: '' } });
  const registeredDoc = h.document();
  const [incomplete, rejected, registered] = await Promise.all([
    h.start(incompleteDoc, { erpReference: 'ERP-1' }),
    h.start(rejectedDoc),
    h.start(registeredDoc),
  ]);
  await Promise.all([
    waitForPhase(incomplete, 'INCOMPLETE'),
    waitForPhase(rejected, 'REJECTED'),
    waitForPhase(registered, 'REGISTERED'),
  ]);
  const scope = `TaskQueue = '${h.taskQueues.workflow}'`;
  const expectList = (query: string, expected: string[]) =>
    eventually(
      async () => {
        const ids = await listIds(`${scope} AND ${query}`);
        return JSON.stringify(ids) === JSON.stringify([...expected].sort()) ? ids : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 250, what: query },
    );
  await expectList(`DigitollPhase = 'INCOMPLETE'`, [incomplete.workflowId]);
  await expectList(`DigitollNeedsAttention = true`, [incomplete.workflowId, rejected.workflowId]);
  await expectList(`ErpReference = 'ERP-1'`, [incomplete.workflowId]);
  const described = await incomplete.describe();
  expect(described.typedSearchAttributes.getAll().map((p) => p.key.name)).toEqual(
    expect.arrayContaining([
      'DigitollPhase',
      'DigitollMrn',
      'DigitollDocumentNumber',
      'DigitollNeedsAttention',
    ]),
  );
  await Promise.all([incomplete, rejected, registered].map((handle) => handle.terminate('test finished')));
});

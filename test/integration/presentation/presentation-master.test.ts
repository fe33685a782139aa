// Given real workers, the dev server, the twin and the routing feed: a master presented explicitly
// tells the running houses that name it (found by DigitollMasterDocument), and a refused
// presentation parks with Customs' reason until `retry` presents again with a new requestId.
import { SEARCH_ATTRIBUTE_KEYS } from '../../../src/shared';
import { statusQuery } from '../../../workflows/consignment/messages';
import { presentationRetrySignal } from '../../../workflows/presentation/messages';
import { holdRouting, startHarness, waitForPhase, type Harness } from '../consignment.harness';
import {
  OFFICE,
  houseDocument,
  startHouse,
  startPresentation,
  waitForHousesListed,
  waitForPresentation,
} from './presentation.helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const unique = () => `${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;

test('given two running houses under a master (one configured to present itself) and a listed house that is not running, when the master is presented, then both running houses are told and follow their routing without presenting themselves, and the other is reported not tracked', async () => {
  const master = `MAWB-${unique()}`;
  const self = houseDocument('N740', `${master}-1`, master);
  const other = houseDocument('N740', `${master}-2`, master);
  // Routing comes once the presentation has told the houses (the test injects it then).
  const keys = [1, 2].map((n) => ({ type: 'N740', documentNumber: `${master}-${n}` }));
  for (const key of keys) await holdRouting(h, key);
  const presentsItself = { presentation: { customsOfficeOfPresentation: OFFICE } };
  const h1 = await startHouse(h, self, { master, extra: presentsItself });
  const h2 = await startHouse(h, other, { master });
  await waitForPhase(h1, 'REGISTERED');
  await waitForPhase(h2, 'REGISTERED');
  await waitForHousesListed(h, master, 2);

  const ghost = { type: 'N740', documentNumber: `${master}-GHOST` };
  const presentation = await startPresentation(h, {
    level: 'master-consignment',
    transportDocumentMasterLevel: { type: 'N741', documentNumber: master },
    houses: [ghost],
  });
  expect(presentation.workflowId).toBe(`pr:master-consignment:N741:${master}`);
  const result = await presentation.result();

  expect(result.phase).toBe('PRESENTED');
  const told = result.houses.map((x) => [x.documentNumber, x.source, x.outcome]).sort();
  expect(told).toEqual([
    [`${master}-1`, 'search', 'told'],
    [`${master}-2`, 'search', 'told'],
    [ghost.documentNumber, 'input', 'not-tracked'],
  ]);
  await h.control.injectSignals([
    { ...keys[0]!, routing: 'TO_ENTRY' },
    { ...keys[1]!, routing: 'TO_CONTROL' },
  ]);
  expect((await h1.result()).phase).toBe('RELEASED');
  expect((await waitForPhase(h2, 'TO_CONTROL')).routing?.routing).toBe('TO_CONTROL');
  expect((await h1.query(statusQuery)).timeline.map((t) => t.phase)).not.toContain('PRESENTING');
  // The master's POST is the only presentation Customs saw.
  expect((await h.control.calls({ endpoint: 'presentation' })).total).toBe(1);
  const attributes = (await presentation.describe()).typedSearchAttributes;
  expect(attributes.get(SEARCH_ATTRIBUTE_KEYS.masterDocument)).toBe(`N741:${master}`);
  expect(attributes.get(SEARCH_ATTRIBUTE_KEYS.documentNumber)).toBe(`N741:${master}`);
});

test("given a master Customs knows nothing of, when it is presented, then it parks REFUSED with Customs' reason; once a house under it is registered, retry presents again with a new requestId and tells that house", async () => {
  const master = `MAWB-${unique()}`;
  const presentation = await startPresentation(h, {
    level: 'master-consignment',
    transportDocumentMasterLevel: { type: 'N741', documentNumber: master },
  });

  const refused = await waitForPresentation(presentation, (s) => s.phase === 'REFUSED', 'REFUSED');
  expect(refused.needsAttention).toBe(true);
  expect(refused.refusalReason).toMatch(/Nothing to present/);
  expect(refused.needsAttentionReason).toMatch(/Nothing to present.*signal retry/);
  expect(refused.attempts).toEqual([expect.objectContaining({ outcome: 'REFUSED' })]);
  const parked = (await presentation.describe()).typedSearchAttributes;
  expect(parked.get(SEARCH_ATTRIBUTE_KEYS.phase)).toBe('REFUSED');
  expect(parked.get(SEARCH_ATTRIBUTE_KEYS.needsAttention)).toBe(true);

  const key = { type: 'N740', documentNumber: `${master}-1` };
  await holdRouting(h, key);
  const house = await startHouse(h, houseDocument('N740', key.documentNumber, master), { master });
  await waitForPhase(house, 'REGISTERED');
  await waitForHousesListed(h, master, 1);
  await presentation.signal(presentationRetrySignal);
  const result = await presentation.result();

  expect(result.phase).toBe('PRESENTED');
  const status = await waitForPresentation(presentation, (s) => s.phase === 'PRESENTED', 'PRESENTED');
  expect(status.attempts.map((a) => a.outcome)).toEqual(['REFUSED', 'SUCCESS']);
  expect(new Set(status.attempts.map((a) => a.requestId)).size).toBe(2);
  expect(status.requestId).toBe(status.attempts[1]!.requestId);
  expect(status).toMatchObject({ needsAttention: false, housesTold: 1 });
  expect(status.refusalReason).toBeUndefined();
  await h.control.injectSignals([{ ...key, routing: 'TO_ENTRY' }]);
  expect((await house.result()).phase).toBe('RELEASED');
});

// Given real workers, the dev server, the twin and the routing feed: a ground handler presents the
// playground's ENS, receptacle and container explicitly; the presentation workflow presents, polls
// (keeping one requestId through lost answers and deadlines), tells the tracked houses inside, and
// those follow the routing the feed then carries.
import { SEARCH_ATTRIBUTE_KEYS } from '../../../src/shared';
import { statusQuery } from '../../../workflows/consignment/messages';
import { pollNowSignal } from '../../../workflows/routing-feed/messages';
import {
  PRESENTATION_MEMO_KEY,
  presentationRetrySignal,
  presentationStatusQuery,
} from '../../../workflows/presentation/messages';
import { startHarness, waitForPhase, type Harness } from '../consignment.harness';
import {
  FAST_PRESENTATION,
  houseDocument,
  startHouse,
  startPresentation,
  waitForPresentation,
} from './presentation.helpers';

let h: Harness;
beforeAll(async () => {
  // The feed polls only when told to (pollNow), so a routing cannot overtake the telling and the
  // test sees each house told, then routed.
  h = await startHarness({ feedPollInterval: '1 hour' });
});
afterAll(async () => {
  await h?.close();
});

test('given HC001 and HC002 (N740) registered and tracked, when the playground ENS 23NO00000000000003 is presented, then it is PRESENTED, both houses are told, and they follow their routing: HC001 RELEASED (TO_ENTRY), HC002 TO_CONTROL', async () => {
  const hc001 = await startHouse(h, houseDocument('N740', 'HC001'));
  const hc002 = await startHouse(h, houseDocument('N740', 'HC002'));
  await waitForPhase(hc001, 'REGISTERED');
  await waitForPhase(hc002, 'REGISTERED');

  const presentation = await startPresentation(h, {
    level: 'entry-summary-declaration',
    mrn: '23NO00000000000003',
    houses: [
      { type: 'N740', documentNumber: 'HC001' },
      { type: 'N740', documentNumber: 'HC002' },
    ],
  });
  expect(presentation.workflowId).toBe('pr:entry-summary-declaration:23NO00000000000003');
  const result = await presentation.result();

  expect(result.phase).toBe('PRESENTED');
  expect(result.houses.map((x) => [x.workflowId, x.source, x.outcome])).toEqual([
    ['hc:N740:HC001', 'input', 'told'],
    ['hc:N740:HC002', 'input', 'told'],
  ]);
  const status = await presentation.query(presentationStatusQuery);
  expect(status).toMatchObject({
    housesTold: 2,
    housesFinished: 0,
    housesNotTracked: 0,
    needsAttention: false,
  });
  expect(status.attempts).toEqual([
    expect.objectContaining({ requestId: result.requestId, outcome: 'SUCCESS' }),
  ]);
  await h.feed.signal(pollNowSignal);
  expect((await hc001.result()).phase).toBe('RELEASED');
  const control = await waitForPhase(hc002, 'TO_CONTROL');
  expect(control.routing?.routing).toBe('TO_CONTROL');
  // Only the ENS was presented at Customs: no house presented itself.
  expect((await h.control.calls({ endpoint: 'presentation' })).total).toBe(1);
  const description = await presentation.describe();
  expect(description.memo?.[PRESENTATION_MEMO_KEY]).toMatchObject({
    phase: 'PRESENTED',
    requestId: result.requestId,
    housesTold: 2,
    houseCount: 2,
    attemptCount: 1,
  });
  const attributes = description.typedSearchAttributes;
  expect(attributes.get(SEARCH_ATTRIBUTE_KEYS.phase)).toBe('PRESENTED');
  expect(attributes.get(SEARCH_ATTRIBUTE_KEYS.documentNumber)).toBe('23NO00000000000003');
  expect(attributes.get(SEARCH_ATTRIBUTE_KEYS.needsAttention)).toBe(false);
  expect((await hc001.query(statusQuery)).timeline.map((t) => t.phase)).not.toContain('PRESENTING');
});

test('given the answer to the first POST is lost after Customs stored it, when the playground receptacle is presented, then the retried POST carries the same requestId (Customs answers "already used") and one attempt is PRESENTED', async () => {
  await h.control.injectFault({ endpoint: 'presentation', action: { type: 'drop-after-write' } });
  const before = (await h.control.calls({ endpoint: 'presentation' })).calls.length;

  const presentation = await startPresentation(h, {
    level: 'receptacle',
    receptacleIdentificationNumber: 'GBASFZMLBKONAUN30001001019999',
  });
  const result = await presentation.result();

  expect(result.phase).toBe('PRESENTED');
  const posts = (await h.control.calls({ endpoint: 'presentation' })).calls.slice(before);
  // 0: the stored POST whose answer was lost; 400: the retry, refused as a reuse of the same
  // requestId (a new id would have been stored and answered 200).
  expect(posts.map((c) => [c.path, c.status])).toEqual([
    ['/api/movement/presentation/v1/receptacle', 0],
    ['/api/movement/presentation/v1/receptacle', 400],
  ]);
  const status = await presentation.query(presentationStatusQuery);
  expect(status.attempts).toEqual([
    expect.objectContaining({ requestId: result.requestId, outcome: 'SUCCESS' }),
  ]);
  expect(status.houses).toEqual([]);
});

test('given the playground container JARU0000010 and HC003 (N714) listed but not running, when the container is presented, then it is PRESENTED and HC003 is reported not tracked', async () => {
  const presentation = await startPresentation(h, {
    level: 'container',
    containerIdentificationNumber: 'JARU0000010',
    houses: [{ type: 'N714', documentNumber: 'HC003' }],
  });
  const result = await presentation.result();

  expect(presentation.workflowId).toBe('pr:container:JARU0000010');
  expect(result.phase).toBe('PRESENTED');
  expect(result.houses).toEqual([
    {
      type: 'N714',
      documentNumber: 'HC003',
      workflowId: 'hc:N714:HC003',
      source: 'input',
      outcome: 'not-tracked',
    },
  ]);
  const status = await presentation.query(presentationStatusQuery);
  expect(status).toMatchObject({ housesTold: 0, housesNotTracked: 1, needsAttention: false });
});

test('given Customs validates slower than the deadline, when a presentation is sent, then it parks needing attention, and retry polls the same requestId again: one attempt, PRESENTED', async () => {
  // Customs answers 5 s after the POST, the deadline is 1 s: a slow machine that starts the
  // deadline late still parks well before the answer is ready.
  const answerAfterMs = 5_000;
  await h.control.setProcessing({ delayMs: answerAfterMs });
  try {
    const presentation = await startPresentation(h, {
      level: 'entry-summary-declaration',
      mrn: '23NO00000000000001',
      timings: { ...FAST_PRESENTATION, validationDeadline: '1s' },
    });
    const parked = await waitForPresentation(presentation, (s) => s.needsAttention, 'parked');
    expect(parked.phase).toBe('AWAITING_VALIDATION');
    expect(parked.needsAttentionReason).toMatch(/did not answer before the deadline.*signal retry/);

    // Retry once Customs has the answer (counted from its POST, on the twin's clock), so that the
    // poll after it finds it within its deadline.
    const post = (await h.control.calls({ endpoint: 'presentation' })).calls.at(-1)!;
    const left = Date.parse(post.at) + answerAfterMs + 200 - Date.now();
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    await presentation.signal(presentationRetrySignal);
    const result = await presentation.result();

    expect(result.phase).toBe('PRESENTED');
    const status = await presentation.query(presentationStatusQuery);
    expect(status.attempts).toEqual([
      expect.objectContaining({ requestId: parked.requestId, outcome: 'SUCCESS' }),
    ]);
    expect(status.needsAttention).toBe(false);
  } finally {
    await h.control.setProcessing({ delayMs: 0 });
  }
});

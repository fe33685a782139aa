// ERP requests cannot set a retry policy that drains the Customs budget, and a correction sent
// without an Idempotency-Key still has a stable key.
import { correctionUpdateId, createConsignmentSchema } from '../../src/client';
import { defaultCorrectionKey } from '../../src/client/flow';
import { durationMs, TIMING_FLOORS_MS } from '../../src/client/schemas';
import { sampleHouseConsignment } from '../fixtures/documents';

const request = (timings: Record<string, unknown>) => ({
  mode: 'road',
  consignment: sampleHouseConsignment(),
  timings,
});

test('given durations in every admitted form, when read, then they are milliseconds', () => {
  expect(durationMs(250)).toBe(250);
  expect(durationMs('2s')).toBe(2_000);
  expect(durationMs('1.5 minutes')).toBe(90_000);
  expect(durationMs('30 days')).toBe(30 * 86_400_000);
  expect(durationMs('10ms')).toBe(10);
});

test('given a 1 ms poll interval from an ERP, when validated, then it is refused with the floor and the reason', () => {
  const parsed = createConsignmentSchema.safeParse(request({ pollInitialInterval: 1 }));
  expect(parsed.success).toBe(false);
  const issue = parsed.error!.issues[0]!;
  expect(issue.path).toEqual(['timings', 'pollInitialInterval']);
  expect(issue.message).toMatch(/at least 1000 ms.*Customs budget/);
});

test.each(Object.entries(TIMING_FLOORS_MS))(
  'given %s just under its floor, when validated, then it is refused; at the floor it is accepted',
  (name, floor) => {
    expect(createConsignmentSchema.safeParse(request({ [name]: floor - 1 })).success).toBe(false);
    expect(createConsignmentSchema.safeParse(request({ [name]: floor })).success).toBe(true);
  },
);

test('given a backoff of 1, when validated, then it is refused (a constant interval never backs off)', () => {
  expect(createConsignmentSchema.safeParse(request({ pollBackoff: 1 })).success).toBe(false);
  expect(createConsignmentSchema.safeParse(request({ pollBackoff: 1.5 })).success).toBe(true);
});

test('given the same correction twice without a key, when keyed, then both get one update id; another reason gets another', () => {
  const doc = sampleHouseConsignment();
  const first = correctionUpdateId(defaultCorrectionKey(doc, 'add CUDE'));
  expect(correctionUpdateId(defaultCorrectionKey(structuredClone(doc), 'add CUDE'))).toBe(first);
  expect(correctionUpdateId(defaultCorrectionKey(doc, 'another reason'))).not.toBe(first);
  expect(first).toMatch(/^correct:sha256:[0-9a-f]{64}$/);
});

// The files in examples/ are what a newcomer runs first: each must pass the shared schemas, and the
// emulator's own checks must give the outcome the examples' README promises (one INCOMPLETE).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createConsignmentSchema } from '../../src/client/schemas';
import { formatIssues, houseConsignmentSchema, houseKey } from '../../src/domain';
import { assess } from '../../src/emulator/processing';
import { loadPlayground } from '../../src/emulator/playground';
import { MODES } from '../../src/shared';

const DIR = path.resolve(__dirname, '../../examples');
const read = (name: string): unknown => JSON.parse(readFileSync(path.join(DIR, name), 'utf8'));
const submissions = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.includes('correction'));
const playground = loadPlayground();

function parseSubmission(name: string) {
  const parsed = createConsignmentSchema.safeParse(read(name));
  if (!parsed.success) throw new Error(`${name}: ${JSON.stringify(formatIssues(parsed.error))}`);
  return parsed.data;
}

test('given examples/, then there is exactly one submission per transport mode', () => {
  const modes = submissions.map((name) => parseSubmission(name).mode).sort();
  expect(modes).toEqual([...MODES].sort());
});

test.each(submissions)('given %s, then it passes the create schema with a unique house key', (name) => {
  const { consignment } = parseSubmission(name);
  const keys = submissions.map((other) => houseKey(parseSubmission(other).consignment).documentNumber);
  expect(keys.filter((k) => k === houseKey(consignment).documentNumber)).toHaveLength(1);
});

test('given the emulator rules, then only air.json comes back INCOMPLETE (missing CUDE) and nothing is rejected', () => {
  const outcomes = Object.fromEntries(
    submissions.map((name) => [name, assess(parseSubmission(name).consignment, playground)]),
  );
  for (const [name, outcome] of Object.entries(outcomes)) {
    expect({ name, errors: outcome.errors }).toEqual({ name, errors: [] });
    expect({ name, reasons: outcome.reasons }).toEqual({
      name,
      reasons: name === 'air.json' ? ['INCOMPLETE_CUDE_DOCUMENTATION'] : [],
    });
  }
});

test('given air-correction.json, then it is a whole document with the same key that completes air.json', () => {
  const parsed = houseConsignmentSchema.safeParse(read('air-correction.json'));
  expect(parsed.success ? [] : formatIssues(parsed.error)).toEqual([]);
  const correction = parsed.data!;
  expect(houseKey(correction)).toEqual(houseKey(parseSubmission('air.json').consignment));
  expect(assess(correction, playground)).toEqual({ errors: [], reasons: [] });
});

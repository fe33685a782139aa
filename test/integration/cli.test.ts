// Given the real dev server, workers and the emulator: each CLI command's success output, failure
// output and exit code, called in-process through runCli with the client library underneath.
import { readFile } from 'node:fs/promises';
import type { ConsignmentStatus } from '../../workflows/consignment/messages';
import { eventually, SETTLE_MS } from '../helpers/temporal';
import { startCliHarness, type CliHarness } from './cli.harness';

let t: CliHarness;
beforeAll(async () => {
  t = await startCliHarness();
});
afterAll(async () => {
  await t?.close();
});

async function waitForPhase(type: string, documentNumber: string, phase: string): Promise<ConsignmentStatus> {
  return eventually(
    async () => {
      const run = await t.cli('status', type, documentNumber, '--json');
      const status = run.code === 0 ? (JSON.parse(run.stdout) as ConsignmentStatus) : undefined;
      return status?.phase === phase ? status : undefined;
    },
    { timeoutMs: SETTLE_MS, what: `${type} ${documentNumber} in ${phase}` },
  );
}

test('given the road example, when submitted twice, then it starts once, exits 0 and status shows REGISTERED with the MRN', async () => {
  const { documentNumber, files } = await t.examples('road.json');
  const first = await t.cli('submit', files[0]!);
  expect(first).toMatchObject({ code: 0, stderr: '' });
  expect(first.stdout).toContain(`Started N730 ${documentNumber} (road), workflow hc:N730:${documentNumber}`);
  const again = await t.cli('submit', files[0]!, '--json');
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ created: false, workflowId: `hc:N730:${documentNumber}` });

  const registered = await waitForPhase('N730', documentNumber, 'REGISTERED');
  const human = await t.cli('status', 'N730', documentNumber);
  expect(human.code).toBe(0);
  expect(human.stdout).toMatch(/Phase:\s+REGISTERED/);
  expect(human.stdout).toContain(`MRN:         ${registered.mrn}`);
  expect(human.stdout).toContain('ERP ref:     ERP-ROAD-0001');
  expect(human.stdout).toContain(`digitoll-flow arrive N730 ${documentNumber}`);
});

test('given the INCOMPLETE air example, when corrected with an idempotency key twice and arrived at an office, then the correction applies once and it is RELEASED', async () => {
  const { documentNumber, files } = await t.examples('air.json', 'air-correction.json');
  const [submission, correction] = files as [string, string];
  expect((await t.cli('submit', submission)).code).toBe(0);
  await waitForPhase('N703', documentNumber, 'INCOMPLETE');

  const incomplete = await t.cli('status', 'N703', documentNumber);
  expect(incomplete.stdout).toMatch(/Phase:\s+INCOMPLETE\s+\*\* needs attention \*\*/);
  expect(incomplete.stdout).toContain(
    '- INCOMPLETE_CUDE_DOCUMENTATION: Customs declaration reference (CUDE) is missing',
  );
  expect(incomplete.stdout).toContain(
    `digitoll-flow correct N703 ${documentNumber} <corrected.json> --reason`,
  );

  const args = [
    'correct',
    'N703',
    documentNumber,
    correction,
    '--reason',
    'add the CUDE',
    '--idempotency-key',
  ];
  const corrected = await t.cli(...args, `fix-${documentNumber}`);
  expect(corrected).toMatchObject({ code: 0, stderr: '' });
  expect(corrected.stdout).toContain(`Correction accepted: N703 ${documentNumber} is now at revision 2.`);
  const repeated = await t.cli(...args, `fix-${documentNumber}`, '--json');
  expect(JSON.parse(repeated.stdout)).toEqual({ type: 'N703', documentNumber, revision: 2 });

  await waitForPhase('N703', documentNumber, 'REGISTERED');
  const arrived = await t.cli('arrive', 'N703', documentNumber, '--office', 'NO351001');
  expect(arrived.code).toBe(0);
  expect(arrived.stdout).toContain(`Arrival recorded for N703 ${documentNumber} at NO351001.`);
  const released = await waitForPhase('N703', documentNumber, 'RELEASED');
  expect(released.revision).toBe(2);
  expect((await t.cli('status', 'N703', documentNumber)).stdout).toContain('Nothing left to do');
});

test('given consignments in INCOMPLETE, when listed by phase and by needs-attention, then the table and JSON include them', async () => {
  const { documentNumber, files } = await t.examples('air.json');
  await t.cli('submit', files[0]!, '--erp-reference', `LIST-${documentNumber}`);
  await waitForPhase('N703', documentNumber, 'INCOMPLETE');
  const table = await eventually(async () => {
    const run = await t.cli('list', '--phase', 'INCOMPLETE');
    return run.stdout.includes(documentNumber) ? run : undefined;
  });
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/^TYPE\s+DOCUMENT\s+PHASE\s+MRN\s+ATTENTION\s+ERP REF/);
  expect(table.stdout).toMatch(
    new RegExp(`N703\\s+${documentNumber}\\s+INCOMPLETE\\s+\\w{18}\\s+yes\\s+LIST-`),
  );
  const json = await eventually(async () => {
    const run = await t.cli(
      'list',
      '--needs-attention',
      '--erp-reference',
      `LIST-${documentNumber}`,
      '--json',
    );
    const page = JSON.parse(run.stdout) as {
      items: Array<{ documentNumber: string; needsAttention: boolean }>;
    };
    const rows = page.items;
    return rows.length === 1 ? rows : undefined;
  });
  expect(json[0]).toMatchObject({ documentNumber, needsAttention: true, phase: 'INCOMPLETE' });
});

test('given no matching consignments, when listed, then it says so and exits 0; a bad phase exits 2 listing the allowed ones', async () => {
  const none = await t.cli('list', '--erp-reference', 'NO-SUCH-ERP-REFERENCE');
  expect(none).toMatchObject({ code: 0, stdout: 'No consignments match.\n' });
  const bad = await t.cli('list', '--phase', 'FLYING');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('phase: must be one of [SUBMITTING, AWAITING_VALIDATION');
});

test('given an unknown consignment, when status, correct, arrive, cancel or retry is asked, then each exits 1 naming it', async () => {
  const { files } = await t.examples('air-correction.json');
  const runs = [
    await t.cli('status', 'N730', 'NO-SUCH-HOUSE'),
    await t.cli('arrive', 'N730', 'NO-SUCH-HOUSE'),
    await t.cli('cancel', 'N730', 'NO-SUCH-HOUSE', '--reason', 'test'),
    await t.cli('retry', 'N730', 'NO-SUCH-HOUSE'),
  ];
  for (const run of runs)
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: 'error: No consignment N730 NO-SUCH-HOUSE\n' });
  const json = await t.cli('status', 'N730', 'NO-SUCH-HOUSE', '--json');
  expect(JSON.parse(json.stderr)).toEqual({
    error: { code: 'CONSIGNMENT_NOT_FOUND', message: 'No consignment N730 NO-SUCH-HOUSE' },
  });
  // The correction's own key differs from the one named: refused before anything is sent.
  const mismatch = await t.cli('correct', 'N730', 'NO-SUCH-HOUSE', files[0]!, '--reason', 'x');
  expect(mismatch.code).toBe(2);
  expect(mismatch.stderr).toContain('documentNumber and type cannot change');
});

test('given a REGISTERED consignment before the border, when a correction is sent, then it is accepted (exit 0) and PUT once; a correction of another house is refused with exit 2', async () => {
  const { documentNumber, files } = await t.examples('road.json');
  await t.cli('submit', files[0]!);
  await waitForPhase('N730', documentNumber, 'REGISTERED');
  const envelope = JSON.parse(await readFile(files[0]!, 'utf8')) as { consignment: unknown };
  const document = await t.file('document.json', JSON.stringify(envelope.consignment));
  const accepted = await t.cli('correct', 'N730', documentNumber, document, '--reason', 'add CUDE');
  expect(accepted).toMatchObject({ code: 0, stderr: '' });
  expect(accepted.stdout).toContain(`N730 ${documentNumber} is now at revision 2`);
  await eventually(
    async () =>
      (await t.h.control.calls({ house: { type: 'N730', documentNumber } })).byEndpoint['house-replace'] ===
        1 || undefined,
    { timeoutMs: SETTLE_MS, intervalMs: 200, what: 'one PUT' },
  );
  const other = await t.cli('correct', 'N730', `${documentNumber}-OTHER`, document, '--reason', 'x');
  expect(other.code).toBe(2);
});

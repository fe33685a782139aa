// The crash campaign: N consignments through worker, gateway and the Customs twin as separate
// processes, with the twin's faults on and Customs presenting the goods by itself. A baseline pass
// first (no kills), then the chaos pass on a fresh stack: the worker SIGKILLed at random moments
// and started again at once, the Temporal dev server restarted once on the same SQLite file.
// Prints what was lost (neither final nor parked with a reason), duplicated at the twin, the
// drain time after the last kill and REGISTERED -> RELEASED p50/p95 with and without kills; exits
// 1 when anything was lost or duplicated. Loopback only; bounded by --max-minutes.
// Usage: npm run bench:chaos [-- --count 200 --kill-every 10 --max-minutes 20 --correct-every 10
//        --send-seconds 220 --keep-data]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCacheRoot, provisionTemporalCli } from '../src/dev/temporal-cli';
import { percentile } from './chaos/observe';
import { runPass, type PassResult } from './chaos/pass';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    'kill-every': { type: 'string', default: '10' },
    'max-minutes': { type: 'string', default: '20' },
    'correct-every': { type: 'string', default: '10' },
    /** Default: three kill intervals, so even a small campaign has work in flight at its kills. */
    'send-seconds': { type: 'string' },
    'keep-data': { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const killEvery = Number(values['kill-every']);
const maxMinutes = Number(values['max-minutes']);
const correctEvery = Number(values['correct-every']);
// Long enough by default for about twenty kills while consignments are in flight.
const sendSeconds = Number(values['send-seconds'] ?? killEvery * 22);
for (const [name, value] of Object.entries({ count, killEvery, maxMinutes })) {
  if (!(value > 0)) throw new Error(`--${name} must be a positive number`);
}

// Through process.exit, so the services' exit hooks kill every process this campaign started.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

const started = Date.now();
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
const seconds = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);
const list = (items: string[]) => (items.length ? `${items.length} (${items.slice(0, 10).join(', ')})` : '0');

function printPass(r: PassResult): void {
  const o = r.outcome;
  console.log(`\n${r.name} pass (${seconds(r.wallMs)}${r.timedOut ? ', stopped at --max-minutes' : ''})`);
  console.log(`  RELEASED                     ${o.released}/${count}`);
  console.log(
    `  other final phases           ${o.otherFinal.map((x) => `${x.documentNumber} ${x.phase}`).join(', ') || '0'}`,
  );
  console.log(`  parked with a reason         ${o.parked.length}`);
  for (const p of o.parked.slice(0, 10)) console.log(`    ${p.documentNumber} ${p.phase}: ${p.reason}`);
  console.log(`  LOST                         ${o.lost.length}`);
  for (const l of o.lost.slice(0, 20)) console.log(`    ${l.documentNumber} ${l.phase}, last: ${l.last}`);
  console.log(`  worker kills                 ${r.counters.kills}`);
  console.log(`  Temporal restarts            ${r.counters.temporalRestarts}`);
  console.log(`  services that died by themselves ${r.counters.unexpectedExits}`);
  if (r.workerReadyMs.length)
    console.log(
      `  new worker polling after     p50 ${seconds(percentile(r.workerReadyMs, 50))}, max ${seconds(Math.max(...r.workerReadyMs))}`,
    );
  console.log(`  drain after the last kill    ${seconds(r.drainMs)}`);
  console.log(`  houses registered twice      ${list(r.twin.registeredTwice)}`);
  console.log(`  POST repeated after an answer ${list(r.twin.repeatedCreates)}`);
  console.log(
    `  POSTs ${r.twin.creates} (answers dropped by the twin ${r.twin.droppedAnswers}), PUTs ${r.twin.puts}`,
  );
  console.log(`  PUTs beyond corrections sent ${list(r.twin.duplicatePuts)}`);
  if (!r.twin.logComplete) console.log('  (the twin call log overflowed: repeats may be undercounted)');
  console.log(`  corrections accepted         ${r.correctionsAccepted}`);
  console.log(
    `  start -> RELEASED            p50 ${seconds(percentile(o.startToReleaseMs, 50))}, p95 ${seconds(percentile(o.startToReleaseMs, 95))}`,
  );
  console.log(
    `  REGISTERED -> RELEASED       p50 ${seconds(percentile(o.durationsMs, 50))}, p95 ${seconds(percentile(o.durationsMs, 95))} (${o.durationsMs.length} consignments)`,
  );
}

function failures(r: PassResult): number {
  const t = r.twin;
  return r.outcome.lost.length + t.registeredTwice.length + t.repeatedCreates.length + t.duplicatePuts.length;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'digitoll-chaos-'));
  const deadline = started + maxMinutes * 60_000;
  const cli = await provisionTemporalCli({
    searchPath: process.env.PATH,
    cacheRoot: defaultCacheRoot(process.env),
    log,
  });
  log(
    `${count} consignments per pass sent over ${sendSeconds} s, worker SIGKILL every ~${killEvery} s, at most ${maxMinutes} min, data in ${dataDir}`,
  );
  const common = { count, correctEvery, sendSeconds, cliPath: cli.path, dataDir, log };
  const results: PassResult[] = [];
  try {
    // The baseline may use at most 40% of the time, so the chaos pass always runs.
    const baselineDeadline = started + maxMinutes * 60_000 * 0.4;
    results.push(
      await runPass({ ...common, name: 'baseline', killEverySeconds: 0, deadline: baselineDeadline }),
    );
    results.push(await runPass({ ...common, name: 'chaos', killEverySeconds: killEvery, deadline }));
  } catch (error) {
    console.error(`stopped: ${String(error)}; logs kept in ${dataDir}`);
    throw error;
  }
  for (const r of results) printPass(r);
  console.log('');
  for (const [label, pick] of [
    ['REGISTERED -> RELEASED', (r: PassResult) => r.outcome.durationsMs],
    ['start -> RELEASED', (r: PassResult) => r.outcome.startToReleaseMs],
  ] as const) {
    const [base, chaos] = results.map((r) => percentile(pick(r), 95));
    const diff = base !== undefined && chaos !== undefined ? chaos - base : undefined;
    console.log(
      `p95 ${label}: with kills ${seconds(chaos)}, without ${seconds(base)}, difference ${seconds(diff)}`,
    );
  }
  const bad = results.reduce((sum, r) => sum + failures(r), 0);
  console.log(bad ? `FAILED: ${bad} lost or duplicated` : 'OK: nothing lost, nothing duplicated');
  // Logs and databases stay for a failed run: they are what explains it.
  if (bad || values['keep-data']) console.log(`logs and Temporal databases kept in ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
  process.exitCode = bad ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

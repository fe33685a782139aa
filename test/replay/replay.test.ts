// Every committed history (test/replay/histories, added by `npm run histories:record`, frozen by
// MANIFEST.json) replays through the current workflow code: a non-deterministic change fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { bundleWorkflows } from '../helpers/temporal';

const DIR = path.join(__dirname, 'histories');
const files = readdirSync(DIR).filter((f) => f.endsWith('.binpb'));

test('the committed histories cover every path of the consignment, the routing feed, transports, masters and presentations', () => {
  expect(files).toEqual(
    expect.arrayContaining(
      [
        'happy',
        'incomplete',
        'rejected',
        'cancelled',
        'routingFeed',
        'entryPending',
        'controlThenEntry',
        'presentationPark',
        'deadlinePark',
        'correctionBySignal',
        'temporalCancel',
        'cancelDuringPost',
        'overdueExpired',
        'arrivalExpired',
        'mrnUnknown',
        'amendBeforeBorder',
        'cancelOvertaken',
        'arrivalUpdate',
        'routingFeedClasses',
        'routingFeedContinueAsNew',
        'routingFeedAtRate',
        'transportEntered',
        'transportRejected',
        'transportArrivalUpdate',
        'masterLifecycle',
        'presentationEns',
        'presentedAbove',
        'leanReleased',
        'leanEntryPending',
        'leanDeadlinePark',
        'leanRoutedAtBorder',
        'leanRoutingExpired',
        'settledReleased',
        'settledDeadlinePark',
        'restReleased',
        'restEarlyArrival',
      ].map((name) => `${name}.binpb`),
    ),
  );
});

test('given the committed histories, when replayed through the current workflow code, then none diverges', async () => {
  const bundle = await bundleWorkflows(path.resolve(__dirname, '../../workflows'));
  const histories = files.map((file) => ({
    workflowId: path.basename(file, '.binpb'),
    history: temporal.api.history.v1.History.decode(readFileSync(path.join(DIR, file))),
  }));
  const results: Array<{ workflowId: string; error?: unknown }> = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories)) {
    results.push({ workflowId: result.workflowId, error: result.error });
  }
  expect(results.map((r) => r.workflowId).sort()).toEqual(histories.map((h) => h.workflowId).sort());
  expect(results.filter((r) => r.error !== undefined)).toEqual([]);
});

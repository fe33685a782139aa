import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Worker } from '@temporalio/worker';
import { SEARCH_ATTRIBUTE_LIST, SEARCH_ATTRIBUTES } from '../../src/shared';
import {
  bundleWorkflows,
  connectTestTemporal,
  eventually,
  uniqueTaskQueue,
  type TestTemporal,
} from '../helpers/temporal';
import { createHarnessActivities } from './harness/activities';
import { finishSignal, harnessWorkflow, stateQuery } from './harness/workflows';

const execFileAsync = promisify(execFile);
let temporal: TestTemporal;

beforeAll(async () => {
  temporal = await connectTestTemporal();
});
afterAll(async () => {
  await temporal.close();
});

test('given the provisioned dev server, when a workflow runs on a real worker, then signals, queries, activities and search attributes work', async () => {
  const taskQueue = uniqueTaskQueue('harness');
  const worker = await Worker.create({
    connection: temporal.nativeConnection,
    namespace: temporal.namespace,
    taskQueue,
    workflowBundle: await bundleWorkflows(require.resolve('./harness/workflows')),
    activities: createHarnessActivities('Hei'),
  });
  const workflowId = `harness-${taskQueue}`;
  const result = await worker.runUntil(async () => {
    const handle = await temporal.client.workflow.start(harnessWorkflow, {
      taskQueue,
      workflowId,
      args: ['Oslo'],
    });
    expect(await handle.query(stateQuery)).toBe('waiting');
    const listed = await eventually(
      async () => {
        const query = `WorkflowId = '${workflowId}' AND ${SEARCH_ATTRIBUTES.needsAttention.name} = true AND ${SEARCH_ATTRIBUTES.phase.name} = 'AWAITING_VALIDATION'`;
        for await (const execution of temporal.client.workflow.list({ query })) return execution.workflowId;
        return undefined;
      },
      { what: 'the workflow to be listed by its search attributes' },
    );
    expect(listed).toBe(workflowId);
    await handle.signal(finishSignal, 'velkommen');
    return handle.result();
  });
  expect(result).toBe('Hei, Oslo velkommen');
});

test('given the dev server, when the Temporal CLI lists search attributes, then all eight project attributes are registered with their types', async () => {
  const cli = process.env.TEMPORAL_TEST_CLI_PATH!;
  const { stdout } = await execFileAsync(cli, [
    'operator',
    'search-attribute',
    'list',
    '--address',
    temporal.address,
    '--namespace',
    temporal.namespace,
    '--output',
    'json',
  ]);
  const listed = JSON.parse(stdout) as { customAttributes: Record<string, string> };
  expect(SEARCH_ATTRIBUTE_LIST).toHaveLength(9);
  for (const { name, type } of SEARCH_ATTRIBUTE_LIST) {
    expect(listed.customAttributes[name]).toMatch(new RegExp(type, 'i'));
  }
});

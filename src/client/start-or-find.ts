// Starting a workflow once per business key: the first call creates the run; any later one (the
// run still going, or finished: the reuse policy refuses a second) is told which run holds the
// key. The SDK's own retries of one call carry the same request id, which the server takes as that
// call again, so a start whose answer was lost still reads as created.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';

export async function startOrFind(
  client: Client,
  workflowId: string,
  start: () => Promise<{ firstExecutionRunId: string }>,
): Promise<{ runId: string; created: boolean }> {
  try {
    const handle = await start();
    return { runId: handle.firstExecutionRunId, created: true };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    const description = await client.workflow.getHandle(workflowId).describe();
    return { runId: description.runId, created: false };
  }
}

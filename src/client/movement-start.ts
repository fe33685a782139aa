// Starting a transport, master or presentation idempotently, as a house is started: a repeat returns
// the existing run (running or finished) with created: false, told apart by a request id only the
// creating call put in the memo.
import { randomUUID } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Client,
} from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';

export type MovementLevel = 'transport' | 'master' | 'presentation';

export interface LevelStartResult {
  level: MovementLevel;
  workflowId: string;
  runId: string;
  /** How the gateway and the CLI address it: the workflow id without its `tr:`, `mc:` or `pr:`. */
  key: string;
  /** false when it already existed (a repeated start returns it unchanged). */
  created: boolean;
}

export interface LevelStart {
  level: MovementLevel;
  workflowType: string;
  workflowId: string;
  taskQueue: string;
  input: unknown;
  summary: string;
  searchAttributes: SearchAttributePair[];
}

/** The workflow id without its level prefix (`tr:`, `mc:`, `pr:`). */
export const keyOfWorkflowId = (workflowId: string) => workflowId.replace(/^[a-z]{2}:/, '');

export async function startLevel(client: Client, start: LevelStart): Promise<LevelStartResult> {
  const { level, workflowId } = start;
  const key = keyOfWorkflowId(workflowId);
  const startRequestId = randomUUID();
  try {
    const handle = await client.workflow.start(start.workflowType, {
      workflowId,
      taskQueue: start.taskQueue,
      args: [start.input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      staticSummary: start.summary,
      typedSearchAttributes: start.searchAttributes,
      memo: { startRequestId },
    });
    const description = await handle.describe();
    const created = description.memo?.startRequestId === startRequestId;
    return { level, workflowId, key, runId: handle.firstExecutionRunId, created };
  } catch (error) {
    // The reuse policy refuses to start a finished one again: that one is the answer.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    const description = await client.workflow.getHandle(workflowId).describe();
    return { level, workflowId, key, runId: description.runId, created: false };
  }
}

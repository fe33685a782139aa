// Starting a transport, master or presentation idempotently, as a house is started: a repeat returns
// the existing run (running or finished) with created: false (see startOrFind).
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { startOrFind } from './start-or-find';

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
  const { runId, created } = await startOrFind(client, workflowId, () =>
    client.workflow.start(start.workflowType, {
      workflowId,
      taskQueue: start.taskQueue,
      args: [start.input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      staticSummary: start.summary,
      typedSearchAttributes: start.searchAttributes,
    }),
  );
  return { level, workflowId, key: keyOfWorkflowId(workflowId), runId, created };
}

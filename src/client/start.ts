// Starting one consignment idempotently: a repeat returns the existing run (running or finished)
// with created: false (see startOrFind).
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { z } from 'zod';
import { houseKey } from '../domain';
import { CONSIGNMENT_WORKFLOW_TYPE, consignmentWorkflowId } from '../shared';
import type { consignmentWorkflow } from '../../workflows/consignment/workflow';
import {
  STATUS_MEMO_KEY,
  type ConsignmentInput,
  type ConsignmentTimings,
} from '../../workflows/consignment/messages';
import type { createConsignmentSchema } from './schemas';
import { initialSearchAttributes, masterOfHouse, startDetails } from './start-options';
import { initialSummary } from './status';
import { InvalidDocument } from './errors';
import { startOrFind } from './start-or-find';
import { webhookUrlProblem } from '../webhook-url';

export interface StartResult {
  workflowId: string;
  runId: string;
  type: string;
  documentNumber: string;
  /** false when the consignment already existed (a repeated start returns it unchanged). */
  created: boolean;
}

export interface StartSettings {
  taskQueue: string;
  digitollTaskQueue?: string;
  defaultTimings?: Partial<ConsignmentTimings>;
  /** The organisation's webhook (WEBHOOK_URL), unless a request names its own callbackUrl. */
  webhookUrl?: string;
  /** Plain http to loopback is refused in production (DIGITOLL_ENV=prod). */
  production?: boolean;
}

export async function startConsignment(
  client: Client,
  settings: StartSettings,
  valid: z.output<typeof createConsignmentSchema>,
  /** The transport's key when a shipment starts the house with it. */
  transport?: string,
): Promise<StartResult> {
  const { type, documentNumber } = houseKey(valid.consignment);
  const workflowId = consignmentWorkflowId(type, documentNumber);
  const { callbackUrl, ...request } = valid;
  const webhookUrl = callbackUrl ?? settings.webhookUrl;
  const refused = callbackUrl && settings.production && webhookUrlProblem(callbackUrl, false);
  if (refused) throw new InvalidDocument([{ path: 'callbackUrl', message: refused }]);
  const input: ConsignmentInput = {
    ...request,
    // The schema admits only durations the SDK's parser reads; its type is a template literal.
    timings: { ...settings.defaultTimings, ...(valid.timings as Partial<ConsignmentTimings>) },
    digitollTaskQueue: settings.digitollTaskQueue,
    ...(webhookUrl ? { webhook: { url: webhookUrl } } : {}),
  };
  const { runId, created } = await startOrFind(client, workflowId, () =>
    client.workflow.start<typeof consignmentWorkflow>(CONSIGNMENT_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: settings.taskQueue,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      staticSummary: `House ${type} ${documentNumber} (${valid.mode})`,
      staticDetails: startDetails(valid),
      typedSearchAttributes: initialSearchAttributes(documentNumber, valid.erpReference, {
        masterDocument: masterOfHouse(valid.consignment),
        transport,
      }),
      memo: {
        [STATUS_MEMO_KEY]: initialSummary({
          workflowId,
          type,
          documentNumber,
          mode: valid.mode,
          erpReference: valid.erpReference,
        }),
      },
    }),
  );
  return { workflowId, type, documentNumber, runId, created };
}

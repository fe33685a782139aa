// Listing consignments through Temporal visibility: a query over the project's search attributes,
// so ERPs and operators see the same thing as the Temporal UI filters.
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import {
  CONSIGNMENT_WORKFLOW_TYPE,
  parseConsignmentWorkflowId,
  PHASES,
  SEARCH_ATTRIBUTE_KEYS,
  SEARCH_ATTRIBUTES,
  type Phase,
} from '../shared';

export { SEARCH_ATTRIBUTE_KEYS };

export interface ConsignmentListFilter {
  phase?: Phase;
  needsAttention?: boolean;
  erpReference?: string;
  /** At most this many (newest first); default 100. */
  limit?: number;
}

export interface ConsignmentSummary {
  workflowId: string;
  runId: string;
  type: string;
  documentNumber: string;
  phase?: Phase;
  mrn?: string;
  routing?: string;
  erpReference?: string;
  needsAttention: boolean;
  /** Temporal's execution status: RUNNING, COMPLETED, FAILED, TERMINATED, ... */
  executionStatus: string;
  startTime: string;
  closeTime?: string;
}

/** A visibility string literal; values are checked by the schemas, quotes escaped all the same. */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function buildListQuery(filter: ConsignmentListFilter): string {
  const parts = [`WorkflowType = ${literal(CONSIGNMENT_WORKFLOW_TYPE)}`];
  if (filter.phase) parts.push(`${SEARCH_ATTRIBUTES.phase.name} = ${literal(filter.phase)}`);
  if (filter.needsAttention !== undefined)
    parts.push(`${SEARCH_ATTRIBUTES.needsAttention.name} = ${String(filter.needsAttention)}`);
  if (filter.erpReference)
    parts.push(`${SEARCH_ATTRIBUTES.erpReference.name} = ${literal(filter.erpReference)}`);
  return parts.join(' AND ');
}

export function toSummary(info: WorkflowExecutionInfo): ConsignmentSummary {
  const sa = info.typedSearchAttributes;
  const key = parseConsignmentWorkflowId(info.workflowId);
  const phase = sa.get(SEARCH_ATTRIBUTE_KEYS.phase);
  return {
    workflowId: info.workflowId,
    runId: info.runId,
    type: key?.type ?? '',
    documentNumber: key?.documentNumber ?? sa.get(SEARCH_ATTRIBUTE_KEYS.documentNumber) ?? '',
    phase: (PHASES as readonly string[]).includes(phase ?? '') ? (phase as Phase) : undefined,
    mrn: sa.get(SEARCH_ATTRIBUTE_KEYS.mrn),
    routing: sa.get(SEARCH_ATTRIBUTE_KEYS.routing),
    erpReference: sa.get(SEARCH_ATTRIBUTE_KEYS.erpReference),
    needsAttention: sa.get(SEARCH_ATTRIBUTE_KEYS.needsAttention) ?? false,
    executionStatus: info.status.name,
    startTime: info.startTime.toISOString(),
    closeTime: info.closeTime?.toISOString(),
  };
}

export async function listConsignments(
  client: Client,
  filter: ConsignmentListFilter,
): Promise<ConsignmentSummary[]> {
  const limit = filter.limit ?? 100;
  const items: ConsignmentSummary[] = [];
  const executions = client.workflow.list({ query: buildListQuery(filter), pageSize: Math.min(limit, 1000) });
  for await (const info of executions) {
    items.push(toSummary(info));
    if (items.length >= limit) break;
  }
  return items;
}

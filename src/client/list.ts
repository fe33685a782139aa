// Listing consignments through Temporal visibility, one page at a time: a query over the project's
// search attributes (so ERPs and operators see what the Temporal UI filters show), and Temporal's own
// page token handed to the caller as opaque base64url, so a caller walks every page exactly once.
import { isGrpcServiceError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import {
  CONSIGNMENT_WORKFLOW_TYPE,
  parseConsignmentWorkflowId,
  PHASES,
  SEARCH_ATTRIBUTE_KEYS,
  SEARCH_ATTRIBUTES,
  type Phase,
} from '../shared';
import { InvalidDocument } from './errors';

export { SEARCH_ATTRIBUTE_KEYS };

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface ConsignmentListFilter {
  phase?: Phase;
  needsAttention?: boolean;
  erpReference?: string;
  /** Started at or after this instant (ISO 8601 with an offset). */
  startedAfter?: string;
  /** Started before this instant (ISO 8601 with an offset). */
  startedBefore?: string;
  /** 1 to 1000, default 100. */
  pageSize?: number;
  /** The nextPageToken of the previous page, as it came. */
  pageToken?: string;
  /** Older name of pageSize, still read. */
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

export interface ConsignmentPage {
  items: ConsignmentSummary[];
  /** Absent on the last page. */
  nextPageToken?: string;
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
  // Normalised to UTC: visibility stores compare the instant, whatever offset the caller wrote.
  if (filter.startedAfter) parts.push(`StartTime >= ${literal(new Date(filter.startedAfter).toISOString())}`);
  if (filter.startedBefore)
    parts.push(`StartTime < ${literal(new Date(filter.startedBefore).toISOString())}`);
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

/** gRPC's INVALID_ARGUMENT: with a caller's page token, that token is what the server refused. */
const INVALID_ARGUMENT = 3;

const badToken = () =>
  new InvalidDocument([{ path: 'pageToken', message: 'not a page token this service issued' }]);

function decodeToken(token: string | undefined): Buffer | undefined {
  if (token === undefined) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length === 0 || bytes.toString('base64url') !== token) throw badToken();
  return bytes;
}

/** One page. The list's own RPC, because the SDK's iterator hides the page token. */
export async function listConsignments(
  client: Client,
  filter: ConsignmentListFilter,
): Promise<ConsignmentPage> {
  const nextPageToken = decodeToken(filter.pageToken);
  const namespace = client.options.namespace;
  let response;
  try {
    response = await client.workflowService.listWorkflowExecutions({
      namespace,
      query: buildListQuery(filter),
      pageSize: filter.pageSize ?? filter.limit ?? DEFAULT_PAGE_SIZE,
      nextPageToken,
    });
  } catch (error) {
    if (nextPageToken && isGrpcServiceError(error) && error.code === INVALID_ARGUMENT) throw badToken();
    throw error;
  }
  const items = await Promise.all(
    (response.executions ?? []).map(async (raw) =>
      // Without the memo: a list shows search attributes only, so nothing needs decrypting.
      toSummary(
        await executionInfoFromRaw(
          { ...raw, memo: null },
          client.options.loadedDataConverter,
          raw,
          namespace,
        ),
      ),
    ),
  );
  const token = response.nextPageToken;
  return {
    items,
    nextPageToken: token && token.length > 0 ? Buffer.from(token).toString('base64url') : undefined,
  };
}

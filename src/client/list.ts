// Listing consignments through Temporal visibility, one page at a time: a query over the project's
// search attributes (so ERPs and operators see what the Temporal UI filters show), and Temporal's own
// page token handed to the caller as opaque base64url (checksummed), so a caller walks every page
// exactly once.
import { createHash } from 'node:crypto';
import { isGrpcServiceError, type Client } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { optionalTsToDate } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
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
  /** Houses under one master: `{type}:{documentNumber}` (DigitollMasterDocument). */
  masterDocument?: string;
  /** Houses on one transport: its key, the transport workflow id without `tr:` (DigitollTransport). */
  transport?: string;
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
export function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function buildListQuery(filter: ConsignmentListFilter): string {
  const parts = [`WorkflowType = ${literal(CONSIGNMENT_WORKFLOW_TYPE)}`];
  if (filter.phase) parts.push(`${SEARCH_ATTRIBUTES.phase.name} = ${literal(filter.phase)}`);
  if (filter.needsAttention !== undefined)
    parts.push(`${SEARCH_ATTRIBUTES.needsAttention.name} = ${String(filter.needsAttention)}`);
  if (filter.erpReference)
    parts.push(`${SEARCH_ATTRIBUTES.erpReference.name} = ${literal(filter.erpReference)}`);
  if (filter.masterDocument)
    parts.push(`${SEARCH_ATTRIBUTES.masterDocument.name} = ${literal(filter.masterDocument)}`);
  if (filter.transport) parts.push(`${SEARCH_ATTRIBUTES.transport.name} = ${literal(filter.transport)}`);
  // Normalised to UTC: visibility stores compare the instant, whatever offset the caller wrote.
  if (filter.startedAfter) parts.push(`StartTime >= ${literal(new Date(filter.startedAfter).toISOString())}`);
  if (filter.startedBefore)
    parts.push(`StartTime < ${literal(new Date(filter.startedBefore).toISOString())}`);
  return parts.join(' AND ');
}

export type RawExecution = temporal.api.workflow.v1.IWorkflowExecutionInfo;
const STATUS_PREFIX = 'WORKFLOW_EXECUTION_STATUS_';

/**
 * A list row from the raw visibility record: search attributes only (no memo to decrypt), and
 * tolerant of records of runs that never had a workflow task (no history length, for one).
 */
export function toSummary(raw: RawExecution): ConsignmentSummary {
  const sa = decodeTypedSearchAttributes(raw.searchAttributes?.indexedFields);
  const workflowId = raw.execution?.workflowId ?? '';
  const key = parseConsignmentWorkflowId(workflowId);
  const phase = sa.get(SEARCH_ATTRIBUTE_KEYS.phase);
  const status = temporal.api.enums.v1.WorkflowExecutionStatus[raw.status ?? 0] ?? 'UNSPECIFIED';
  return {
    workflowId,
    runId: raw.execution?.runId ?? '',
    type: key?.type ?? '',
    documentNumber: key?.documentNumber ?? sa.get(SEARCH_ATTRIBUTE_KEYS.documentNumber) ?? '',
    phase: (PHASES as readonly string[]).includes(phase ?? '') ? (phase as Phase) : undefined,
    mrn: sa.get(SEARCH_ATTRIBUTE_KEYS.mrn),
    routing: sa.get(SEARCH_ATTRIBUTE_KEYS.routing),
    erpReference: sa.get(SEARCH_ATTRIBUTE_KEYS.erpReference),
    needsAttention: sa.get(SEARCH_ATTRIBUTE_KEYS.needsAttention) ?? false,
    executionStatus: status.replace(STATUS_PREFIX, ''),
    startTime: optionalTsToDate(raw.startTime)?.toISOString() ?? '',
    closeTime: optionalTsToDate(raw.closeTime)?.toISOString(),
  };
}

/**
 * gRPC codes the server answers a page token it cannot read with: INVALID_ARGUMENT, or UNKNOWN
 * (the SQL visibility store fails to decode it). With a caller's token, that token is the cause.
 */
const BAD_TOKEN_CODES: ReadonlySet<number> = new Set([2, 3]);

const badToken = () =>
  new InvalidDocument([{ path: 'pageToken', message: 'not a page token this service issued' }]);

/**
 * The caller's token: Temporal's bytes behind 8 bytes of their SHA-256, so a token that was not
 * issued here is refused at once (the server would retry an unreadable one for seconds first).
 */
function encodeToken(bytes: Uint8Array): string {
  return Buffer.concat([checksum(bytes), bytes]).toString('base64url');
}

function decodeToken(token: string | undefined): Buffer | undefined {
  if (token === undefined) return undefined;
  const raw = Buffer.from(token, 'base64url');
  const bytes = raw.subarray(CHECKSUM_BYTES);
  if (bytes.length === 0 || !checksum(bytes).equals(raw.subarray(0, CHECKSUM_BYTES))) throw badToken();
  return bytes;
}

const CHECKSUM_BYTES = 8;
const checksum = (bytes: Uint8Array) =>
  createHash('sha256').update(bytes).digest().subarray(0, CHECKSUM_BYTES);

/** One page. The list's own RPC, because the SDK's iterator hides the page token. */
export async function listConsignments(
  client: Client,
  filter: ConsignmentListFilter,
): Promise<ConsignmentPage> {
  const pageSize = filter.pageSize ?? filter.limit ?? DEFAULT_PAGE_SIZE;
  return listPage(client, buildListQuery(filter), { pageSize, pageToken: filter.pageToken }, toSummary);
}

/** One page of any visibility query, each execution mapped by `map`; the token as callers see it. */
export async function listPage<T>(
  client: Client,
  query: string,
  page: { pageSize: number; pageToken?: string },
  map: (raw: RawExecution) => T,
): Promise<{ items: T[]; nextPageToken?: string }> {
  const nextPageToken = decodeToken(page.pageToken);
  let response;
  try {
    response = await client.workflowService.listWorkflowExecutions({
      namespace: client.options.namespace,
      query,
      pageSize: page.pageSize,
      nextPageToken,
    });
  } catch (error) {
    if (nextPageToken && isGrpcServiceError(error) && BAD_TOKEN_CODES.has(error.code)) throw badToken();
    throw error;
  }
  const token = response.nextPageToken;
  return {
    items: (response.executions ?? []).map(map),
    nextPageToken: token && token.length > 0 ? encodeToken(token) : undefined,
  };
}

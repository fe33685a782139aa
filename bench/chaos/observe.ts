// Watching a pass: phase counts from the search attributes while it runs (no query, so no worker
// needed), and at the end every consignment's full status (the workflow's status query, which
// holds the timeline): final, parked with a reason, or lost; and REGISTERED -> RELEASED from it.
import type { Client } from '@temporalio/client';
import type { ConsignmentStatus } from '../../src/client';
import { SEARCH_ATTRIBUTE_KEYS, SEARCH_ATTRIBUTES, TERMINAL_PHASES, type Phase } from '../../src/shared';
import { statusQuery } from '../../workflows/consignment/messages';
import { consignmentWorkflowId } from '../../src/shared';
import { HOUSE_TYPE, inBatches } from './traffic';

export interface Progress {
  byPhase: Record<string, number>;
  /** Final, or parked for an operator (DigitollNeedsAttention). */
  settled: number;
  total: number;
}

export async function progress(client: Client, erpReference: string): Promise<Progress> {
  const byPhase: Record<string, number> = {};
  let settled = 0;
  let total = 0;
  const query = `${SEARCH_ATTRIBUTES.erpReference.name} = '${erpReference}'`;
  for await (const execution of client.workflow.list({ query })) {
    const attributes = execution.typedSearchAttributes;
    const phase = attributes.get(SEARCH_ATTRIBUTE_KEYS.phase) ?? '(none)';
    byPhase[phase] = (byPhase[phase] ?? 0) + 1;
    total += 1;
    if (TERMINAL_PHASES.has(phase as Phase) || attributes.get(SEARCH_ATTRIBUTE_KEYS.needsAttention))
      settled += 1;
  }
  return { byPhase, settled, total };
}

export function describeProgress(p: Progress): string {
  const phases = Object.entries(p.byPhase)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([phase, count]) => `${phase} ${count}`)
    .join(', ');
  return `settled ${p.settled}/${p.total} (${phases || 'none yet'})`;
}

export interface Outcome {
  released: number;
  otherFinal: Array<{ documentNumber: string; phase: string }>;
  parked: Array<{ documentNumber: string; phase: string; reason: string }>;
  lost: Array<{ documentNumber: string; phase: string; last: string }>;
  /** REGISTERED (or MRN_UNKNOWN) -> RELEASED, in ms, of every released consignment. */
  durationsMs: number[];
  /** First phase (the start) -> RELEASED: a kill before registration shows only here. */
  startToReleaseMs: number[];
}

/** The full status, asked again for a while: a worker that just started may still be replaying. */
async function fullStatus(client: Client, documentNumber: string): Promise<ConsignmentStatus> {
  const handle = client.workflow.getHandle(consignmentWorkflowId(HOUSE_TYPE, documentNumber));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await client.connection.withDeadline(Date.now() + 15_000, () => handle.query(statusQuery));
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

export async function outcome(client: Client, numbers: string[]): Promise<Outcome> {
  const result: Outcome = {
    released: 0,
    otherFinal: [],
    parked: [],
    lost: [],
    durationsMs: [],
    startToReleaseMs: [],
  };
  await inBatches(numbers, 8, async (documentNumber) => {
    let status: ConsignmentStatus;
    try {
      status = await fullStatus(client, documentNumber);
    } catch (error) {
      result.lost.push({ documentNumber, phase: '(unreadable)', last: String(error) });
      return;
    }
    const { phase } = status;
    if (phase === 'RELEASED') {
      result.released += 1;
      const released = Date.parse(status.timeline.find((t) => t.phase === 'RELEASED')?.at ?? '');
      const registered = status.timeline.find((t) => t.phase === 'REGISTERED' || t.phase === 'MRN_UNKNOWN');
      if (registered) result.durationsMs.push(released - Date.parse(registered.at));
      if (status.timeline[0]) result.startToReleaseMs.push(released - Date.parse(status.timeline[0].at));
    } else if (TERMINAL_PHASES.has(phase)) result.otherFinal.push({ documentNumber, phase });
    else if (status.needsAttention && status.needsAttentionReason)
      result.parked.push({ documentNumber, phase, reason: status.needsAttentionReason });
    else {
      const last = status.timeline.at(-1);
      result.lost.push({
        documentNumber,
        phase,
        last: last ? `${last.phase} at ${last.at}` : '(no timeline)',
      });
    }
  });
  return result;
}

export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

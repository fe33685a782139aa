// Many starts in one call: each item is started exactly as a single start (checked on its own,
// idempotent), a bounded number at a time, so a batch of 1,000 cannot flood the Temporal frontend;
// the answer holds one outcome per item, in the order sent.
import type { FormattedIssue } from '../domain';
import { InvalidDocument, isFlowError, type FlowError } from './errors';
import type { StartResult } from './flow';

export const DEFAULT_BATCH_CONCURRENCY = 16;

export type StartManyOutcome =
  | { outcome: 'created' | 'existing'; result: StartResult }
  /** The item failed the schemas: nothing was started for it. */
  | { outcome: 'invalid'; issues: FormattedIssue[] }
  /** Temporal refused or could not be reached; repeating the item is safe (starts are idempotent). */
  | { outcome: 'failed'; error: FlowError | Error };

/** Runs `task` over `items` with at most `concurrency` in flight; results in input order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  return results;
}

export async function startEach(
  requests: readonly unknown[],
  start: (request: unknown) => Promise<StartResult>,
  concurrency = DEFAULT_BATCH_CONCURRENCY,
): Promise<StartManyOutcome[]> {
  return mapBounded(requests, concurrency, async (request): Promise<StartManyOutcome> => {
    try {
      const result = await start(request);
      return { outcome: result.created ? 'created' : 'existing', result };
    } catch (error) {
      if (error instanceof InvalidDocument) return { outcome: 'invalid', issues: error.issues };
      if (isFlowError(error) || error instanceof Error) return { outcome: 'failed', error };
      return { outcome: 'failed', error: new Error(String(error)) };
    }
  });
}

// A test-only workflow that exercises what the harness must provide: a real worker, activities,
// signals, queries and the project's search attributes.
import {
  condition,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { SEARCH_ATTRIBUTES } from '../../../src/shared';
import type { HarnessActivities } from './activities';

export const finishSignal = defineSignal<[string]>('finish');
export const stateQuery = defineQuery<string>('state');

const { greet } = proxyActivities<HarnessActivities>({ startToCloseTimeout: '10 seconds' });

export async function harnessWorkflow(name: string): Promise<string> {
  let finishedWith: string | undefined;
  let state = 'waiting';
  setHandler(finishSignal, (value) => {
    finishedWith = value;
  });
  setHandler(stateQuery, () => state);
  upsertSearchAttributes({
    [SEARCH_ATTRIBUTES.phase.name]: ['AWAITING_VALIDATION'],
    [SEARCH_ATTRIBUTES.needsAttention.name]: [true],
  });
  await condition(() => finishedWith !== undefined);
  state = 'finished';
  return `${await greet(name)} ${finishedWith}`;
}

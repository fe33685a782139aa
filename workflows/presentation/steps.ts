// Calls a presentation makes, on the step machinery every level shares
// (workflows/notification/steps.ts): its activities, and the validation of a presentation.
import { proxyActivities } from '@temporalio/workflow';
import type { DigitollActivities, PresentationActivities } from '../../activities';
import { rejectedIssues } from '../notification/failures';
import * as shared from '../notification/steps';
import type { PresentationState } from './state';

export type PresentationSteps = ReturnType<typeof presentationSteps>;

export function presentationSteps(p: PresentationState) {
  const t = p.timings;
  const base = shared.customsActivityOptions(p.input.digitollTaskQueue);
  const acts = proxyActivities<DigitollActivities & PresentationActivities>(base);
  const poll = shared.pollActivityOptions(base, t);

  /** Runs a step; a problem retrying cannot fix parks until `retry` (the step is then run again). */
  const guarded = <T>(what: string, step: () => Promise<T>): Promise<T> =>
    shared.guarded(p, what, step, t.transientCoolDown);

  const awaitValidation = (requestId: string) =>
    shared.awaitValidation(p, t, 'Presentation validation', () =>
      acts.checkPresentation.executeWithOptions({ ...poll, summary: `Poll presentation ${requestId}` }, [
        { requestId },
      ]),
    );

  return { acts, base, guarded, awaitValidation, rejectedIssues };
}

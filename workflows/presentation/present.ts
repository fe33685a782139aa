// Presenting until Customs accepts: each attempt has its own requestId, made here in the workflow
// (seeded, so it is the same on replay and on every retry of that attempt's activities); a refusal
// parks with Customs' reason, and `retry` starts a new attempt with a new requestId, since a reused
// one is a validation error at Customs.
import { condition, uuid4 } from '@temporalio/workflow';
import { workflowNow } from '../notification/clock';
import type { PresentationAttempt } from './messages';
import type { PresentationState } from './state';
import type { PresentationSteps } from './steps';

/** Returns true once Customs accepted the presentation, false when a refusal outlived expireAfter. */
export async function presentUntilAccepted(p: PresentationState, steps: PresentationSteps): Promise<boolean> {
  for (;;) {
    const refusal = await presentOnce(p, steps);
    if (refusal === undefined) {
      p.status.refusalReason = undefined;
      p.setPhase('PRESENTED');
      return true;
    }
    p.status.refusalReason = refusal;
    p.setPhase('REFUSED');
    p.park(`${refusal}; fix it at Customs (or in the input's source) and signal retry to present again`);
    const retried = await condition(() => p.retryRequested, p.timings.expireAfter);
    if (!retried) {
      p.park(`${refusal}; no retry came within ${String(p.timings.expireAfter)}`);
      p.setPhase('EXPIRED');
      return false;
    }
    p.retryRequested = false;
    p.clearAttention();
  }
}

/** One attempt: POST with a new requestId, then its validation. Returns Customs' refusal, if any. */
async function presentOnce(p: PresentationState, steps: PresentationSteps): Promise<string | undefined> {
  const attempt: PresentationAttempt = { requestId: uuid4(), at: workflowNow() };
  p.status.attempts.push(attempt);
  p.status.requestId = attempt.requestId;
  // The first attempt publishes the search attributes for the first time (phase unchanged).
  if (p.phase === 'PRESENTING') p.publish();
  else p.setPhase('PRESENTING');
  const { input } = p;
  const office = input.customsOfficeOfPresentation;
  const sent = await steps.guarded('Presentation', async () => {
    try {
      return await steps.acts.presentLevel.executeWithOptions(
        { ...steps.base, summary: `Present ${input.level} ${p.status.identifier} at ${office}` },
        [
          {
            level: input.level,
            requestId: attempt.requestId,
            customsOfficeOfPresentation: office,
            transportMRN: input.transportMRN,
            mrn: input.mrn,
            transportDocumentMasterLevel: input.transportDocumentMasterLevel,
            containerIdentificationNumber: input.containerIdentificationNumber,
            receptacleIdentificationNumber: input.receptacleIdentificationNumber,
          },
        ],
      );
    } catch (error) {
      const rejected = steps.rejectedIssues(error);
      if (rejected) return { rejected };
      throw error;
    }
  });
  if ('rejected' in sent) {
    const issues = sent.rejected.map((i) => `${i.path || '(request)'}: ${i.message}`).join('; ');
    return settle(attempt, `Customs refused the presentation (400: ${issues || 'no details'})`);
  }
  p.setPhase('AWAITING_VALIDATION');
  const result = await steps.awaitValidation(attempt.requestId);
  if (result.status === 'SUCCESS') return settle(attempt, undefined);
  const messages = result.messages.join('; ') || 'no description';
  return settle(attempt, `Customs refused the presentation: ${messages}`);
}

function settle(attempt: PresentationAttempt, refusal: string | undefined): string | undefined {
  attempt.outcome = refusal === undefined ? 'SUCCESS' : 'REFUSED';
  attempt.reason = refusal;
  return refusal;
}

// REJECTED in the shared lifecycle: parked with every issue of the rejection until a whole
// corrected document comes, a cancel, or Customs' own limit for a correction passes.
import { condition } from '@temporalio/workflow';
import type { LevelIssue } from '../../activities/levels-outcomes';
import type { NotificationLifecycle } from './lifecycle';

export async function awaitCorrection<D extends object>(
  lc: NotificationLifecycle<D>,
  issues: LevelIssue[],
): Promise<'corrected' | 'cancel' | 'expired'> {
  lc.status.validationIssues = issues;
  lc.setPhase('REJECTED');
  const list = issues.map((i) => `${i.path || '(document)'}: ${i.description}`).join('; ');
  lc.park(`Customs rejected revision ${lc.status.revision}: ${list}; send a corrected document`);
  const woken = await condition(
    () => lc.pending !== undefined || lc.cancelRequest !== undefined,
    lc.timings.correctionWait,
  );
  if (!woken) {
    lc.park(`No correction within ${String(lc.timings.correctionWait)} of the rejection: ${list}`);
    lc.setPhase('EXPIRED');
    return 'expired';
  }
  lc.clearAttention();
  return lc.cancelRequest ? 'cancel' : 'corrected';
}

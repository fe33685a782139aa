// The Customs calls of the shared notification lifecycle, generic over the level, with the
// activity options every level uses (./steps.ts): polls whose 404 is retried by Temporal's retry
// policy; the waiting, deadlines and parking are the lifecycle's.
import { CancellationScope, proxyActivities } from '@temporalio/workflow';
import type { LevelActivities } from '../../activities/levels';
import type { NotificationLevel } from '../../activities/levels-outcomes';
import type { Mode } from '../../src/shared';
import type { Duration, LifecycleTimings } from './lifecycle-types';
import { customsActivityOptions, pollActivityOptions } from './steps';

export interface LevelCallsOptions {
  level: NotificationLevel;
  mode: Mode;
  timings: LifecycleTimings;
  taskQueue?: string;
}

export function levelCalls(options: LevelCallsOptions) {
  const t = options.timings;
  const { level, mode } = options;
  const base = customsActivityOptions(options.taskQueue);
  const poll = (maximumInterval: Duration) => pollActivityOptions(base, t, maximumInterval);
  const customs = proxyActivities<LevelActivities>(base);

  return {
    /** POST (no MRN) or PUT (MRN); never cancelled once scheduled, so its requestId is always known. */
    send: (document: Record<string, unknown>, mrn: string | undefined, revision: number) =>
      CancellationScope.nonCancellable(() =>
        mrn
          ? customs.replaceNotification.executeWithOptions({ ...base, summary: `PUT revision ${revision}` }, [
              { level, mode, mrn, document },
            ])
          : customs.submitNotification.executeWithOptions({ ...base, summary: `POST revision ${revision}` }, [
              { level, mode, document },
            ]),
      ),
    remove: (mrn: string, documentIssueDate: string) =>
      customs.deleteNotification.executeWithOptions({ ...base, summary: `DELETE ${level}` }, [
        { level, mode, mrn, documentIssueDate },
      ]),
    /** One validation poll (its 404 retried by policy); the wait and the deadline are the caller's. */
    validation: (requestId: string) =>
      customs.checkNotificationValidation.executeWithOptions(
        { ...poll(t.pollMaxInterval), summary: `Poll validation of ${requestId}` },
        [{ level, mode, requestId }],
      ),
    /** Asked until Customs records the entry; its 404 is retried by policy for as long as the caller waits. */
    entry: (transportMrn: string, maxInterval: Duration) =>
      customs.checkEntryStatus.executeWithOptions({ ...poll(maxInterval), summary: 'Poll entry status' }, [
        { mode, transportMrn },
      ]),
    descendants: (mrn: string) =>
      customs.readDescendants.executeWithOptions(
        {
          ...poll(t.pollMaxInterval),
          retry: { ...poll(t.pollMaxInterval).retry, maximumAttempts: 10 },
          summary: 'Read what Customs holds below',
        },
        [{ level, mode, mrn }],
      ),
  };
}

export type LevelCalls = ReturnType<typeof levelCalls>;

// What every level's workflow does the same way around the shared lifecycle: its first status,
// what it publishes at every change, its start (calls, lifecycle, message handlers), the read of
// what Customs holds below it, and its end. Each level adds only its own fields and waits.
import {
  allHandlersFinished,
  condition,
  setCurrentDetails,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { DescendantsResult } from '../../activities/levels-outcomes';
import { SEARCH_ATTRIBUTE_KEYS as SA } from '../../src/shared';
import { workflowNow } from './clock';
import type { LifecycleMessages } from './level-messages';
import { NotificationLifecycle } from './lifecycle';
import { levelCalls } from './lifecycle-calls';
import { registerLifecycleHandlers, resultOf, type Refusal } from './lifecycle-handlers';
import { levelOffer, type WebhookKey } from './webhook-offers';
import { openWebhooks, webhooksDelivered, type WebhookOutbox } from './webhooks';
import {
  LEVEL_STATUS_MEMO_KEY,
  summaryOf,
  type LifecycleResult,
  type LifecycleStatus,
  type LevelStartInput,
  type LifecycleTimings,
  type NotificationLevel,
  type TreeReadStatus,
} from './lifecycle-types';

export function initialLifecycleStatus(level: NotificationLevel, input: LevelStartInput): LifecycleStatus {
  const now = workflowNow();
  return {
    workflowId: workflowInfo().workflowId,
    level,
    mode: input.mode,
    erpReference: input.erpReference,
    phase: 'SUBMITTING',
    revision: 1,
    validationIssues: [],
    needsAttention: false,
    timeline: [{ phase: 'SUBMITTING', at: now }],
    refusedMessages: [],
    updatedAt: now,
  };
}

/** What a level publishes of its own: search attributes, the details' heading and lines. */
export interface LevelPublication {
  attributes: SearchAttributeUpdatePair[];
  head: string;
  lines: Array<string | undefined>;
}

/** Search attributes, the memo summary and the current details, at every change. */
export function publishLevel(status: LifecycleStatus, own: LevelPublication): void {
  upsertSearchAttributes([
    { key: SA.phase, value: status.phase },
    { key: SA.mrn, value: status.mrn ?? null },
    ...own.attributes,
    { key: SA.erpReference, value: status.erpReference ?? null },
    { key: SA.needsAttention, value: status.needsAttention },
  ]);
  upsertMemo({ [LEVEL_STATUS_MEMO_KEY]: summaryOf(status) });
  const lines = [
    status.mrn ? `MRN ${status.mrn}` : undefined,
    ...own.lines,
    status.needsAttention ? `Needs attention: ${status.needsAttentionReason ?? ''}` : undefined,
  ];
  setCurrentDetails([own.head, ...lines.filter((l) => l !== undefined)].join('\n\n'));
}

export interface LevelRun<D extends object, S extends LifecycleStatus, T extends LifecycleTimings> {
  lc: NotificationLifecycle<D, S>;
  timings: T;
  /** Set by the refresh signal; consumed by the next read of the tree. */
  refreshRequested: boolean;
  /** The ERP's webhook outbox, when the input names a webhook URL. */
  webhooks?: WebhookOutbox;
}

export interface LevelDefinition<D extends object, S extends LifecycleStatus, T extends LifecycleTimings> {
  level: NotificationLevel;
  input: LevelStartInput;
  timings: T;
  status: S;
  document: D;
  publish: (status: S) => void;
  messages: LifecycleMessages<D, S>;
  /** Why a correction cannot be accepted now (checked synchronously), or undefined. */
  correctionRefusal: (lc: NotificationLifecycle<D, S>, document: D) => Refusal | undefined;
  /** The level's key as its webhook events carry it. */
  webhookKey: (status: S) => WebhookKey;
}

/** The lifecycle of one level with its message handlers registered (call at the workflow's top). */
export function startLevel<D extends object, S extends LifecycleStatus, T extends LifecycleTimings>(
  def: LevelDefinition<D, S, T>,
): LevelRun<D, S, T> {
  const { level, input, timings, status } = def;
  const calls = levelCalls({ level, mode: input.mode, timings, taskQueue: input.digitollTaskQueue });
  // Deliveries run beside the lifecycle and never hold up a Customs step.
  const webhooks = openWebhooks(input, timings);
  const offer = () => webhooks?.offer(levelOffer(status, def.webhookKey(status)));
  const publish = () => {
    def.publish(status);
    offer();
  };
  const lc = new NotificationLifecycle(status, def.document, timings, calls, publish);
  const run: LevelRun<D, S, T> = { lc, timings, refreshRequested: false, webhooks };
  offer();
  registerLifecycleHandlers(lc, def.messages, {
    correctionRefusal: (document) => def.correctionRefusal(lc, document),
    onRefresh: () => void (run.refreshRequested = true),
    snapshot: () => JSON.parse(JSON.stringify(status)) as S,
  });
  return run;
}

/** Carries out a cancel the level ended its waits for, lets handlers finish, and gives the result. */
export async function endLevel<D extends object>(
  run: LevelRun<D, LifecycleStatus, LifecycleTimings>,
  outcome: string,
): Promise<LifecycleResult> {
  if (outcome === 'cancel') await run.lc.cancel();
  await webhooksDelivered(run.webhooks);
  await condition(allHandlersFinished);
  return resultOf(run.lc.status);
}

/** What Customs holds below the notification; a failure is shown, never fatal. */
export async function readTree<D extends object, S extends TreeReadStatus>(
  run: LevelRun<D, S, LifecycleTimings>,
  apply: (result: DescendantsResult) => void,
): Promise<void> {
  const { status } = run.lc;
  run.refreshRequested = false;
  if (!status.mrn) return;
  try {
    apply(await run.lc.calls.descendants(status.mrn));
    status.descendantsReadAt = workflowNow();
    status.descendantsProblem = undefined;
  } catch (error) {
    status.descendantsProblem = error instanceof Error ? error.message : String(error);
  }
}

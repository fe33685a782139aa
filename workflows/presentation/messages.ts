// The presentation workflow's public contract: input, status, result and messages. The gateway,
// clients and the CLI import these; the message names are spelled only here.
import type { Duration } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';
import {
  PRESENTATION_LEVELS,
  presentationWorkflowId,
  type PresentationLevel,
  type PresentationPhase,
} from '../../src/shared';
import { DEFAULT_STEP_TIMINGS, type StepTimings } from '../notification/timings';

export type { PresentationLevel, PresentationPhase };

/** Every wait of a presentation; each has a production default and can be shortened in the input. */
export interface PresentationTimings extends StepTimings {
  /** How long a refused presentation waits for `retry` before it EXPIRES (Customs' 30-day limit). */
  expireAfter: Duration;
}

export const DEFAULT_PRESENTATION_TIMINGS: PresentationTimings = {
  ...DEFAULT_STEP_TIMINGS,
  expireAfter: '30 days',
};

/** A house by its business key (its workflow is `hc:{type}:{documentNumber}`). */
export interface PresentedHouseKey {
  type: string;
  documentNumber: string;
}

export interface PresentationInput {
  level: PresentationLevel;
  /** entry-summary-declaration: the ENS MRN. */
  mrn?: string;
  /** master-consignment: the master's key. */
  transportDocumentMasterLevel?: PresentedHouseKey;
  /** container: the container id. */
  containerIdentificationNumber?: string;
  /** receptacle: the receptacle id. */
  receptacleIdentificationNumber?: string;
  /** CL141 office, e.g. NO351001. */
  customsOfficeOfPresentation: string;
  /** MRN of the transport the goods arrived with (presentation v2). */
  transportMRN?: string;
  /** Tracked houses the ground handler knows are inside (a master's are also found by search attribute). */
  houses?: PresentedHouseKey[];
  erpReference?: string;
  timings?: Partial<PresentationTimings>;
  /** Task queue of the Customs activities; defaults to DIGITOLL_ACTIVITY_TASK_QUEUE. */
  digitollTaskQueue?: string;
  /** Where the ERP is told of every phase and needs-attention change (signed; see WebhookEvent). */
  webhook?: { url: string };
}

/** The identifier of the presented level as the workflow id carries it, or undefined when missing. */
export function presentationIdentifier(input: PresentationInput): string | undefined {
  const present = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v : undefined);
  switch (input.level) {
    case 'entry-summary-declaration':
      return present(input.mrn);
    case 'master-consignment': {
      const key = input.transportDocumentMasterLevel;
      return key && present(key.type) && present(key.documentNumber)
        ? `${key.type}:${key.documentNumber}`
        : undefined;
    }
    case 'container':
      return present(input.containerIdentificationNumber);
    case 'receptacle':
      return present(input.receptacleIdentificationNumber);
    default:
      return undefined;
  }
}

/** Why an input cannot be presented (empty when it can); synchronous, for gateways and the workflow. */
export function presentationInputProblems(input: PresentationInput): string[] {
  const problems: string[] = [];
  if (!PRESENTATION_LEVELS.includes(input.level)) {
    problems.push(`level: must be one of ${PRESENTATION_LEVELS.join(', ')}`);
  } else if (presentationIdentifier(input) === undefined) {
    problems.push(`${IDENTIFIER_FIELDS[input.level]}: required for level ${input.level}`);
  }
  if (typeof input.customsOfficeOfPresentation !== 'string' || input.customsOfficeOfPresentation === '')
    problems.push('customsOfficeOfPresentation: required');
  for (const [i, h] of (input.houses ?? []).entries()) {
    if (!h?.type || !h?.documentNumber) problems.push(`houses.${i}: needs type and documentNumber`);
  }
  return problems;
}

/** The input field that names each level (the body's field names). */
export const IDENTIFIER_FIELDS: Record<PresentationLevel, string> = {
  'entry-summary-declaration': 'mrn',
  'master-consignment': 'transportDocumentMasterLevel',
  container: 'containerIdentificationNumber',
  receptacle: 'receptacleIdentificationNumber',
};

/** The workflow id of the presentation this input describes (`pr:{level}:{identifier}`). */
export function presentationWorkflowIdOf(input: PresentationInput): string {
  const identifier = presentationIdentifier(input);
  if (identifier === undefined) throw new TypeError(presentationInputProblems(input).join('; '));
  return presentationWorkflowId(input.level, identifier);
}

/**
 * told: signalled `arrived`; finished: its workflow had already ended (e.g. released by a routing
 * that came first); not-tracked: no workflow for it; undeliverable: Temporal refused the signal
 * (e.g. the house reached its signal limit); pending: not told yet.
 */
export type HouseNoticeOutcome = 'pending' | 'told' | 'finished' | 'not-tracked' | 'undeliverable';

export interface PresentedHouse extends PresentedHouseKey {
  workflowId: string;
  /** input: listed by the ground handler; search: a running house under the presented master. */
  source: 'input' | 'search';
  outcome: HouseNoticeOutcome;
  /** Why an undeliverable house could not be told. */
  reason?: string;
}

/** One presentation sent to Customs; a refusal makes the next attempt use a new requestId. */
export interface PresentationAttempt {
  requestId: string;
  at: string;
  outcome?: 'SUCCESS' | 'REFUSED';
  reason?: string;
}

export interface PresentationStatus {
  workflowId: string;
  level: PresentationLevel;
  identifier: string;
  customsOfficeOfPresentation: string;
  transportMRN?: string;
  erpReference?: string;
  phase: PresentationPhase;
  /** The requestId of the current attempt (the same on every retry of that attempt). */
  requestId?: string;
  attempts: PresentationAttempt[];
  /** Customs' reason for the latest refusal. */
  refusalReason?: string;
  houses: PresentedHouse[];
  /** More running houses name the master than one presentation lists; the rest were not told. */
  housesTruncated?: boolean;
  housesTold: number;
  /** Houses whose workflow had already ended when they were to be told. */
  housesFinished: number;
  housesNotTracked: number;
  needsAttention: boolean;
  needsAttentionReason?: string;
  timeline: Array<{ phase: PresentationPhase; at: string }>;
}

/**
 * What a status read needs, kept in the workflow's memo (key PRESENTATION_MEMO_KEY) at every change,
 * so a read is a describe() that replays nothing; the lists stay behind the `status` query.
 */
export type PresentationSummary = Omit<PresentationStatus, 'houses' | 'attempts' | 'timeline'> & {
  /** How many houses are inside (told, finished, not tracked or pending). */
  houseCount: number;
  attemptCount: number;
  /** Workflow time of the change this summary reflects. */
  updatedAt: string;
};

export const PRESENTATION_MEMO_KEY = 'presentation';

export interface PresentationResult {
  phase: PresentationPhase;
  requestId?: string;
  houses: PresentedHouse[];
}

export const PRESENTATION_MESSAGE_NAMES = {
  retry: 'retry',
  status: 'status',
} as const;

/** Present again after a refusal (a new requestId), or resume a parked step at once. */
export const presentationRetrySignal = defineSignal<[]>(PRESENTATION_MESSAGE_NAMES.retry);
export const presentationStatusQuery = defineQuery<PresentationStatus>(PRESENTATION_MESSAGE_NAMES.status);

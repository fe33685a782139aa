// "MRN unknown" in the shared lifecycle: a POST Customs refuses because it already holds the
// notification (our earlier POST was stored but its answer lost, or another party notified it).
// No look-up of a transport or master by key is documented (DOMAIN.md section 1b), so a person
// supplies the MRN (provideMrn); the notification then goes on as REGISTERED.
import { condition } from '@temporalio/workflow';
import type { LevelIssue, NotificationLevel } from '../../activities/levels-outcomes';
import { isAlreadyInUseText } from '../../src/domain/already-in-use';
import type { NotificationLifecycle } from './lifecycle';
import { LEVEL_REFUSAL_TYPES, type LifecycleStatus, type ProvideMrnRequest } from './lifecycle-types';

/**
 * Customs' transport wording for a second notification with the same key is not documented; the
 * twin answers "… is already registered" (inferred), read here like the house's documented texts.
 */
const ALREADY_REGISTERED = /is already registered/i;

/** Whether a refusal of a POST says Customs already holds this notification. */
export function saysAlreadyHeld(issues: readonly LevelIssue[]): boolean {
  return issues.some((i) => isAlreadyInUseText(i.description) || ALREADY_REGISTERED.test(i.description));
}

/** An MRN as Customs writes them: two digits, the country code, 14 capital letters or digits. */
export const MRN_FORMAT = /^[0-9]{2}[A-Z]{2}[A-Z0-9]{14}$/;

/** What the person who parks on MRN_UNKNOWN reads: what to do and why the MRN is missing. */
export function mrnUnknownReason(level: NotificationLevel, lostAnswer: boolean): string {
  const head = `Customs holds this ${level} but its MRN is unknown: supply it with provideMrn`;
  return lostAnswer
    ? `${head} (an earlier POST reached Customs without its answer)`
    : `${head} (Customs refused the POST as already held: an earlier attempt may have been stored without its answer, or another party notified this ${level}; whoever holds it knows the MRN)`;
}

/** Why provideMrn cannot be accepted now, or undefined. */
export function provideMrnRefusal(
  state: { status: LifecycleStatus; mrnUnknown: boolean; terminal: boolean },
  request: unknown,
): { type: (typeof LEVEL_REFUSAL_TYPES)[keyof typeof LEVEL_REFUSAL_TYPES]; message: string } | undefined {
  const mrn = (request as Partial<ProvideMrnRequest> | undefined)?.mrn;
  if (typeof mrn !== 'string' || !MRN_FORMAT.test(mrn.trim())) {
    const message =
      'mrn must be 18 characters: two digits, the country code and 14 capital letters or digits (e.g. 22NO4TU2HUD59UCBT8)';
    return { type: LEVEL_REFUSAL_TYPES.malformed, message };
  }
  const { status } = state;
  if (status.mrn)
    return { type: LEVEL_REFUSAL_TYPES.mrnNotMissing, message: `the MRN is already known (${status.mrn})` };
  if (state.terminal) return { type: LEVEL_REFUSAL_TYPES.closed, message: `already ${status.phase}` };
  if (!state.mrnUnknown) {
    const message = `Customs has not said it holds this ${status.level}: no MRN is missing`;
    return { type: LEVEL_REFUSAL_TYPES.mrnNotMissing, message };
  }
  return undefined;
}

/**
 * MRN_UNKNOWN: parked with what to do until a person supplies the MRN (then REGISTERED, and a
 * correction that came meanwhile is PUT with it) or a cancel comes (its DELETE waits for the MRN).
 */
export async function awaitMrn<D extends object>(
  lc: NotificationLifecycle<D>,
  issues: LevelIssue[],
): Promise<'registered' | 'cancel'> {
  lc.mrnUnknown = true;
  lc.status.validationIssues = issues;
  lc.setPhase('MRN_UNKNOWN');
  lc.park(mrnUnknownReason(lc.status.level, lc.lostPostAnswer));
  await condition(() => lc.status.mrn !== undefined || lc.cancelRequest !== undefined);
  if (!lc.status.mrn) return 'cancel';
  lc.clearAttention();
  lc.status.validationIssues = [];
  lc.setPhase('REGISTERED');
  return 'registered';
}

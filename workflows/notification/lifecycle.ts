// The notification lifecycle transports and masters share (DESIGN.md): SUBMITTING ->
// AWAITING_VALIDATION -> REGISTERED; a 400 or FAILURE -> REJECTED (parked with every issue) until
// a correction, then sent again; a POST refused as already held -> MRN_UNKNOWN until a person
// supplies the MRN (./lifecycle-mrn.ts); a correction after REGISTERED is a PUT with the MRN; cancel ->
// CANCELLING -> DELETE -> CANCELLED. Generic over the level: the Customs calls and the status come
// in as parameters, so any level (the house too, one day) can run on it.
import type { Duration } from '@temporalio/common';
import { condition } from '@temporalio/workflow';
import type { LevelIssue, LevelValidationOutcome } from '../../activities/levels-outcomes';
import { LEVEL_TERMINAL_PHASES, type LevelPhase } from '../../src/shared';
import { workflowNow } from './clock';
import { ParkInterrupted, rejectedIssues } from './failures';
import { cancelNotification } from './lifecycle-cancel';
import type { LevelCalls } from './lifecycle-calls';
import { awaitMrn, saysAlreadyHeld } from './lifecycle-mrn';
import { awaitCorrection } from './lifecycle-rejected';
import type { CancelRequest, LifecycleStatus, LifecycleTimings } from './lifecycle-types';
import { awaitValidation, guarded, type ParkTarget } from './steps';

export type RegisterOutcome = 'registered' | 'cancel' | 'expired';

export class NotificationLifecycle<D extends object, S extends LifecycleStatus = LifecycleStatus> {
  /** The newest accepted correction not sent yet (a whole document; the latest wins). */
  pending?: D;
  cancelRequest?: CancelRequest;
  retryRequested = false;
  /** Told when a corrected document becomes the one sent (the level shows its fields). */
  onDocument?: (document: D) => void;
  /** The requestId of a POST whose validation was not seen (a cancel asks it for the MRN first). */
  private unvalidatedPost?: string;
  /** Customs refused a POST as already held: the MRN must come from a person (provideMrn). */
  mrnUnknown = false;
  /** A POST failed without an answer: Customs may have stored it (the MRN_UNKNOWN reason says so). */
  lostPostAnswer = false;

  constructor(
    readonly status: S,
    public document: D,
    readonly timings: LifecycleTimings,
    readonly calls: LevelCalls,
    /** Told of every change of phase, MRN or attention (search attributes). */
    private readonly onChange: () => void,
  ) {}

  /** Whether Customs holds (or may hold) the notification: its key fields can no longer change. */
  get keyFixed(): boolean {
    return this.status.mrn !== undefined || this.unvalidatedPost !== undefined || this.mrnUnknown;
  }

  get terminal(): boolean {
    return LEVEL_TERMINAL_PHASES.has(this.status.phase);
  }

  setPhase(phase: LevelPhase): void {
    this.status.updatedAt = workflowNow();
    if (this.status.phase !== phase) this.status.timeline.push({ phase, at: this.status.updatedAt });
    this.status.phase = phase;
    this.onChange();
  }

  park(reason: string): void {
    this.status.needsAttention = true;
    this.status.needsAttentionReason = reason;
    this.status.updatedAt = workflowNow();
    this.onChange();
  }

  /** The MRN a person supplied for a notification Customs holds (validated by the caller). */
  storeMrn(mrn: string): string {
    this.status.mrn = mrn.trim();
    this.status.updatedAt = workflowNow();
    this.onChange();
    return this.status.mrn;
  }

  clearAttention(): void {
    if (!this.status.needsAttention) return;
    this.status.needsAttention = false;
    this.status.needsAttentionReason = undefined;
    this.onChange();
  }

  /** Accepts a whole corrected document (validated by the caller); returns the new revision. */
  queueCorrection(document: D): number {
    this.pending = document;
    this.status.revision += 1;
    return this.status.revision;
  }

  /** The document a change should start from: the newest, sent or not. */
  latestDocument(): D {
    return this.pending ?? this.document;
  }

  /**
   * Sends the document (POST, or PUT once there is an MRN) and awaits its validation, again after
   * every rejection once a correction came, and again for a correction that came meanwhile.
   */
  async register(): Promise<RegisterOutcome> {
    for (;;) {
      if (this.cancelRequest) return 'cancel';
      if (this.pending) {
        this.document = this.pending;
        this.pending = undefined;
        this.onDocument?.(this.document);
      }
      try {
        const issues = await this.sendAndValidate();
        if (issues === undefined) {
          if (!this.pending) return 'registered';
          continue;
        }
        // Only a branch for an "already held" refusal: the runs without one replay unchanged.
        if (!this.status.mrn && saysAlreadyHeld(issues)) {
          if ((await awaitMrn(this, issues)) === 'cancel') return 'cancel';
          if (!this.pending) return 'registered';
          continue;
        }
        const waited = await awaitCorrection(this, issues);
        if (waited !== 'corrected') return waited;
      } catch (error) {
        // A cancel ended a park: the step is abandoned and the cancel path runs.
        if (error instanceof ParkInterrupted) return 'cancel';
        throw error;
      }
    }
  }

  /** One send and its validation: undefined when registered, else the issues Customs gave. */
  private async sendAndValidate(): Promise<LevelIssue[] | undefined> {
    const mrn = this.status.mrn;
    if (!mrn) this.setPhase('SUBMITTING');
    const revision = this.status.revision - (this.pending ? 1 : 0);
    let requestId: string;
    try {
      ({ requestId } = await this.guarded(mrn ? 'PUT' : 'POST', () =>
        this.calls.send(this.document as Record<string, unknown>, mrn, revision).catch((error: unknown) => {
          // Anything but a 400 may have reached Customs and been stored.
          if (!mrn && rejectedIssues(error) === undefined) this.lostPostAnswer = true;
          throw error;
        }),
      ));
    } catch (error) {
      const issues = rejectedIssues(error)?.map((i) => ({ path: i.path, description: i.message }));
      if (!issues) throw error;
      return issues.length > 0 ? issues : [{ path: '', description: 'Customs rejected it without details' }];
    }
    this.status.requestId = requestId;
    if (!mrn) this.unvalidatedPost = requestId;
    this.setPhase('AWAITING_VALIDATION');
    const outcome = await this.awaitValidation(requestId, 'Validation');
    this.unvalidatedPost = undefined;
    if (outcome.status === 'FAILURE') return outcome.issues;
    this.status.mrn = outcome.mrn;
    this.status.validationIssues = [];
    this.setPhase('REGISTERED');
    return undefined;
  }

  /** CANCELLING -> DELETE with the MRN (none: nothing to delete) -> CANCELLED. */
  cancel(): Promise<void> {
    return cancelNotification(this);
  }

  /** The requestId of a POST whose validation was not seen yet, if any. */
  get postAwaitingValidation(): string | undefined {
    return this.unvalidatedPost;
  }

  /** Waits for `wake` (or a cancel, a correction or a retry) for at most `timeout`; true when woken. */
  wait(wake: () => boolean, timeout?: Duration): Promise<boolean> {
    const any = () =>
      wake() || this.pending !== undefined || this.cancelRequest !== undefined || this.retryRequested;
    return timeout === undefined ? condition(any).then(() => true) : condition(any, timeout);
  }

  /**
   * Runs a step; a problem retrying cannot fix parks until `retry` (a transient one also ends by
   * itself after the cool-down). A cancel ends the park (ParkInterrupted) unless the step is the
   * cancel's own; a 400 is the caller's to read.
   */
  guarded<T>(what: string, step: () => Promise<T>, cancellable = true): Promise<T> {
    const passOn = (error: unknown) => rejectedIssues(error) !== undefined;
    return guarded(this.parkTarget(cancellable), what, step, this.timings.transientCoolDown, passOn);
  }

  /** Customs' validation of `requestId`: the short wait, then polls under the deadline, guarded. */
  awaitValidation(requestId: string, what: string, cancellable = true): Promise<LevelValidationOutcome> {
    return awaitValidation(this.parkTarget(cancellable), this.timings, what, () =>
      this.calls.validation(requestId),
    );
  }

  /** What a park needs of the lifecycle; a cancel interrupts it only where `cancellable`. */
  private parkTarget(cancellable: boolean): ParkTarget {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the accessors below need the lifecycle
    const lc = this;
    return {
      park: (reason) => lc.park(reason),
      clearAttention: () => lc.clearAttention(),
      get retryRequested() {
        return lc.retryRequested;
      },
      set retryRequested(value: boolean) {
        lc.retryRequested = value;
      },
      parkInterrupt: cancellable ? () => lc.cancelRequest !== undefined : undefined,
    };
  }
}

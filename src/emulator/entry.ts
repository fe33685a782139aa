// The border (DOMAIN.md section 1b, "Entry status", and section 1 step 7). The twin registers a
// transport at the border at its estimated arrival (standing in for number-plate cameras and airport
// feeds) unless an entry plan says it never arrives; Customs cancels a transport 72 h after its
// estimated arrival when no arrival was registered. Both are settled lazily, on the border clock,
// whenever a transport is read, so no timer has to survive a restart.
import { type EmulatorContext, borderNow } from './context';
import type { Answer } from './http';
import type { StoredTransport } from './movement-store';
import { withExtras } from './style';

/** Documented: Customs cancels a transport this long after its ETA without an arrival. */
export const CANCEL_AFTER_ETA_MS = 72 * 60 * 60 * 1000;

/** Records the entry or Customs' cancellation once the border clock has passed the moment for it. */
export function settle(ctx: EmulatorContext, transport: StoredTransport): void {
  const estimated = transport.document.estimatedDateAndTimeOfArrival;
  if (transport.deleted || transport.enteredAt !== undefined || !estimated) return;
  const eta = Date.parse(estimated);
  const now = borderNow(ctx);
  const arrives = ctx.movement.entryPlanFor(transport)?.arrives !== false;
  if (arrives && now >= eta) {
    transport.enteredAt = eta;
    ctx.changed();
  } else if (!arrives && now >= eta + CANCEL_AFTER_ETA_MS) {
    transport.deleted = true;
    transport.cancelledByCustoms = true;
    ctx.changed();
  }
}

/** The transport with this MRN after settling it; undefined when unknown, deleted or cancelled. */
export function activeTransport(ctx: EmulatorContext, mrn: string): StoredTransport | undefined {
  const transport = ctx.movement.transport(mrn);
  if (!transport) return undefined;
  settle(ctx, transport);
  return transport.deleted ? undefined : transport;
}

/**
 * `{validEntry, customsOfficeOfEntry, timeOfEntry, mrn}`: 404 until the transport is registered at
 * the border (the twin's decision: before that Customs has no entry to report, inferred).
 */
export function entryStatus(ctx: EmulatorContext, mrn: string): Answer {
  const transport = activeTransport(ctx, mrn);
  if (!transport) return { status: 404, body: { error: `Transport ${mrn} not found` } };
  if (transport.enteredAt === undefined) {
    return { status: 404, body: { error: `No entry registered for transport ${mrn}` } };
  }
  const plan = ctx.movement.entryPlanFor(transport);
  const body = {
    validEntry: plan?.validEntry ?? true,
    customsOfficeOfEntry:
      plan?.customsOfficeOfEntry ?? transport.document.customsOfficeOfFirstEntry.referenceNumber,
    // Documented "with milliseconds": toISOString always writes them.
    timeOfEntry: new Date(transport.enteredAt).toISOString(),
    mrn: transport.mrn,
  };
  return { status: 200, body: withExtras(body, ctx.behaviour.style, ctx.now()) };
}

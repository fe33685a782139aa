// Control routes for transports and masters: list them with their MRNs, plan how the border treats
// a transport (valid or refused entry, never arriving), and shift the border clock so a test can
// reach an arrival time or Customs' 72 h cancellation without waiting.
import type { FastifyInstance } from 'fastify';
import { type EmulatorContext, borderNow } from './context';
import { withBody } from './control-behaviour';
import { CONTROL_PREFIX as P, clockSchema, entryPlanSchema } from './control-schemas';
import { settle } from './entry';

function transports(ctx: EmulatorContext) {
  return [...ctx.movement.transports.values()].map((t) => {
    settle(ctx, t);
    const means = t.document.activeBorderTransportMeans;
    return {
      mrn: t.mrn,
      mode: t.mode,
      identificationNumber: means.identificationNumber,
      conveyanceReferenceNumber: means.conveyanceReferenceNumber ?? null,
      scheduledDateAndTimeOfArrival: t.document.scheduledDateAndTimeOfArrival ?? null,
      estimatedDateAndTimeOfArrival: t.document.estimatedDateAndTimeOfArrival ?? null,
      entered: t.enteredAt !== undefined,
      deleted: t.deleted,
      cancelledByCustoms: t.cancelledByCustoms === true,
    };
  });
}

function masters(ctx: EmulatorContext) {
  return [...ctx.movement.masters.values()].map((m) => ({
    ...m.ref,
    mrn: m.mrn,
    mode: m.mode,
    deleted: m.deleted,
  }));
}

const clockView = (ctx: EmulatorContext) => ({
  offsetMs: ctx.behaviour.borderClockOffsetMs,
  borderTime: new Date(borderNow(ctx)).toISOString(),
});

export function registerMovementControlRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get(`${P}/transports`, () => ({ transports: transports(ctx) }));
  app.get(`${P}/masters`, () => ({ masters: masters(ctx) }));
  const plan = withBody(entryPlanSchema, (v) => {
    const { key, ...rest } = v;
    ctx.movement.addEntryPlan({ ...rest, ...key });
    return { plan: v };
  });
  app.put(`${P}/entry-plans`, (req, reply) => plan(req.body, reply));
  const clock = withBody(clockSchema, (v) => {
    ctx.behaviour.borderClockOffsetMs = v.offsetMs;
    return clockView(ctx);
  });
  app.put(`${P}/clock`, (req, reply) => clock(req.body, reply));
  app.get(`${P}/clock`, () => clockView(ctx));
}

// The control API under /__emulator/: no authentication, JSON only, for tests and demos. It is
// how a test registers arrivals, shapes routing, slows processing, injects faults, changes the
// answer style and reads the call log.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { EmulatorContext } from './context';
import {
  CONTROL_PREFIX as P,
  arrivalSchema,
  bulkSignalsSchema,
  callsQuerySchema,
  faultSchema,
  planSchema,
  processingSchema,
  signalsSchema,
} from './control-schemas';
import { registerBehaviourRoutes, withBody } from './control-behaviour';
import { registerMovementControlRoutes } from './control-movement';
import { renderItem } from './feed-items';
import type { SignalInput } from './feed';
import { type HouseRef, keyOf } from './types';

function arrive(ctx: EmulatorContext, refs: HouseRef[]) {
  const now = ctx.now();
  let scheduled = 0;
  for (const ref of refs) {
    const house = ctx.store.active(ref);
    scheduled += ctx.feed.arrive(ref, now, house?.document.documentIssueDate);
    if (house) house.arrived = true;
  }
  return { houses: refs.length, scheduled };
}

function inject(ctx: EmulatorContext, signals: SignalInput[]) {
  const now = ctx.now();
  return ctx.feed.inject(signals, now).map((item) => renderItem(item, ctx.behaviour.style, now));
}

function bulk(ctx: EmulatorContext, input: z.output<typeof bulkSignalsSchema>) {
  const signals: SignalInput[] = [];
  for (let i = 0; i < input.count; i += 1) {
    const house = input.houses[i % input.houses.length]!;
    signals.push({ ...house, routing: input.routing, routingControlLocation: input.routingControlLocation });
  }
  const items = ctx.feed.inject(signals, ctx.now()).filter((i) => !i.malform);
  return {
    published: items.length,
    firstId: items[0]?.seq,
    lastId: items.at(-1)?.seq,
    firstRoutingId: items[0]?.id,
    lastRoutingId: items.at(-1)?.id,
  };
}

function houses(ctx: EmulatorContext) {
  ctx.feed.snapshot(ctx.now()); // publishes what is due, so `arrived` is current
  return [...ctx.store.houses.values()].map((h) => ({
    ...h.ref,
    mrn: h.mrn,
    mode: h.mode,
    documentStatus: h.documentStatus,
    incompleteDocumentationReasonList: h.reasons,
    deleted: h.deleted,
    arrived: h.arrived,
  }));
}

function registerRouting(app: FastifyInstance, ctx: EmulatorContext): void {
  const activeRefs = () => [...ctx.store.houses.values()].filter((h) => !h.deleted).map((h) => h.ref);
  const arrival = withBody(arrivalSchema, (v) => arrive(ctx, 'all' in v ? activeRefs() : [v]));
  app.post(`${P}/arrivals`, (req, reply) => arrival(req.body, reply));
  const signals = withBody(signalsSchema, (v) => ({ items: inject(ctx, v.signals) }));
  app.post(`${P}/routing/signals`, (req, reply) => signals(req.body, reply));
  const bulkSignals = withBody(bulkSignalsSchema, (v) => bulk(ctx, v));
  app.post(`${P}/routing/bulk`, (req, reply) => bulkSignals(req.body, reply));
  const plan = withBody(planSchema, (v) => {
    ctx.feed.setPlan(v, v.steps);
    return { house: keyOf(v), steps: v.steps };
  });
  app.put(`${P}/routing/plans`, (req, reply) => plan(req.body, reply));
  app.get(`${P}/routing`, () => ctx.feed.snapshot(ctx.now()));
}

function registerFaults(app: FastifyInstance, ctx: EmulatorContext): void {
  const processing = withBody(processingSchema, (v) => {
    if (v.house) ctx.store.setProcessing(keyOf(v.house), v);
    else if (v.delayMs !== undefined) ctx.store.delayMs = v.delayMs;
    return { delayMs: ctx.store.delayMs };
  });
  app.put(`${P}/processing`, (req, reply) => processing(req.body, reply));
  const fault = withBody(faultSchema, (v) => {
    ctx.faults.add(v);
    return { faults: ctx.faults.list() };
  });
  app.post(`${P}/faults`, (req, reply) => fault(req.body, reply));
  app.get(`${P}/faults`, () => ({ faults: ctx.faults.list() }));
  app.delete(`${P}/faults`, () => {
    ctx.faults.clear();
    return { faults: [] };
  });
}

export function registerControlRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  // Anything done through the control API may change the state the file keeps.
  app.addHook('onResponse', (request, _reply, done) => {
    if (request.url.startsWith(P)) ctx.changed();
    done();
  });
  registerRouting(app, ctx);
  registerFaults(app, ctx);
  registerBehaviourRoutes(app, ctx);
  registerMovementControlRoutes(app, ctx);
  const calls = withBody(callsQuerySchema, (q) => {
    const house =
      q.house ??
      (q.documentNumber && q.type ? keyOf({ documentNumber: q.documentNumber, type: q.type }) : undefined);
    return ctx.calls.summary({ house, endpoint: q.endpoint });
  });
  app.get(`${P}/calls`, (req, reply) => calls(req.query, reply));
  app.get(`${P}/houses`, () => ({ houses: houses(ctx) }));
  app.post(`${P}/tokens/expire`, () => {
    ctx.tokens.expireAll();
    return { expired: true };
  });
  app.post(`${P}/reset`, () => {
    ctx.store.clear();
    ctx.movement.clear();
    ctx.behaviour.borderClockOffsetMs = 0;
    ctx.feed.clear();
    ctx.faults.clear();
    ctx.calls.clear();
    // Tokens and spent grants survive a reset: connected clients stay logged in.
    return { reset: true };
  });
}

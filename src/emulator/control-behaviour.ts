// Control routes that change how the twin behaves while it runs: the answer style, automatic
// presentation, extra routing items and the "look-up unavailable" switch of the query by key.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { EmulatorContext } from './context';
import { CONTROL_PREFIX as P, behaviourSchema, styleSchema } from './control-schemas';

/** Runs `run` on a valid body; answers 400 with the issues otherwise. */
export function withBody<S extends z.ZodType, R>(schema: S, run: (value: z.output<S>) => R) {
  return (body: unknown, reply: FastifyReply) => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return reply.code(400).send({ error: 'invalid control request', issues });
    }
    return run(parsed.data);
  };
}

export function behaviourView(ctx: EmulatorContext) {
  return {
    autoPresentAfterMs: ctx.behaviour.autoPresentAfterMs,
    extraRoutingItemsEvery: ctx.feed.extraEvery,
    lookupUnavailable: ctx.behaviour.lookupUnavailable ?? null,
  };
}

export function registerBehaviourRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const style = withBody(styleSchema, (v) => {
    ctx.behaviour.style = { ...ctx.behaviour.style, ...v };
    return { style: ctx.behaviour.style };
  });
  app.put(`${P}/style`, (req, reply) => style(req.body, reply));
  app.get(`${P}/style`, () => ({ style: ctx.behaviour.style }));

  const behaviour = withBody(behaviourSchema, (v) => {
    if (v.autoPresentAfterMs !== undefined) ctx.behaviour.autoPresentAfterMs = v.autoPresentAfterMs;
    if (v.extraRoutingItemsEvery !== undefined) ctx.feed.extraEvery = v.extraRoutingItemsEvery;
    if (v.lookupUnavailable !== undefined) ctx.behaviour.lookupUnavailable = v.lookupUnavailable ?? undefined;
    return behaviourView(ctx);
  });
  app.put(`${P}/behaviour`, (req, reply) => behaviour(req.body, reply));
  app.get(`${P}/behaviour`, () => behaviourView(ctx));
}

// `webhooks`: what a consignment has told the ERP, the deliveries given up, and a replay of them.
import type { WebhookStatus } from '../../workflows/consignment/messages';
import { KEY_ARGS, emit, type Command } from './commands-kit';

function formatWebhooks(type: string, documentNumber: string, w: WebhookStatus | undefined): string {
  if (!w)
    return `${type} ${documentNumber} has no webhook (no WEBHOOK_URL or callbackUrl when it started).\n`;
  const lines = [
    `${type} ${documentNumber} tells ${w.url}: ${w.delivered} delivered, ${w.pending} pending, ${w.failed.length} given up`,
    ...w.failed.map((f) => `  #${f.sequence} ${f.phase} (${f.deliveryId}) at ${f.at}: ${f.error}`),
  ];
  if (w.failed.length > 0)
    lines.push(`Send them again: \`digitoll-flow webhooks ${type} ${documentNumber} --replay\`.`);
  return `${lines.join('\n')}\n`;
}

export const webhooks: Command = {
  name: 'webhooks',
  summary: "show a consignment's webhook deliveries (given up ones included); --replay sends those again",
  usage: 'webhooks <type> <documentNumber> [--replay]',
  details: ['--replay  send the deliveries given up again, in order (after the receiver is fixed)'],
  args: KEY_ARGS,
  options: { replay: { type: 'boolean' } },
  async run(ctx) {
    const [type, documentNumber] = ctx.positionals as [string, string];
    const flow = await ctx.flow();
    if (ctx.values.replay === true) await flow.replayWebhooks(type, documentNumber);
    const status = await flow.status(type, documentNumber, { view: 'full' });
    const replayed = ctx.values.replay === true;
    return emit(
      ctx,
      { type, documentNumber, replayRequested: replayed, webhooks: status.webhooks ?? null },
      `${replayed ? 'Replay requested.\n' : ''}${formatWebhooks(type, documentNumber, status.webhooks)}`,
    );
  },
};

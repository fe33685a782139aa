// `list`: one page of consignments by filter; the next page with the token it prints.
import type { ConsignmentListFilter } from '../client';
import { PHASES, type Phase } from '../shared';
import type { Command, CommandContext } from './commands-kit';
import { emit, text } from './commands-kit';
import { CliUsageError } from './errors';
import { formatList } from './format';

function wholeNumber(ctx: CommandContext, option: string): number | undefined {
  const value = text(ctx, option);
  if (value !== undefined && !/^\d+$/.test(value))
    throw new CliUsageError(`--${option} must be a whole number`, 'list');
  return value === undefined ? undefined : Number(value);
}

export const list: Command = {
  name: 'list',
  summary: 'list consignments by phase, needing attention, ERP reference or start time, a page at a time',
  usage:
    'list [--phase PHASE] [--needs-attention] [--erp-reference REF] [--master TYPE:DOC] [--transport KEY] [--started-after ISO] [--started-before ISO] [--page-size N] [--page-token TOKEN]',
  details: [
    `PHASE is one of ${PHASES.join(', ')}.`,
    '--master TYPE:DOC   the houses under one master, e.g. N741:MAWB-1',
    '--transport KEY     the houses on one transport (its workflow id without "tr:")',
    '--page-size N       1 to 1000 per page (default 100; --limit is the older name)',
    '--page-token TOKEN  the next page: the token the previous page printed',
    '--started-after / --started-before  ISO 8601 with an offset, e.g. 2025-06-01T00:00:00Z',
  ],
  args: [],
  options: {
    phase: { type: 'string' },
    'needs-attention': { type: 'boolean' },
    'erp-reference': { type: 'string' },
    master: { type: 'string' },
    transport: { type: 'string' },
    'started-after': { type: 'string' },
    'started-before': { type: 'string' },
    'page-size': { type: 'string' },
    'page-token': { type: 'string' },
    limit: { type: 'string' },
  },
  async run(ctx) {
    const filter: ConsignmentListFilter = {
      phase: text(ctx, 'phase') as Phase | undefined,
      needsAttention: ctx.values['needs-attention'] ? true : undefined,
      erpReference: text(ctx, 'erp-reference'),
      masterDocument: text(ctx, 'master'),
      transport: text(ctx, 'transport'),
      startedAfter: text(ctx, 'started-after'),
      startedBefore: text(ctx, 'started-before'),
      pageSize: wholeNumber(ctx, 'page-size') ?? wholeNumber(ctx, 'limit'),
      pageToken: text(ctx, 'page-token'),
    };
    const page = await (await ctx.flow()).list(filter);
    const more = page.nextPageToken ? `More: --page-token ${page.nextPageToken}\n` : '';
    return emit(ctx, page, `${formatList(page.items)}${more}`);
  },
};

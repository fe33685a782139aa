// The commands: each parses its own arguments, calls the client library once and prints either
// readable text or, with --json, the library's object. Exit codes are decided in run.ts.
import { webhooks } from './webhooks-command';
import { CliUsageError } from './errors';
import { emit, KEY_ARGS, required, text, type Command } from './commands-kit';
import { readDocument, readSubmission } from './files';
import { formatFeed, formatStatus, nextStep } from './format';
import { list } from './list-command';
import { master, presentation, shipment, transport } from './movement-commands';

export type { Command, CommandContext } from './commands-kit';

const submit: Command = {
  name: 'submit',
  summary: 'start a house consignment from a JSON file',
  usage: 'submit <file.json> [--mode road|air|rail|maritime] [--erp-reference REF] [--present-at OFFICE]',
  details: [
    'The file holds either the house consignment document alone (then --mode is required) or',
    '{"mode", "consignment", "erpReference"?, "presentation"?, "timings"?} as in examples/.',
    '--present-at NO351001  present explicitly at this customs office when the transport arrives',
    'Submitting a house that already exists returns that consignment unchanged.',
  ],
  args: ['file'],
  options: {
    mode: { type: 'string' },
    'erp-reference': { type: 'string' },
    'present-at': { type: 'string' },
  },
  async run(ctx) {
    const submission = await readSubmission(ctx.positionals[0]!, {
      mode: text(ctx, 'mode'),
      erpReference: text(ctx, 'erp-reference'),
      presentAt: text(ctx, 'present-at'),
    });
    const result = await (await ctx.flow()).start(submission);
    const { type, documentNumber } = submission.consignment.consignmentHouseLevel.transportDocumentHouseLevel;
    const verb = result.created ? 'Started' : 'Already known, unchanged:';
    return emit(
      ctx,
      { ...result, type, documentNumber, mode: submission.mode },
      `${verb} ${type} ${documentNumber} (${submission.mode}), workflow ${result.workflowId}\n` +
        `Next step: ${nextStep('AWAITING_VALIDATION', type, documentNumber)}\n`,
    );
  },
};

const status: Command = {
  name: 'status',
  summary: 'show where a consignment stands and what to do next',
  usage: 'status <type> <documentNumber>',
  details: [
    '<type> is the CL754 transport document type, e.g. N730; the pair is the business key.',
    'By default the full status (asks the workflow: needs a running worker).',
    '--summary  only the summary the workflow keeps (replays nothing; answers while workers are down)',
  ],
  args: KEY_ARGS,
  options: { summary: { type: 'boolean' } },
  async run(ctx) {
    const [type, documentNumber] = ctx.positionals as [string, string];
    const flow = await ctx.flow();
    const s = ctx.values.summary
      ? await flow.status(type, documentNumber)
      : await flow.status(type, documentNumber, { view: 'full' });
    return emit(ctx, s, formatStatus(s));
  },
};

const correct: Command = {
  name: 'correct',
  summary: 'replace the document of a REJECTED or INCOMPLETE consignment',
  usage: 'correct <type> <documentNumber> <file.json> --reason TEXT [--idempotency-key KEY]',
  details: [
    'The file holds the whole corrected house consignment document (Customs replaces it with a PUT);',
    'documentNumber and type cannot change.',
    '--idempotency-key KEY  repeating the command with the same key applies the correction once',
  ],
  args: [...KEY_ARGS, 'file'],
  options: { reason: { type: 'string' }, 'idempotency-key': { type: 'string' } },
  async run(ctx) {
    const [type, documentNumber, file] = ctx.positionals as [string, string, string];
    const reason = required(ctx, 'reason', 'correct');
    const document = await readDocument(file);
    const revision = await (
      await ctx.flow()
    ).correct(type, documentNumber, document, { reason, idempotencyKey: text(ctx, 'idempotency-key') });
    return emit(
      ctx,
      { type, documentNumber, revision },
      `Correction accepted: ${type} ${documentNumber} is now at revision ${revision}.\n` +
        `Next step: ${nextStep('AWAITING_VALIDATION', type, documentNumber)}\n`,
    );
  },
};

const arrive: Command = {
  name: 'arrive',
  summary: 'report that the transport arrived (presents the consignment when an office is known)',
  usage: 'arrive <type> <documentNumber> [--office OFFICE] [--at ISO-TIME]',
  details: ['--office NO351001  present explicitly at this customs office (CL141)'],
  args: KEY_ARGS,
  options: { office: { type: 'string' }, at: { type: 'string' } },
  async run(ctx) {
    const [type, documentNumber] = ctx.positionals as [string, string];
    const notice = { customsOfficeOfPresentation: text(ctx, 'office'), at: text(ctx, 'at') };
    await (await ctx.flow()).arrive(type, documentNumber, notice);
    return emit(
      ctx,
      { type, documentNumber, arrived: true, ...notice },
      `Arrival recorded for ${type} ${documentNumber}${notice.customsOfficeOfPresentation ? ` at ${notice.customsOfficeOfPresentation}` : ''}.\n` +
        `Next step: ${nextStep('AWAITING_ROUTING', type, documentNumber)}\n`,
    );
  },
};

const cancel: Command = {
  name: 'cancel',
  summary: 'cancel a consignment (DELETE at Customs when registered) and wait until CANCELLED',
  usage: 'cancel <type> <documentNumber> --reason TEXT',
  details: [],
  args: KEY_ARGS,
  options: { reason: { type: 'string' } },
  async run(ctx) {
    const [type, documentNumber] = ctx.positionals as [string, string];
    const reason = required(ctx, 'reason', 'cancel');
    const result = await (await ctx.flow()).cancel(type, documentNumber, { reason });
    return emit(
      ctx,
      result,
      `${type} ${documentNumber} is ${result.phase}${result.mrn ? ` (MRN ${result.mrn})` : ''}: ${result.cancelReason ?? reason}\n`,
    );
  },
};

const retry: Command = {
  name: 'retry',
  summary: 'try the parked step of a consignment again (after fixing the cause)',
  usage: 'retry <type> <documentNumber>',
  details: [],
  args: KEY_ARGS,
  options: {},
  async run(ctx) {
    const [type, documentNumber] = ctx.positionals as [string, string];
    await (await ctx.flow()).retry(type, documentNumber);
    return emit(
      ctx,
      { type, documentNumber, retryRequested: true },
      `Retry requested for ${type} ${documentNumber}; check with \`digitoll-flow status ${type} ${documentNumber}\`.\n`,
    );
  },
};

const provideMrn: Command = {
  name: 'provide-mrn',
  summary: 'supply the MRN of a house Customs holds but whose MRN was lost (phase MRN_UNKNOWN)',
  usage: 'provide-mrn <type> <documentNumber> <mrn>',
  details: [
    'Find the MRN in the Digitoll portal or ask Customs support (18 characters, e.g. 22NO4TU2HUD59UCBT8).',
    'Corrections and cancels that wait for it go on at once.',
  ],
  args: [...KEY_ARGS, 'mrn'],
  options: {},
  async run(ctx) {
    const [type, documentNumber, mrn] = ctx.positionals as [string, string, string];
    const stored = await (await ctx.flow()).provideMrn(type, documentNumber, mrn);
    return emit(
      ctx,
      { type, documentNumber, mrn: stored },
      `MRN ${stored} stored for ${type} ${documentNumber}; check with \`digitoll-flow status ${type} ${documentNumber}\`.\n`,
    );
  },
};

const feed: Command = {
  name: 'feed',
  summary:
    'show the routing feed (marker, counts by class, items needing attention) or acknowledge its items',
  usage: 'feed [acknowledge [--up-to ROUTING_ID] [--note TEXT]]',
  details: [
    'feed              the marker, counts by class, unexplained and undeliverable items',
    'feed acknowledge  the listed items were looked at: clears NeedsAttention unless polls are failing',
    '--up-to ID        acknowledge only up to this listed routing id',
    '--note TEXT       why, kept in the feed status',
  ],
  args: [],
  optionalArgs: ['action'],
  options: { 'up-to': { type: 'string' }, note: { type: 'string' } },
  async run(ctx) {
    const action = ctx.positionals[0];
    if (action !== undefined && action !== 'acknowledge')
      throw new CliUsageError(`unknown feed action "${action}" (only: acknowledge)`, 'feed');
    const flow = await ctx.flow();
    const s =
      action === undefined
        ? await flow.routingFeedStatus()
        : await flow.acknowledgeRoutingFeed({ upTo: text(ctx, 'up-to'), note: text(ctx, 'note') });
    if (!s) throw new FeedNotRunning();
    const done =
      action === undefined ? '' : `Acknowledged ${s.lastAcknowledgement?.acknowledged ?? 0} item(s).\n`;
    return emit(ctx, s, `${done}${formatFeed(s)}`);
  },
};

/** The organisation's routing-feed workflow does not exist (no worker has started it). */
export class FeedNotRunning extends Error {
  override readonly name = 'FeedNotRunning';
  readonly code = 'FEED_NOT_RUNNING';
  constructor() {
    super('the routing feed is not running: start a worker (it starts the feed)');
  }
}

export const COMMANDS: readonly Command[] = [
  submit,
  status,
  list,
  correct,
  arrive,
  cancel,
  retry,
  provideMrn,
  webhooks,
  feed,
  shipment,
  transport,
  master,
  presentation,
];

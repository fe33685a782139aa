// The movement's commands: `shipment submit` (one transport with its masters and houses), and
// `transport`, `master`, `present` / `presentation` for one level each. Human output by default,
// --json for scripts; a shipment with an invalid item exits 1 after starting the others.
import type { LevelStartResult } from '../client';
import { durationMs } from '../client/schemas';
import { toCustomsInstant } from '../domain';
import { CliUsageError, EXIT } from './errors';
import { emit, required, text, type Command, type CommandContext } from './commands-kit';
import { readJsonFile } from './files';

/** A JSON object from the file, or a usage error that says what the file must hold. */
async function readObject(file: string, what: string): Promise<Record<string, unknown>> {
  const value = await readJsonFile(file);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new CliUsageError(`${file}: must hold ${what} as one JSON object`);
  return value as Record<string, unknown>;
}

/**
 * `--arrive-in 2h`: the transport's scheduled and estimated arrival set to now + the duration (and
 * the documents issued now), so an example file can be sent on any day.
 */
export function arrivingIn(shipment: Record<string, unknown>, duration: string): Record<string, unknown> {
  const ms = durationMs(duration);
  if (!Number.isFinite(ms) || ms <= 0)
    throw new CliUsageError(`--arrive-in ${duration}: not a duration such as 2h or 90m`);
  const eta = toCustomsInstant(new Date(Math.ceil((Date.now() + ms) / 1000) * 1000));
  const now = toCustomsInstant(new Date());
  const issued = (doc: unknown) =>
    typeof doc === 'object' && doc !== null ? { ...(doc as object), documentIssueDate: now } : doc;
  return {
    ...shipment,
    transport: {
      ...(issued(shipment.transport) as object),
      scheduledDateAndTimeOfArrival: eta,
      estimatedDateAndTimeOfArrival: eta,
    },
    masters: Array.isArray(shipment.masters) ? shipment.masters.map(issued) : shipment.masters,
    houses: Array.isArray(shipment.houses) ? shipment.houses.map(issued) : shipment.houses,
  };
}

/** provide-mrn: the MRN of a notification Customs holds but whose MRN is unknown (MRN_UNKNOWN). */
const MRN_DETAIL =
  'provide-mrn --mrn 22NO4TU2HUD59UCBT8  the MRN of one Customs holds (phase MRN_UNKNOWN), from the Digitoll portal';

function mrnStored(ctx: CommandContext, mrn: string) {
  return emit(ctx, { mrn }, `MRN ${mrn} stored; a waiting correction or cancel goes on\n`);
}

const STATUS_WORDS: Record<string, string> = { created: 'started', existing: 'already known' };

export const shipment: Command = {
  name: 'shipment',
  summary: 'start one transport with its masters and houses from a JSON file (each its own workflow)',
  usage: 'shipment submit <file.json> [--arrive-in DURATION]',
  details: [
    'The file holds {"mode", "transport", "masters": [...], "houses": [...], "erpReference"?} as in',
    'examples/shipment-road.json; each item is started idempotently, an invalid one starts nothing.',
    '--arrive-in 2h  set the scheduled and estimated arrival to now + 2h (and issue the documents now)',
  ],
  args: ['action', 'file'],
  options: { 'arrive-in': { type: 'string' } },
  async run(ctx) {
    const [action, file] = ctx.positionals as [string, string];
    if (action !== 'submit')
      throw new CliUsageError(`unknown shipment action "${action}" (only: submit)`, 'shipment');
    let request = await readObject(file, 'a shipment');
    const arriveIn = text(ctx, 'arrive-in');
    if (arriveIn) request = arrivingIn(request, arriveIn);
    const result = await (await ctx.flow()).submitShipment(request as never);
    const lines = result.items.map(({ item, level, result: r }) => {
      if (r.outcome === 'invalid')
        return `  ${item} (${level}): INVALID, nothing started\n${r.issues.map((i) => `      ${i.path}: ${i.message}`).join('\n')}`;
      if (r.outcome === 'failed')
        return `  ${item} (${level}): NOT STARTED: ${r.error.message} (repeat the request)`;
      return `  ${item} (${level}): ${STATUS_WORDS[r.outcome]} ${r.workflowId}`;
    });
    const head = result.transport ? `Shipment on transport ${result.transport}\n` : 'Shipment\n';
    const watch = result.transport
      ? `Everything on it: digitoll-flow transport status ${result.transport}, or the Temporal UI filter DigitollTransport="${result.transport}"\n`
      : '';
    emit(ctx, result, `${head}${lines.join('\n')}\n${watch}`);
    return result.items.every((i) => i.result.outcome === 'created' || i.result.outcome === 'existing')
      ? EXIT.ok
      : EXIT.refused;
  },
};

function started(ctx: CommandContext, result: LevelStartResult) {
  const verb = result.created ? 'Started' : 'Already known, unchanged:';
  return emit(ctx, result, `${verb} ${result.level} ${result.key}, workflow ${result.workflowId}\n`);
}

const humanStatus = (s: {
  phase: string;
  mrn?: string;
  needsAttention: boolean;
  needsAttentionReason?: string;
}) =>
  `Phase: ${s.phase}${s.mrn ? `\nMRN: ${s.mrn}` : ''}${s.needsAttention ? `\nNeeds attention: ${s.needsAttentionReason ?? 'yes'}` : ''}\n`;

export const transport: Command = {
  name: 'transport',
  summary: 'a transport: submit, status, arrival (new ETA), correct, cancel, retry, provide-mrn',
  usage:
    'transport submit <file.json> | transport <status|retry> <key> | transport arrival <key> --eta ISO | transport correct <key> <file.json> --reason TEXT | transport cancel <key> --reason TEXT | transport provide-mrn <key> --mrn MRN',
  details: [
    '<key> is {mode}:{identificationNumber}:{scheduled arrival}[:{flight}], as submit prints it.',
    'submit: the file holds {"mode", "transport", "erpReference"?}.',
    '--eta 2025-06-02T15:30:00Z  the new estimated arrival (exactly one PUT at Customs)',
    MRN_DETAIL,
  ],
  args: ['action', 'target'],
  optionalArgs: ['file'],
  options: { eta: { type: 'string' }, reason: { type: 'string' }, mrn: { type: 'string' } },
  async run(ctx) {
    const [action, target, file] = ctx.positionals as [string, string, string | undefined];
    const m = (await ctx.flow()).movement;
    switch (action) {
      case 'submit':
        return started(
          ctx,
          await m.startTransport((await readObject(target, 'a transport request')) as never),
        );
      case 'status': {
        const s = await m.transportStatus(target);
        return emit(ctx, s, `Transport ${target}\n${humanStatus(s)}`);
      }
      case 'arrival': {
        const revision = await m.updateArrival(target, {
          estimatedDateAndTimeOfArrival: required(ctx, 'eta', 'transport'),
        });
        return emit(ctx, { revision }, `New arrival sent as revision ${revision}\n`);
      }
      case 'correct': {
        if (!file) throw new CliUsageError('transport correct needs <key> <file.json>', 'transport');
        const document = await readObject(file, 'the whole transport document');
        const revision = await m.correctTransport(target, document, {
          reason: required(ctx, 'reason', 'transport'),
        });
        return emit(ctx, { revision }, `Correction accepted as revision ${revision}\n`);
      }
      case 'cancel':
        await m.requestCancel('transport', target, { reason: required(ctx, 'reason', 'transport') });
        return emit(ctx, { accepted: true }, 'Cancel accepted: follow the phase to CANCELLED\n');
      case 'retry':
        await m.retry('transport', target);
        return emit(ctx, { accepted: true }, 'Retry signalled\n');
      case 'provide-mrn':
        return mrnStored(ctx, await m.provideMrn('transport', target, required(ctx, 'mrn', 'transport')));
      default:
        throw new CliUsageError(`unknown transport action "${action}"`, 'transport');
    }
  },
};

export const master: Command = {
  name: 'master',
  summary: 'a master consignment: submit, status, correct, cancel, retry, provide-mrn',
  usage:
    'master submit <file.json> | master <status|retry> <type:documentNumber> | master correct <type:documentNumber> <file.json> --reason TEXT | master cancel <type:documentNumber> --reason TEXT | master provide-mrn <type:documentNumber> --mrn MRN',
  details: ['submit: the file holds {"mode", "master", "erpReference"?, "transport"?}.', MRN_DETAIL],
  args: ['action', 'target'],
  optionalArgs: ['file'],
  options: { reason: { type: 'string' }, mrn: { type: 'string' } },
  async run(ctx) {
    const [action, target, file] = ctx.positionals as [string, string, string | undefined];
    const m = (await ctx.flow()).movement;
    if (action === 'submit')
      return started(ctx, await m.startMaster((await readObject(target, 'a master request')) as never));
    const [type, ...rest] = target.split(':');
    const documentNumber = rest.join(':');
    if (!type || !documentNumber)
      throw new CliUsageError(`${target}: write the master as TYPE:DOCUMENT, e.g. N741:MAWB-1`, 'master');
    switch (action) {
      case 'status': {
        const s = await m.masterStatus(type, documentNumber);
        return emit(ctx, s, `Master ${target}\n${humanStatus(s)}`);
      }
      case 'correct': {
        if (!file)
          throw new CliUsageError('master correct needs <type:documentNumber> <file.json>', 'master');
        const document = await readObject(file, 'the whole master document');
        const revision = await m.correctMaster(type, documentNumber, document, {
          reason: required(ctx, 'reason', 'master'),
        });
        return emit(ctx, { revision }, `Correction accepted as revision ${revision}\n`);
      }
      case 'cancel':
        await m.requestCancel('master', target, { reason: required(ctx, 'reason', 'master') });
        return emit(ctx, { accepted: true }, 'Cancel accepted: follow the phase to CANCELLED\n');
      case 'retry':
        await m.retry('master', target);
        return emit(ctx, { accepted: true }, 'Retry signalled\n');
      case 'provide-mrn':
        return mrnStored(ctx, await m.provideMrn('master', target, required(ctx, 'mrn', 'master')));
      default:
        throw new CliUsageError(`unknown master action "${action}"`, 'master');
    }
  },
};

export const presentation: Command = {
  name: 'presentation',
  summary: 'present an ENS, master, container or receptacle explicitly; status and retry',
  usage: 'presentation submit <file.json> | presentation <status|retry> <level> <identifier>',
  details: [
    'submit: the file holds {"level", "customsOfficeOfPresentation", the level\'s identifier, "houses"?}.',
    'level: entry-summary-declaration, master-consignment, container, receptacle.',
  ],
  args: ['action', 'target'],
  optionalArgs: ['identifier'],
  options: {},
  async run(ctx) {
    const [action, target, identifier] = ctx.positionals as [string, string, string | undefined];
    const m = (await ctx.flow()).movement;
    if (action === 'submit')
      return started(ctx, await m.startPresentation((await readObject(target, 'a presentation')) as never));
    if (!identifier)
      throw new CliUsageError(`presentation ${action} needs <level> <identifier>`, 'presentation');
    if (action === 'status') {
      const s = await m.presentationStatus(target as never, identifier);
      return emit(
        ctx,
        s,
        `Presentation ${target} ${identifier}\n${humanStatus(s)}Houses told: ${s.housesTold}\n`,
      );
    }
    if (action === 'retry') {
      await m.retry('presentation', `${target}:${identifier}`);
      return emit(ctx, { accepted: true }, 'Retry signalled\n');
    }
    throw new CliUsageError(`unknown presentation action "${action}"`, 'presentation');
  },
};

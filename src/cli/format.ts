// Human-readable output: where a consignment stands, why, and the command that moves it on.
// `--json` bypasses all of this and prints the library's objects as they are.
import type { Phase } from '../shared';
import type { ConsignmentStatus } from '../../workflows/consignment/messages';
import type { StatusSummary } from '../client';
import type { RoutingFeedStatus } from '../../workflows/routing-feed/messages';

const quote = (s: string) => (/^[\w.:/-]+$/.test(s) ? s : JSON.stringify(s));

/** The next step for an operator, phrased as the command to run where there is one. */
export function nextStep(phase: Phase, type: string, documentNumber: string, needsAttention = false): string {
  const key = `${quote(type)} ${quote(documentNumber)}`;
  const cli = 'digitoll-flow';
  switch (phase) {
    case 'SUBMITTING':
    case 'AWAITING_VALIDATION':
      return `Customs is validating the latest submission; check again with \`${cli} status ${key}\`.`;
    case 'REJECTED':
    case 'INCOMPLETE':
      return `Send the whole corrected document: \`${cli} correct ${key} <corrected.json> --reason "..."\`.`;
    case 'REGISTERED':
      return needsAttention
        ? `Fix the cause above, then \`${cli} retry ${key}\`.`
        : `Waiting for arrival (automatic at the border, or \`${cli} arrive ${key} [--office NO351001]\`).`;
    case 'MRN_UNKNOWN':
      return `Customs holds the house but its MRN was lost: find it in the Digitoll portal, then \`${cli} provide-mrn ${key} <MRN>\`.`;
    case 'PRESENTING':
    case 'AWAITING_ROUTING':
      return needsAttention
        ? `Fix the cause above, then \`${cli} retry ${key}\`.`
        : `Waiting for routing from Customs' feed (\`${cli} feed\` shows the feed).`;
    case 'TO_CONTROL':
      return 'Deliver the goods to the agreed control place; waiting for the next routing.';
    case 'ENTRY_PENDING':
      return `Hold the goods; correct the deficiencies (\`${cli} correct ${key} <corrected.json> --reason "..."\`).`;
    case 'CANCELLING':
      return 'Cancelling at Customs.';
    case 'RELEASED':
      return 'Released (TO_ENTRY): the goods may be delivered. Nothing left to do.';
    case 'DENIED':
      return 'Entry denied (seized). Nothing left to do here.';
    case 'CANCELLED':
      return 'Cancelled. Nothing left to do.';
    case 'EXPIRED':
      return "Expired within Customs' limits (reason above): check with Customs, then submit again if the goods still come.";
  }
}

/** The full status or the summary: the lines shown are in both. */
export function formatStatus(s: ConsignmentStatus | StatusSummary): string {
  const lines = [`${s.type} ${s.documentNumber}  (${s.mode}, workflow ${s.workflowId})`];
  const row = (label: string, value: string) => lines.push(`  ${`${label}:`.padEnd(13)}${value}`);
  row('Phase', `${s.phase}${s.needsAttention ? '  ** needs attention **' : ''}`);
  row('MRN', s.mrn ?? (s.mrnUnknown ? '(held by Customs, lost here: provide-mrn)' : '(not yet)'));
  row('Revision', String(s.revision));
  if (s.erpReference) row('ERP ref', s.erpReference);
  if (s.routing)
    row(
      'Routing',
      `${s.routing.routing}${s.routing.controlLocation ? ` (${s.routing.controlLocation})` : ''}`,
    );
  if (s.needsAttentionReason) row('Attention', s.needsAttentionReason);
  if (s.cancelReason) row('Cancelled', s.cancelReason);
  if (s.incompleteReasons.length > 0) {
    lines.push('  Incomplete documentation:');
    for (const r of s.incompleteReasons) lines.push(`    - ${r.code}: ${r.meaning}`);
  }
  if (s.validationErrors.length > 0) {
    lines.push('  Validation errors from Customs:');
    for (const e of s.validationErrors) lines.push(`    - ${e.path || '(document)'}: ${e.message}`);
  }
  row('Next step', nextStep(s.phase, s.type, s.documentNumber, s.needsAttention));
  return `${lines.join('\n')}\n`;
}

export interface ListRow {
  type: string;
  documentNumber: string;
  phase?: string;
  mrn?: string;
  needsAttention?: boolean;
  erpReference?: string;
}

export function formatList(rows: ListRow[]): string {
  if (rows.length === 0) return 'No consignments match.\n';
  const table = [
    ['TYPE', 'DOCUMENT', 'PHASE', 'MRN', 'ATTENTION', 'ERP REF'],
    ...rows.map((r) => [
      r.type,
      r.documentNumber,
      r.phase ?? '?',
      r.mrn ?? '-',
      r.needsAttention ? 'yes' : '-',
      r.erpReference ?? '-',
    ]),
  ];
  const widths = table[0]!.map((_, col) => Math.max(...table.map((line) => line[col]!.length)));
  const render = (line: string[]) =>
    line
      .map((cell, col) => cell.padEnd(widths[col]!))
      .join('  ')
      .trimEnd();
  return `${table.map(render).join('\n')}\n${rows.length} consignment(s)\n`;
}

export function formatFeed(f: RoutingFeedStatus): string {
  const t = f.totals;
  const lines = [
    `Routing feed of ${f.organisation}`,
    ...feedHealth(f),
    `  Marker:      ${f.marker ?? '(start of the feed)'}`,
    `  Last poll:   ${f.lastPollAt ?? '(not yet)'} (${f.lastPageSize} item(s))`,
    `  Totals:      ${t.pages} page(s), ${t.received} received, ${t.delivered} delivered, ${t.failedPolls} failed poll(s)`,
    `  Normal:      ${t.unmatched} for untracked consignments, ${t.alreadyFinal} for finished ones, ${t.transportLevel} transport-level`,
    `  Unexplained: ${t.unknownRouting} unknown routing, ${t.unreadable} unreadable; ${t.undeliverable} undeliverable; ${f.unacknowledged} not acknowledged`,
  ];
  if (f.unexplained.length > 0) {
    lines.push('  Unexplained items (skipped, not delivered):');
    for (const u of f.unexplained) {
      const issues = u.issues.map((i) => `${i.path || '(item)'}: ${i.message}`).join('; ');
      lines.push(
        `    - ${u.class}, routing id ${u.routingId ?? '(none)'}, item ${u.index} of its page${acked(u.acknowledgedAt)}: ${issues}`,
        `      ${u.excerpt}`,
      );
    }
  }
  if (f.undeliverable.length > 0) {
    lines.push('  Undeliverable items (Temporal refused the signal):');
    for (const u of f.undeliverable)
      lines.push(
        `    - ${u.workflowId} ${u.routing} (routing id ${u.routingId})${acked(u.acknowledgedAt)}: ${u.reason}`,
      );
  }
  if (f.recentUnmatched.length > 0) {
    lines.push('  Recent items for untracked consignments:');
    for (const u of f.recentUnmatched) lines.push(`    - ${u.workflowId} (routing id ${u.routingId})`);
  }
  return `${lines.join('\n')}\n`;
}

const acked = (at: string | undefined) => (at ? ` [acknowledged ${at}]` : '');

/** First thing an operator reads: whether the feed needs attention and why, and the latest failure. */
function feedHealth(f: RoutingFeedStatus): string[] {
  const lines = f.needsAttention
    ? [
        `  Status:      NEEDS ATTENTION: ${f.needsAttentionReason ?? 'see below'}`,
        ...(f.unacknowledged > 0 ? ['               (after looking: `digitoll-flow feed acknowledge`)'] : []),
      ]
    : ['  Status:      OK'];
  if (f.lastError) {
    const recovered = f.consecutiveFailures > 0 ? '' : '(recovered since) ';
    lines.push(`  Last error:  ${recovered}${f.lastError.type} at ${f.lastError.at}: ${f.lastError.message}`);
  }
  return lines;
}

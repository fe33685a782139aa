// What replayed signal handlers accept, frozen with the committed histories (STYLE.md 13). The
// shared schemas in src/domain may be tightened or loosened for the gateway and the feed; a signal
// handler that replays an old history must decide exactly as it did then, so it reads with these
// copies. Change them only by adding a new version behind patched(), never in place.
import type { z as Z } from 'zod';

/**
 * Built on first use, not at module load: each workflow evaluates its modules afresh in the
 * sandbox, and most consignments wait for weeks without receiving a signal. Loading zod and
 * building its schemas for every one of them cost CPU on every start and replay, and memory in
 * every cached workflow. (Bundled by webpack all the same: the require is static.)
 */
function frozenSchemas() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { z } = require('zod') as { z: typeof Z };
  const text = z.string().trim().min(1);
  /** null, "" and absent read alike (Customs: "these data elements will be empty"). */
  const optionalText = z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => (typeof v === 'string' && v.trim() !== '' ? v : undefined));
  const id = z.union([z.string().trim().min(1), z.number()]).transform(String);

  const routingItemV1 = z.looseObject({
    transportDocumentHouseLevel: z.looseObject({ referenceNumber: text, type: text }),
    routingResult: z.looseObject({
      id,
      routing: z.enum(['TO_ENTRY', 'TO_CONTROL', 'ENTRY_PENDING', 'ENTRY_DENIED']),
      routingControlLocation: optionalText,
    }),
    routingControlLocation: optionalText,
  });

  const correctedDocumentV1 = z.looseObject({
    documentIssueDate: text,
    consignmentHouseLevel: z.looseObject({
      transportDocumentHouseLevel: z.looseObject({ documentNumber: text, type: text }),
    }),
  });
  return { routingItemV1, correctedDocumentV1 };
}

// The bundle preloads this module (src/workflow-bundle-options.ts), so the schemas are built once
// per worker thread and serve every workflow: they are pure and hold nothing of a workflow.
let built: ReturnType<typeof frozenSchemas> | undefined;
const schemas = () => (built ??= frozenSchemas());

export type RoutingSignalV1 = Z.output<ReturnType<typeof frozenSchemas>['routingItemV1']>;

/** The routing signal as the consignment workflow applies it (version 1). */
export function readRoutingSignalV1(
  raw: unknown,
): { ok: true; item: RoutingSignalV1 } | { ok: false; problems: string[] } {
  const parsed = schemas().routingItemV1.safeParse(raw);
  if (parsed.success) return { ok: true, item: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}

/**
 * What the `correct` signal (the UI's way in) requires of a document (version 1): its shape and
 * key. The full rules are checked by the update's validator and the client library (not replayed),
 * and by Customs, whose refusal parks the consignment with the reason.
 */
export function correctedDocumentProblemsV1(document: unknown): string[] {
  const parsed = schemas().correctedDocumentV1.safeParse(document);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`);
}

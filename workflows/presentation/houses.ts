// The tracked houses inside a presented level, and telling each that it is presented: those the
// ground handler listed, plus, for a master, the running houses whose DigitollMasterDocument names
// it. A house that is not running is reported as not tracked, never as an error.
import { consignmentWorkflowId } from '../../src/shared';
import { workflowNow } from '../notification/clock';
import type { PresentedHouse, PresentedHouseKey } from './messages';
import type { PresentationState } from './state';
import type { PresentationSteps } from './steps';

/** Houses told per activity, so one result stays small in history. */
const TELL_BATCH = 100;

const keyOf = (h: PresentedHouseKey) => consignmentWorkflowId(h.type, h.documentNumber);

/** Collects the houses to tell into the status (input first, then those found by search). */
export async function gatherHouses(p: PresentationState, steps: PresentationSteps): Promise<void> {
  const houses = new Map<string, PresentedHouse>();
  const add = (h: PresentedHouseKey, source: PresentedHouse['source']) => {
    const workflowId = keyOf(h);
    if (houses.has(workflowId)) return;
    houses.set(workflowId, {
      type: h.type,
      documentNumber: h.documentNumber,
      workflowId,
      source,
      outcome: 'pending',
    });
  };
  for (const h of p.input.houses ?? []) add(h, 'input');
  if (p.input.level === 'master-consignment') {
    const found = await steps.guarded('Houses under the master', () =>
      steps.acts.findHousesUnderMaster.executeWithOptions(
        { ...steps.base, summary: `Running houses under ${p.status.identifier}` },
        [{ masterDocument: p.status.identifier }],
      ),
    );
    for (const h of found.houses) add(h, 'search');
    if (found.truncated) p.status.housesTruncated = true;
  }
  p.status.houses = [...houses.values()];
  p.publish();
}

/** Tells every gathered house it is presented (signal `arrived` with `presentedBy`). */
export async function tellHouses(p: PresentationState, steps: PresentationSteps): Promise<void> {
  const pending = p.status.houses.filter((h) => h.outcome === 'pending');
  for (let i = 0; i < pending.length; i += TELL_BATCH) {
    const batch = pending.slice(i, i + TELL_BATCH);
    const told = await steps.guarded('Telling the houses', () =>
      steps.acts.tellHousesPresented.executeWithOptions(
        { ...steps.base, summary: `Tell ${batch.length} houses they are presented` },
        [
          {
            houses: batch.map(({ type, documentNumber }) => ({ type, documentNumber })),
            presentedBy: p.status.workflowId,
            at: workflowNow(),
          },
        ],
      ),
    );
    const byId = new Map(told.outcomes.map((o) => [o.workflowId, o]));
    for (const house of batch) {
      const outcome = byId.get(house.workflowId);
      if (!outcome) continue;
      house.outcome = outcome.outcome;
      if (outcome.reason) house.reason = outcome.reason;
    }
    p.status.housesTold = p.status.houses.filter((h) => h.outcome === 'told').length;
    p.status.housesFinished = p.status.houses.filter((h) => h.outcome === 'finished').length;
    p.status.housesNotTracked = p.status.houses.filter((h) => h.outcome === 'not-tracked').length;
    p.publish();
  }
}

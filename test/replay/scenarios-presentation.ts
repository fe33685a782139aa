// Recorded paths of explicit presentation: the presentation workflow telling tracked houses, and a
// house told by a presentation of a level above it (behind patch 'presented-above').
import { statusQuery } from '../../workflows/consignment/messages';
import { waitForPhase } from '../integration/consignment.harness';
import {
  OFFICE,
  houseDocument,
  startHouse,
  startPresentation,
} from '../integration/presentation/presentation.helpers';
import type { Scenario } from './scenario-kit';
import { recordRun } from './scenarios-movement';

const unique = () => `${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;

export const PRESENTATION_SCENARIOS: Record<string, Scenario> = {
  /**
   * The playground's ENS 23NO00000000000003 presented with its houses HC001 and HC002 (N740)
   * registered: PRESENTED, both told. Its ids are fixed by the playground, so it runs on a server
   * of its own (no run of another test can hold them), and the feed polls only when told to, so
   * no routing ends a house before it is told.
   */
  presentationEns: {
    dynamicConfig: {},
    ownHarness: { feedPollInterval: '1 hour' },
    async run(h) {
      const houses = [houseDocument('N740', 'HC001'), houseDocument('N740', 'HC002')];
      for (const doc of houses) await waitForPhase(await startHouse(h, doc), 'REGISTERED');
      const presentation = await startPresentation(h, {
        level: 'entry-summary-declaration',
        mrn: '23NO00000000000003',
        houses: [
          { type: 'N740', documentNumber: 'HC001' },
          { type: 'N740', documentNumber: 'HC002' },
        ],
      });
      const result = await presentation.result();
      const told = result.houses.filter((house) => house.outcome === 'told').length;
      if (result.phase !== 'PRESENTED' || told !== 2)
        throw new Error(`expected PRESENTED with 2 houses told, got ${result.phase} with ${told}`);
      return recordRun('presentationEns', presentation);
    },
  },
  /**
   * A registered house that would present itself is told by its master's presentation before any
   * routing: it does not present, and the routing that follows releases it.
   */
  presentedAbove: {
    async run(h) {
      const master = `MAWB-${unique()}`;
      const key = { type: 'N740', documentNumber: `${master}-1` };
      // Routing comes a while after the presentation, so the house hears of the presentation first.
      await h.control.setRoutingPlan(key, [{ routing: 'TO_ENTRY', afterMs: 2_000 }]);
      const house = await startHouse(h, houseDocument('N740', key.documentNumber, master), {
        master,
        extra: { presentation: { customsOfficeOfPresentation: OFFICE } },
      });
      await waitForPhase(house, 'REGISTERED');
      const presentation = await startPresentation(h, {
        level: 'master-consignment',
        transportDocumentMasterLevel: { type: 'N741', documentNumber: master },
        houses: [key],
      });
      await presentation.result();
      const recorded = await recordRun('presentedAbove', house);
      const { phase, timeline } = await house.query(statusQuery);
      if (phase !== 'RELEASED' || timeline.some((t) => t.phase === 'PRESENTING'))
        throw new Error(`expected RELEASED without presenting itself, got ${phase}`);
      return recorded;
    },
  },
};

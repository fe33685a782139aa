// The bare-Temporal baseline of a consignment's shape, for bench/throughput.ts only (bundled on
// its own): POST, a 1 s wait, the validation poll, arrival, presentation and its poll, routing.
// Every activity is a no-op, so what it costs is Temporal's own share of a consignment.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { BaselineActivities } from './activities';

const customs = proxyActivities<BaselineActivities>({ startToCloseTimeout: '30s' });

export interface BaselineInput {
  documentNumber: string;
}

export async function baselineConsignment(input: BaselineInput): Promise<string> {
  await customs.post(input.documentNumber);
  await sleep('1s');
  await customs.pollValidation(input.documentNumber);
  await customs.arrival(input.documentNumber);
  await customs.present(input.documentNumber);
  await customs.pollPresentation(input.documentNumber);
  await customs.routing(input.documentNumber);
  return 'RELEASED';
}

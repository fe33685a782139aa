// One item of the routing feed (DOMAIN.md section 1, step 6; shape inferred from the vendor's code).
// `routingControlLocation` has been seen at either level; routingControlLocationOf() hides that.
import { z } from 'zod';
import { ROUTINGS, ROUTING_CONTROL_LOCATIONS, type RoutingControlLocation } from './codes';

const controlLocation = z.enum(ROUTING_CONTROL_LOCATIONS);

export const routingResultSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  routing: z.enum(ROUTINGS),
  documentIssueDate: z.string().optional(),
  routingControlLocation: controlLocation.optional(),
});

export const routingItemSchema = z.looseObject({
  transportDocumentHouseLevel: z.looseObject({ referenceNumber: z.string().min(1), type: z.string().min(1) }),
  entrySummaryDeclarationMRN: z.string().optional(),
  receptacleId: z.string().optional(),
  estimatedTimeOfArrival: z.string().optional(),
  activeBorderTransportMeans: z.unknown().optional(),
  routingResult: routingResultSchema,
  routingControlLocation: controlLocation.optional(),
});
export type RoutingItem = z.output<typeof routingItemSchema>;

export function routingControlLocationOf(item: RoutingItem): RoutingControlLocation | undefined {
  return item.routingControlLocation ?? item.routingResult.routingControlLocation;
}

// The query API's view of a movement (DOMAIN.md section 1b, "Query API"): a transport names its
// masters (and direct houses) by document key, a house names its master by key. A referenced master
// counts as received once it is notified with the transport's carrier (documented: the carrier
// must be equal for the link; otherwise the twin leaves it unlinked, inferred). Weights are the
// masters' grossMass and the houses' totalGrossMass, in kg.
import type { EmulatorContext } from './context';
import { activeTransport } from './entry';
import type { Answer } from './http';
import type { StoredMaster, StoredTransport } from './movement-store';
import type { StoredHouse } from './store';
import { withExtras, withOptionals } from './style';
import { type HouseRef, keyOf } from './types';

const sameRef = (a: HouseRef | null | undefined, b: HouseRef) =>
  a?.documentNumber === b.documentNumber && a.type === b.type;
const round = (kg: number) => Math.round(kg * 1000) / 1000;
const total = (values: number[]) => round(values.reduce((a, b) => a + b, 0));
const notFound = (what: string, mrn: string): Answer => ({
  status: 404,
  body: { error: `${what} ${mrn} not found` },
});

/** Registered houses whose consignmentMasterLevel names this master. */
export function housesUnder(ctx: EmulatorContext, master: HouseRef): StoredHouse[] {
  return [...ctx.store.houses.values()].filter(
    (h) =>
      !h.deleted &&
      sameRef(h.document.consignmentHouseLevel.consignmentMasterLevel?.transportDocumentMasterLevel, master),
  );
}

/** The notified master this transport links to by key and carrier. */
export function linkedMaster(ctx: EmulatorContext, transport: StoredTransport, ref: HouseRef) {
  const master = ctx.movement.activeMasterByKey(ref);
  const carrier = transport.document.carrier.identificationNumber;
  return master?.document.consignmentMasterLevel.carrier.identificationNumber === carrier
    ? master
    : undefined;
}

export function referencedMasters(transport: StoredTransport): HouseRef[] {
  return (transport.document.consignmentMasterLevel ?? []).map((m) => m.transportDocumentMasterLevel);
}

/** Houses the transport names directly (inferred place: consignmentMasterLevel[].consignmentHouseLevel[]). */
function referencedHouses(transport: StoredTransport): HouseRef[] {
  const refs = (transport.document.consignmentMasterLevel ?? []).flatMap((m) =>
    (m.consignmentHouseLevel ?? []).map((h) => h.transportDocumentHouseLevel),
  );
  return [...new Map(refs.map((r) => [keyOf(r), r])).values()];
}

const houseWeight = (h: StoredHouse) => h.document.consignmentHouseLevel.totalGrossMass;

function masterNode(ctx: EmulatorContext, ref: HouseRef, master?: StoredMaster) {
  const houses = housesUnder(ctx, ref);
  const node = {
    documentNumber: ref.documentNumber,
    type: ref.type,
    weight: master?.document.consignmentMasterLevel.grossMass,
    sumOfWeightForHouseConsignments: total(houses.map(houseWeight)),
    received: master !== undefined,
    houseConsignments: houses.map((h) => ({ ...h.ref, weight: houseWeight(h), status: h.documentStatus })),
  };
  return withOptionals(node, { weight: 'object' }, ctx.behaviour.style);
}

/** A house entry of the transport-document status lists. */
function houseDocument(ctx: EmulatorContext, ref: HouseRef, house?: StoredHouse) {
  const reasons = house && house.reasons.length > 0 ? house.reasons : undefined;
  const entry = {
    documentNumber: ref.documentNumber,
    type: ref.type,
    received: house !== undefined,
    documentStatus: house?.documentStatus,
    incompleteDocumentationReasonList: reasons,
  };
  const optionals = { documentStatus: 'text', incompleteDocumentationReasonList: 'list' } as const;
  return withExtras(withOptionals(entry, optionals, ctx.behaviour.style), ctx.behaviour.style, ctx.now());
}

export function transportDescendants(ctx: EmulatorContext, mrn: string): Answer {
  const transport = activeTransport(ctx, mrn);
  if (!transport) return notFound('Transport', mrn);
  const masters = referencedMasters(transport).map((ref) => ({
    ref,
    master: linkedMaster(ctx, transport, ref),
  }));
  const direct = referencedHouses(transport).flatMap((ref) => ctx.store.active(ref) ?? []);
  const houseWeights = [...masters.flatMap(({ ref }) => housesUnder(ctx, ref)), ...direct].map(houseWeight);
  const body = {
    sumOfWeightForMasterConsignments: total(
      masters.map(({ master }) => master?.document.consignmentMasterLevel.grossMass ?? 0),
    ),
    sumOfWeightForHouseConsignments: total(houseWeights),
    masterConsignments: masters.map(({ ref, master }) => masterNode(ctx, ref, master)),
  };
  return { status: 200, body: withExtras(body, ctx.behaviour.style, ctx.now()) };
}

export function masterDescendants(ctx: EmulatorContext, mrn: string): Answer {
  const master = ctx.movement.activeMaster(mrn);
  if (!master) return notFound('Master consignment', mrn);
  const body = masterNode(ctx, master.ref, master);
  return { status: 200, body: withExtras(body, ctx.behaviour.style, ctx.now()) };
}

export function transportMastersStatus(ctx: EmulatorContext, mrn: string): Answer {
  const transport = activeTransport(ctx, mrn);
  if (!transport) return notFound('Transport', mrn);
  const body = referencedMasters(transport).map((ref) =>
    withExtras(
      { ...ref, received: linkedMaster(ctx, transport, ref) !== undefined },
      ctx.behaviour.style,
      ctx.now(),
    ),
  );
  return { status: 200, body };
}

export function transportHousesStatus(ctx: EmulatorContext, mrn: string): Answer {
  const transport = activeTransport(ctx, mrn);
  if (!transport) return notFound('Transport', mrn);
  const body = referencedHouses(transport).map((ref) => houseDocument(ctx, ref, ctx.store.active(ref)));
  return { status: 200, body };
}

export function masterHousesStatus(ctx: EmulatorContext, mrn: string): Answer {
  const master = ctx.movement.activeMaster(mrn);
  if (!master) return notFound('Master consignment', mrn);
  const body = housesUnder(ctx, master.ref).map((h) => houseDocument(ctx, h.ref, h));
  return { status: 200, body };
}

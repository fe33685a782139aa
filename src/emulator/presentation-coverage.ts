// What an explicit presentation covers (DOMAIN.md section 1, step 5: "presenting an ENS, master or
// receptacle presents every house inside it"): the playground's rows and the houses registered at
// the twin, found through the level's identifier. A master covers the houses that name it; a
// container the houses whose transportEquipment names it and the houses of every master whose
// transportEquipment names it (inferred: the container holds the master's goods); a receptacle the
// houses that name it; an ENS the playground rows under it.
import type { EmulatorContext } from './context';
import { housesUnder } from './movement-tree';
import type { PresentationTarget } from './presentation-bodies';
import { type HouseRef, keyOf } from './types';

export interface Coverage {
  houses: HouseRef[];
  /** The identifier names something registered, even if no house is inside it yet. */
  known: boolean;
}

const sameHouse = (ref: { documentNumber: string; type?: string }, other: HouseRef) =>
  ref.documentNumber === other.documentNumber && (ref.type === undefined || ref.type === other.type);

function playgroundHouses(ctx: EmulatorContext, target: PresentationTarget): HouseRef[] {
  return ctx.feed
    .playgroundRows(
      (r) =>
        (target.house !== undefined &&
          sameHouse(target.house, { documentNumber: r.houseDocumentNumber, type: r.houseDocumentType })) ||
        (target.receptacle !== undefined && r.receptacleId === target.receptacle) ||
        (target.container !== undefined && r.containerId === target.container) ||
        (target.ens !== undefined && r.entrySummaryDeclarationMRN === target.ens),
    )
    .map((r) => ({ documentNumber: r.houseDocumentNumber, type: r.houseDocumentType }));
}

function registeredHouses(ctx: EmulatorContext, target: PresentationTarget): HouseRef[] {
  const { house, receptacle, container } = target;
  // A house named by its full key is found without reading every house the twin holds.
  if (receptacle === undefined && container === undefined) {
    if (house === undefined) return [];
    if (house.type !== undefined) {
      const found = ctx.store.houses.get(keyOf({ type: house.type, documentNumber: house.documentNumber }));
      return found && !found.deleted ? [found.ref] : [];
    }
  }
  const stored = [...ctx.store.houses.values()].filter((h) => !h.deleted);
  return stored
    .filter(({ ref, document }) => {
      const level = document.consignmentHouseLevel;
      const containers = (level.transportEquipment ?? []).map((t) => t.containerIdentificationNumber);
      return (
        (target.house !== undefined && sameHouse(target.house, ref)) ||
        (target.receptacle !== undefined && level.receptacleIdentificationNumber === target.receptacle) ||
        (target.container !== undefined && containers.includes(target.container))
      );
    })
    .map((h) => h.ref);
}

/** Masters the target names: by key, or as the holder of the container or receptacle. */
function mastersNamed(ctx: EmulatorContext, target: PresentationTarget): HouseRef[] {
  const registered = ctx.movement.activeMasters().filter(({ ref, document }) => {
    const level = document.consignmentMasterLevel;
    const containers = (level.transportEquipment ?? []).map((t) => t.containerIdentificationNumber);
    const receptacles = (level.consignmentHouseLevel ?? []).flatMap((h) =>
      (h.receptacle ?? []).map((r) => r.receptacleIdentificationNumber),
    );
    return (
      (target.master !== undefined && keyOf(target.master) === keyOf(ref)) ||
      (target.container !== undefined && containers.includes(target.container)) ||
      (target.receptacle !== undefined && receptacles.includes(target.receptacle))
    );
  });
  return registered.map((m) => m.ref);
}

export function coverageOf(ctx: EmulatorContext, target: PresentationTarget): Coverage {
  const masters = mastersNamed(ctx, target);
  // A master's houses are found by key whether or not the master itself was notified.
  const masterKeys = target.master ? [target.master, ...masters] : masters;
  // A receptacle holds only the houses that name it, not every house of its master.
  const underMasters = target.receptacle === undefined ? masterKeys.flatMap((m) => housesUnder(ctx, m)) : [];
  const all = [
    ...playgroundHouses(ctx, target),
    ...registeredHouses(ctx, target),
    ...underMasters.map((h) => h.ref),
  ];
  return { houses: [...new Map(all.map((h) => [keyOf(h), h])).values()], known: masters.length > 0 };
}

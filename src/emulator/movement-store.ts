// Transports, master consignments and entry plans known to the twin (DOMAIN.md section 1b). Plain
// data only, so the state file can keep them. Levels are linked by document keys, as Customs links
// them, so nothing here points from one level to another: movement-tree.ts follows the keys.
import type { Mode } from './model';
import type { MasterDocument, TransportDocument } from './movement-documents';
import { type HouseRef, keyOf } from './types';

export interface StoredTransport {
  mrn: string;
  mode: Mode;
  /** mode + identificationNumber + scheduled arrival (+ conveyanceReferenceNumber for air). */
  key: string;
  document: TransportDocument;
  deleted: boolean;
  registeredAt: number;
  /** When the border registered the transport (border clock, ms); unset before. */
  enteredAt?: number;
  /** Set when Customs cancelled it: no arrival within 72 h of its estimated arrival. */
  cancelledByCustoms?: boolean;
}

export interface StoredMaster {
  mrn: string;
  mode: Mode;
  ref: HouseRef;
  document: MasterDocument;
  deleted: boolean;
  registeredAt: number;
}

/** How the border treats a transport: set by a test through the control API. */
export interface EntryPlan {
  transportMrn?: string;
  identificationNumber?: string;
  conveyanceReferenceNumber?: string;
  /** false: "contact Customs before unloading". Default true. */
  validEntry?: boolean;
  /** false: the transport never reaches the border (no entry; Customs cancels it 72 h after the ETA). */
  arrives?: boolean;
  /** Office reported as customsOfficeOfEntry; default the transport's office of first entry. */
  customsOfficeOfEntry?: string;
}

export interface MovementState {
  transports: StoredTransport[];
  masters: StoredMaster[];
  entryPlans: EntryPlan[];
}

/** The key a transport cannot change: a second active transport with it is refused. */
export function transportKeyOf(mode: Mode, document: TransportDocument): string {
  const means = document.activeBorderTransportMeans;
  const parts = [mode, means.identificationNumber, document.scheduledDateAndTimeOfArrival ?? ''];
  if (mode === 'air') parts.push(means.conveyanceReferenceNumber ?? '');
  return parts.join(':');
}

export class Movement {
  readonly transports = new Map<string, StoredTransport>();
  readonly masters = new Map<string, StoredMaster>();
  private entryPlans: EntryPlan[] = [];

  saveTransport(transport: StoredTransport): void {
    this.transports.set(transport.mrn, transport);
  }

  saveMaster(master: StoredMaster): void {
    this.masters.set(master.mrn, master);
  }

  transport(mrn: string): StoredTransport | undefined {
    return this.transports.get(mrn);
  }

  activeTransportByKey(key: string): StoredTransport | undefined {
    return [...this.transports.values()].find((t) => !t.deleted && t.key === key);
  }

  activeMaster(mrn: string): StoredMaster | undefined {
    const master = this.masters.get(mrn);
    return master && !master.deleted ? master : undefined;
  }

  activeMasterByKey(ref: HouseRef): StoredMaster | undefined {
    return [...this.masters.values()].find((m) => !m.deleted && keyOf(m.ref) === keyOf(ref));
  }

  activeMasters(): StoredMaster[] {
    return [...this.masters.values()].filter((m) => !m.deleted);
  }

  addEntryPlan(plan: EntryPlan): void {
    this.entryPlans.push(plan);
  }

  /** The newest plan naming this transport by MRN or by vehicle (and flight, when the plan gives one). */
  entryPlanFor(transport: StoredTransport): EntryPlan | undefined {
    const means = transport.document.activeBorderTransportMeans;
    const matches = (p: EntryPlan) =>
      p.transportMrn === transport.mrn ||
      (p.transportMrn === undefined &&
        p.identificationNumber === means.identificationNumber &&
        (p.conveyanceReferenceNumber === undefined ||
          p.conveyanceReferenceNumber === means.conveyanceReferenceNumber));
    return this.entryPlans.filter(matches).at(-1);
  }

  toState(): MovementState {
    return {
      transports: [...this.transports.values()],
      masters: [...this.masters.values()],
      entryPlans: this.entryPlans,
    };
  }

  load(state: MovementState): void {
    for (const transport of state.transports) this.saveTransport(transport);
    for (const master of state.masters) this.saveMaster(master);
    this.entryPlans = [...state.entryPlans];
  }

  clear(): void {
    this.transports.clear();
    this.masters.clear();
    this.entryPlans = [];
  }
}

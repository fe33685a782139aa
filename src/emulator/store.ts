// Houses, notification requests and presentations known to the twin. Plain data only, so the whole
// state can be written to a file and read back (state-file.ts).
import { randomUUID } from 'node:crypto';
import type { HouseDocument } from './document';
import type { IncompleteReason, Mode, ValidationOutcome } from './model';
import { type HouseRef, keyOf } from './types';

export interface StoredHouse {
  mrn: string;
  mode: Mode;
  ref: HouseRef;
  document: HouseDocument;
  documentStatus: 'SUCCESS' | 'INCOMPLETE';
  reasons: IncompleteReason[];
  deleted: boolean;
  /** Presented: by an arrival, an explicit presentation or Customs itself (auto presentation). */
  arrived: boolean;
  registeredAt: number;
}

/** The notification level a request belongs to; a house request has none (older state files). */
export type RequestLevel = 'transport' | 'master';

export interface StoredRequest {
  requestId: string;
  /** Only the validation-status endpoint of this level finds the request. */
  level?: RequestLevel;
  house?: string;
  readyAt: number;
  result: ValidationOutcome;
  /** Deferred registration: the house is stored only when this answer is first given. */
  registers?: StoredHouse;
}

export interface HouseProcessing {
  delayMs?: number;
  notReadyPolls: number;
  deferRegistration?: boolean;
  refuseDeletes?: boolean;
}

export interface StoreState {
  houses: StoredHouse[];
  requests: StoredRequest[];
  presentations: StoredRequest[];
}

export class Store {
  readonly houses = new Map<string, StoredHouse>();
  private readonly byMrn = new Map<string, StoredHouse>();
  private readonly requests = new Map<string, StoredRequest>();
  private readonly processing = new Map<string, HouseProcessing>();
  /** Presentation requestIds ever seen: a reuse is a validation error. */
  readonly presentations = new Map<string, StoredRequest>();
  private readonly initialDelayMs: number;

  constructor(public delayMs: number) {
    this.initialDelayMs = delayMs;
  }

  /** The registered (not deleted) house with this business key. */
  active(ref: HouseRef): StoredHouse | undefined {
    const house = this.houses.get(keyOf(ref));
    return house && !house.deleted ? house : undefined;
  }

  byMrnActive(mrn: string): StoredHouse | undefined {
    const house = this.byMrn.get(mrn);
    return house && !house.deleted ? house : undefined;
  }

  save(house: StoredHouse): void {
    this.houses.set(keyOf(house.ref), house);
    this.byMrn.set(house.mrn, house);
  }

  /** Records a request whose result becomes visible after the processing delay. */
  addRequest(
    result: ValidationOutcome,
    now: number,
    options: { house?: string; registers?: StoredHouse; level?: RequestLevel } = {},
  ): string {
    const { house, registers, level } = options;
    const requestId = randomUUID();
    const delay = (house === undefined ? undefined : this.processing.get(house)?.delayMs) ?? this.delayMs;
    this.requests.set(requestId, { requestId, level, house, readyAt: now + delay, result, registers });
    return requestId;
  }

  processingOf(house: string): HouseProcessing | undefined {
    return this.processing.get(house);
  }

  getRequest(requestId: string): StoredRequest | undefined {
    return this.requests.get(requestId);
  }

  /** Ready unless the delay has not passed or the house still owes "not ready" polls. */
  isReady(request: StoredRequest, now: number): boolean {
    const settings = request.house ? this.processing.get(request.house) : undefined;
    if (settings && settings.notReadyPolls > 0) {
      settings.notReadyPolls -= 1;
      return false;
    }
    return now >= request.readyAt;
  }

  setProcessing(house: string, settings: Partial<HouseProcessing>): void {
    const current = this.processing.get(house) ?? { notReadyPolls: 0 };
    this.processing.set(house, {
      delayMs: settings.delayMs ?? current.delayMs,
      notReadyPolls: settings.notReadyPolls ?? current.notReadyPolls,
      deferRegistration: settings.deferRegistration ?? current.deferRegistration,
      refuseDeletes: settings.refuseDeletes ?? current.refuseDeletes,
    });
  }

  toState(): StoreState {
    return {
      houses: [...this.houses.values()],
      requests: [...this.requests.values()],
      presentations: [...this.presentations.values()],
    };
  }

  load(state: StoreState): void {
    for (const house of state.houses) this.save(house);
    for (const request of state.requests) this.requests.set(request.requestId, request);
    for (const request of state.presentations) this.presentations.set(request.requestId, request);
  }

  clear(): void {
    this.delayMs = this.initialDelayMs;
    this.houses.clear();
    this.byMrn.clear();
    this.requests.clear();
    this.processing.clear();
    this.presentations.clear();
  }
}

// Shared setup of the emulator contract tests: an emulator on 127.0.0.1:0 driven by the project's
// own token provider and Digitoll client, plus a sample document and a deadline-bound poller.
import { createTokenProvider } from '../../../src/auth';
import { NotReady, createDigitollClient, TOKEN_PATHS } from '../../../src/digitoll';
import type { DigitollApi } from '../../../src/digitoll';
import type { HouseConsignment, ValidationStatus } from '../../../src/domain';
import {
  ENTRY_SCOPE,
  MODE_SCOPES,
  createEmulatorControl,
  startEmulator,
  type EmulatorControl,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../../src/emulator';
import type { Mode } from '../../../src/shared';
import { eventually as sharedEventually } from '../../helpers/temporal';

export interface Harness {
  emulator: RunningEmulator;
  digitoll: DigitollApi;
  control: EmulatorControl;
  close(): Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator(options);
  const { devCredentials: dev, url } = emulator;
  const tokens = await createTokenProvider({
    clientId: dev.clientId,
    privateKeyPem: dev.privateKeyPem,
    certificateChainPem: dev.certificatePem,
    maskinportenIssuer: emulator.issuer,
    maskinportenTokenUrl: `${url}${TOKEN_PATHS.maskinportenToken}`,
    exchangeUrl: `${url}${TOKEN_PATHS.customsExchange}`,
  });
  const digitoll = createDigitollClient({
    baseUrl: url,
    tokens,
    scopes: { ...MODE_SCOPES, entry: ENTRY_SCOPE },
    timeouts: { headersMs: 1_000, bodyMs: 1_000 },
  });
  return { emulator, digitoll, control: createEmulatorControl(url), close: () => emulator.close() };
}

/** Calls `probe` until it yields a value or the deadline passes (the shared helper, short intervals). */
export function eventually<T>(probe: () => Promise<T | undefined>, deadlineMs = 5_000): Promise<T> {
  return sharedEventually(probe, { timeoutMs: deadlineMs, intervalMs: 20 });
}

/** Polls a validation status until it is no longer NotReady. */
export function validationOf(
  digitoll: DigitollApi,
  mode: Mode,
  requestId: string,
): Promise<ValidationStatus> {
  return eventually(async () => {
    try {
      return await digitoll.getValidationStatus(mode, requestId);
    } catch (error) {
      if (error instanceof NotReady) return undefined;
      throw error;
    }
  });
}

const party = (country: string) => ({
  name: `Company ${country}`,
  typeOfPerson: 2,
  address: { country, city: 'Oslo', postcode: '0150', streetLine: 'Storgata 1' },
});

/** A valid house consignment; `house` fields override the consignmentHouseLevel. */
export function sampleHouse(
  documentNumber: string,
  house: Record<string, unknown> = {},
  type = 'N730',
): HouseConsignment {
  return {
    documentIssueDate: '2024-05-01T10:00:00Z',
    consignmentHouseLevel: {
      transportDocumentHouseLevel: { documentNumber, type },
      containerIndicator: 0,
      totalGrossMass: 12.5,
      numberOfPackages: 2,
      goodsDescription: 'Spare parts',
      importProcedure: { importProcedure: 'CUSTOMS_DECLARATION' },
      consignor: party('SE'),
      consignee: party('NO'),
      ...house,
    },
  } as HouseConsignment;
}

export const TVINN_CUDE = {
  typeOfReference: 'CUDE',
  declarantNumber: '123456789',
  declarationDate: '2022-08-10',
  sequenceNumber: '3',
};

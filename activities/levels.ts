// Activities for the notification levels above the house (transport, master): one module for the
// API area, generic over the level where the API is. Errors are mapped exactly as for houses
// (errors.ts): a 400 is VALIDATION_REJECTED with Customs' issues, a 404 on a poll NOT_READY.
import type { DigitollApi } from '../src/digitoll/api';
import type { MasterDescendants } from '../src/digitoll/levels-readers';
import { deleteByMrn, mapCustomsErrors, notFoundIsNotReady } from './errors';
import type {
  DeleteNotificationInput,
  DescendantsInput,
  DescendantsResult,
  EntryStatusInput,
  EntryView,
  LevelDeleteResult,
  LevelValidationOutcome,
  MasterView,
  NotificationValidationInput,
  ReplaceNotificationInput,
  SubmitNotificationInput,
} from './levels-outcomes';
import { toValidationOutcome } from './outcomes';

export function createLevelActivities(deps: { digitoll: DigitollApi }) {
  const api = deps.digitoll;
  const byLevel = {
    transport: {
      submit: api.submitTransport,
      replace: api.replaceTransport,
      remove: api.deleteTransport,
      validation: api.getTransportValidationStatus,
    },
    master: {
      submit: api.submitMaster,
      replace: api.replaceMaster,
      remove: api.deleteMaster,
      validation: api.getMasterValidationStatus,
    },
  };
  return {
    /** POST a transport or master document; a 400 fails as VALIDATION_REJECTED with its issues. */
    async submitNotification(input: SubmitNotificationInput): Promise<{ requestId: string }> {
      const { requestId } = await mapCustomsErrors(() =>
        byLevel[input.level].submit(input.mode, input.document),
      );
      return { requestId };
    },
    /** PUT the whole corrected document for its MRN. */
    async replaceNotification(input: ReplaceNotificationInput): Promise<{ requestId: string }> {
      const { requestId } = await mapCustomsErrors(() =>
        byLevel[input.level].replace(input.mode, input.mrn, input.document),
      );
      return { requestId };
    },
    /** DELETE by MRN; a 404 means Customs no longer holds it, which is what a DELETE wants. */
    deleteNotification(input: DeleteNotificationInput): Promise<LevelDeleteResult> {
      return deleteByMrn(() => byLevel[input.level].remove(input.mode, input.mrn, input.documentIssueDate));
    },
    /** One poll; "not processed yet" is a retryable benign failure, so the retry policy does the waiting. */
    async checkNotificationValidation(input: NotificationValidationInput): Promise<LevelValidationOutcome> {
      const status = await mapCustomsErrors(() =>
        byLevel[input.level].validation(input.mode, input.requestId),
      );
      const outcome = toValidationOutcome(status);
      if (outcome.status === 'SUCCESS') return { status: 'SUCCESS', mrn: outcome.mrn };
      return {
        status: 'FAILURE',
        issues: outcome.validationErrors.map((e) => ({ path: e.path, description: e.message })),
        notFound: outcome.notFound,
        ...(outcome.unknownStatus === undefined ? {} : { unknownStatus: outcome.unknownStatus }),
      };
    },
    /** Entry status after the border; no entry recorded yet (404) is NOT_READY, retried by policy. */
    async checkEntryStatus(input: EntryStatusInput): Promise<EntryView> {
      const entry = await mapCustomsErrors(() => api.getEntryStatus(input.mode, input.transportMrn));
      return {
        validEntry: entry.validEntry,
        customsOfficeOfEntry: entry.customsOfficeOfEntry,
        timeOfEntry: entry.timeOfEntry,
        mrn: entry.mrn,
      };
    },
    /** What Customs holds under a transport or a master (status-with-descendants). */
    async readDescendants(input: DescendantsInput): Promise<DescendantsResult> {
      // Just registered: the query may not know the MRN for a moment; asked again by policy.
      return mapCustomsErrors(() =>
        notFoundIsNotReady(`descendants of ${input.mrn}`, async (): Promise<DescendantsResult> => {
          if (input.level === 'master') {
            return {
              level: 'master',
              master: toMasterView(await api.getMasterDescendants(input.mode, input.mrn)),
            };
          }
          const tree = await api.getTransportDescendants(input.mode, input.mrn);
          return {
            level: 'transport',
            tree: {
              sumOfWeightForMasterConsignments: tree.sumOfWeightForMasterConsignments,
              sumOfWeightForHouseConsignments: tree.sumOfWeightForHouseConsignments,
              masterConsignments: tree.masterConsignments.map(toMasterView),
            },
          };
        }),
      );
    },
  };
}

export type LevelActivities = ReturnType<typeof createLevelActivities>;

/** Only the fields the status shows (unknown fields Customs adds stay out of workflow history). */
function toMasterView(m: MasterDescendants): MasterView {
  return {
    documentNumber: m.documentNumber,
    type: m.type,
    weight: m.weight,
    sumOfWeightForHouseConsignments: m.sumOfWeightForHouseConsignments,
    received: m.received,
    houseConsignments: m.houseConsignments.map((h) => ({
      documentNumber: h.documentNumber,
      type: h.type,
      weight: h.weight,
      status: h.status,
    })),
  };
}

// The undici implementation of LevelsApi: the transport and master endpoints on the same
// authenticated call as the house's (http.ts), paths from paths.ts, answers through tolerant readers.
import type { Mode } from '../shared';
import type { RequestAccepted } from './api';
import type { DigitollScopes } from './client';
import { UnexpectedResponse } from './errors';
import { type CallContext, type CallSpec, call } from './http';
import type { LevelsApi, NotificationLevel } from './levels-api';
import {
  readEntryStatus,
  readMasterDescendants,
  readMasterHouseStatuses,
  readTransportDescendants,
} from './levels-readers';
import { paths } from './paths';
import { type Reading, readRequestAccepted, readValidationStatus } from './readers';

/** Stable endpoint names for metrics, per level (never an MRN or a requestId). */
const ENDPOINTS = {
  transport: { submit: 'submitTransport', replace: 'replaceTransport', delete: 'deleteTransport' },
  master: { submit: 'submitMaster', replace: 'replaceMaster', delete: 'deleteMaster' },
} as const;

export function createLevelEndpoints(ctx: CallContext, scopes: DigitollScopes): LevelsApi {
  async function parsed<T>(reader: (json: unknown) => Reading<T>, spec: CallSpec): Promise<T> {
    const { status, json } = await call(ctx, spec);
    const result = reader(json);
    if (!result.ok) throw new UnexpectedResponse(`${spec.method} ${spec.path}`, status, result.issues);
    return result.value;
  }
  const accepted = (spec: CallSpec): Promise<RequestAccepted> => parsed(readRequestAccepted, spec);

  const submit = (level: NotificationLevel) => (mode: Mode, document: Record<string, unknown>) =>
    accepted({
      method: 'POST',
      endpoint: ENDPOINTS[level].submit,
      path: paths.level(level, mode),
      scope: scopes[mode],
      body: document,
    });
  const replace =
    (level: NotificationLevel) => (mode: Mode, mrn: string, document: Record<string, unknown>) =>
      accepted({
        method: 'PUT',
        endpoint: ENDPOINTS[level].replace,
        path: paths.levelByMrn(level, mode, mrn),
        scope: scopes[mode],
        body: document,
      });
  const remove = (level: NotificationLevel) => (mode: Mode, mrn: string, documentIssueDate: string) =>
    accepted({
      method: 'DELETE',
      endpoint: ENDPOINTS[level].delete,
      path: paths.levelByMrn(level, mode, mrn),
      scope: scopes[mode],
      body: { documentIssueDate },
    });
  const validation = (level: NotificationLevel) => (mode: Mode, requestId: string) =>
    parsed(readValidationStatus, {
      method: 'GET',
      endpoint: `get${level === 'transport' ? 'Transport' : 'Master'}ValidationStatus`,
      path: paths.levelValidationStatus(level, mode, requestId),
      scope: scopes[mode],
      on404: 'not-ready',
    });

  return {
    submitTransport: submit('transport'),
    replaceTransport: replace('transport'),
    deleteTransport: remove('transport'),
    getTransportValidationStatus: validation('transport'),
    submitMaster: submit('master'),
    replaceMaster: replace('master'),
    deleteMaster: remove('master'),
    getMasterValidationStatus: validation('master'),
    getEntryStatus: (mode, transportMrn) =>
      parsed(readEntryStatus, {
        method: 'GET',
        endpoint: 'getEntryStatus',
        path: paths.entryStatus(mode, transportMrn),
        scope: scopes[mode],
        // No entry recorded yet (before the border): ask again.
        on404: 'not-ready',
      }),
    getTransportDescendants: (mode, mrn) =>
      parsed(readTransportDescendants, {
        method: 'GET',
        endpoint: 'getTransportDescendants',
        path: paths.levelDescendants('transport', mode, mrn),
        scope: scopes[mode],
      }),
    getMasterDescendants: (mode, mrn) =>
      parsed(readMasterDescendants, {
        method: 'GET',
        endpoint: 'getMasterDescendants',
        path: paths.levelDescendants('master', mode, mrn),
        scope: scopes[mode],
      }),
    getMasterHouseStatuses: (mode, mrn) =>
      parsed(readMasterHouseStatuses, {
        method: 'GET',
        endpoint: 'getMasterHouseStatuses',
        path: paths.masterHouseStatuses(mode, mrn),
        scope: scopes[mode],
      }),
  };
}

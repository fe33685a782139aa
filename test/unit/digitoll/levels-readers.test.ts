// The tolerant readers of the transport and master query answers: null, "" and absent alike,
// numbers and booleans as strings, unknown fields kept, one object or a list of one.
import {
  readEntryStatus,
  readMasterDescendants,
  readMasterHouseStatuses,
  readTransportDescendants,
} from '../../../src/digitoll';

describe('levels readers', () => {
  it('given an entry status with milliseconds, a numeric MRN and unknown fields, when read, then validEntry with the fields as strings', () => {
    const r = readEntryStatus({
      validEntry: 'true',
      customsOfficeOfEntry: '',
      timeOfEntry: '2026-01-01T10:00:00.000Z',
      mrn: 123,
      traceId: 'x',
    });
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({
        validEntry: true,
        customsOfficeOfEntry: undefined,
        mrn: '123',
        traceId: 'x',
      }),
    });
  });

  it('given an entry status without validEntry, when read, then not readable', () => {
    expect(readEntryStatus({ mrn: '22NO4TU2HUD59UCBT8' }).ok).toBe(false);
  });

  it('given a transport tree with null weights, string weights and a null house list, when read, then numbers, undefined and []', () => {
    const r = readTransportDescendants({
      sumOfWeightForMasterConsignments: '40.5',
      sumOfWeightForHouseConsignments: null,
      masterConsignments: [
        { documentNumber: 'MAWB-A', type: 'N741', weight: null, received: 'false', houseConsignments: null },
      ],
    });
    expect(r).toEqual({
      ok: true,
      value: {
        sumOfWeightForMasterConsignments: 40.5,
        sumOfWeightForHouseConsignments: undefined,
        masterConsignments: [
          {
            documentNumber: 'MAWB-A',
            type: 'N741',
            weight: undefined,
            sumOfWeightForHouseConsignments: undefined,
            received: false,
            houseConsignments: [],
          },
        ],
      },
    });
  });

  it('given an empty body or a list of one master, when read, then an empty tree and that master', () => {
    expect(readTransportDescendants(undefined)).toEqual({ ok: true, value: { masterConsignments: [] } });
    const master = readMasterDescendants([
      { documentNumber: 7, houseConsignments: [{ documentNumber: 'H1', weight: 2 }] },
    ]);
    expect(master.ok && master.value.documentNumber).toBe('7');
    expect(master.ok && master.value.houseConsignments[0]).toMatchObject({ documentNumber: 'H1', weight: 2 });
  });

  it('given house statuses as one object, a list or nothing, when read, then always a list', () => {
    expect(readMasterHouseStatuses(null)).toEqual({ ok: true, value: [] });
    const one = readMasterHouseStatuses({
      documentNumber: 'H1',
      type: 'N740',
      incompleteDocumentationReasonList: null,
    });
    expect(one.ok && one.value).toEqual([
      expect.objectContaining({ documentNumber: 'H1', incompleteDocumentationReasonList: [] }),
    ]);
  });
});

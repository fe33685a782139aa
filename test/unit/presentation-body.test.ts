// The body of an explicit presentation per level (DOMAIN.md section 1, step 5): the level's
// identifier sits where Customs documents (house) or where the master-consignment body puts it
// (master, inferred), and nothing else is sent.
import type { PresentationRequest } from '../../src/digitoll/api';
import { presentationBody } from '../../src/digitoll/paths';

const base = { requestId: '3f1c2b7e-8a9d-4c1b-9e2f-0a1b2c3d4e5f', customsOfficeOfPresentation: 'NO351001' };
const house = { documentNumber: 'HC001', type: 'N740' };

describe('presentation body', () => {
  it('given a house, then its key sits in consignmentHouseLevel.transportDocumentHouseLevel and not at the top level', () => {
    const body = presentationBody({
      ...base,
      level: 'house-consignment',
      transportDocumentHouseLevel: house,
    });
    expect(body).toEqual({ ...base, consignmentHouseLevel: { transportDocumentHouseLevel: house } });
    expect(body).not.toHaveProperty('transportDocumentHouseLevel');
  });

  it('given a house with a transport MRN, then transportMRN is sent beside the house key', () => {
    const body = presentationBody({
      ...base,
      level: 'house-consignment',
      transportDocumentHouseLevel: house,
      transportMRN: '25NO4TU2HUD59UCBT8',
    });
    expect(body).toEqual({
      ...base,
      transportMRN: '25NO4TU2HUD59UCBT8',
      consignmentHouseLevel: { transportDocumentHouseLevel: house },
    });
  });

  it('given no transport MRN, then no transportMRN field is sent at all', () => {
    const body = presentationBody({ ...base, level: 'receptacle', receptacleIdentificationNumber: 'R1' });
    expect(Object.keys(body).sort()).toEqual(
      ['customsOfficeOfPresentation', 'receptacleIdentificationNumber', 'requestId'].sort(),
    );
  });

  it('given a master, then its key sits in consignmentMasterLevel.transportDocumentMasterLevel', () => {
    const master = { documentNumber: '176-12345675', type: 'N741' };
    const body = presentationBody({
      ...base,
      level: 'master-consignment',
      transportDocumentMasterLevel: master,
    });
    expect(body).toEqual({ ...base, consignmentMasterLevel: { transportDocumentMasterLevel: master } });
  });

  it.each<[PresentationRequest['level'], Partial<PresentationRequest>, Record<string, unknown>]>([
    ['entry-summary-declaration', { mrn: '23NO00000000000001' }, { mrn: '23NO00000000000001' }],
    [
      'receptacle',
      { receptacleIdentificationNumber: 'GBASFZMLBKONAUN30001001019999' },
      { receptacleIdentificationNumber: 'GBASFZMLBKONAUN30001001019999' },
    ],
    [
      'container',
      { containerIdentificationNumber: 'JARU0000010' },
      { containerIdentificationNumber: 'JARU0000010' },
    ],
  ])('given the %s level, then its identifier is a top-level field', (level, fields, expected) => {
    expect(presentationBody({ ...base, level, ...fields })).toEqual({ ...base, ...expected });
  });
});

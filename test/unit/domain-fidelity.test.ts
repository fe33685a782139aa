// What the strict writer lets through, rule by rule (DOMAIN.md section 2): VOEC goods items with the
// v2 field names, Norwegian identification numbers with their NO prefix, UN/LOCODEs from the list
// in either written form.
import { formatIssues, houseConsignmentSchema } from '../../src/domain';
import { UNLOCODE_LIST } from '../../src/domain/unlocode-list';
import { compactUnLocode, unLocodeName } from '../../src/domain/unlocode';
import { sampleHouseConsignment, type DeepPartial } from '../fixtures/documents';
import type { HouseConsignment } from '../../src/domain';

function issuesOf(doc: unknown) {
  const result = houseConsignmentSchema.safeParse(doc);
  return result.success ? [] : formatIssues(result.error);
}
const house = (patch: DeepPartial<HouseConsignment['consignmentHouseLevel']>) =>
  sampleHouseConsignment({ consignmentHouseLevel: patch });

const voecItem = (overrides: Record<string, unknown> = {}) => ({
  itemAmountInvoicedVOEC: { value: 2999.5, numberOfItems: 2 },
  commodityCodeVOEC: { harmonizedSystemSubheadingCode: '620520' },
  additionalFiscalReferences: { vatIdentificationNumber: 'NO2026000001', role: 'FR5' },
  ...overrides,
});
const voec = (...items: unknown[]) =>
  house({
    importProcedure: { importProcedure: 'IMMEDIATE_RELEASE_VOEC' },
    previousDocuments: [],
    goodsItem: items as never,
  });
const GOODS = 'consignmentHouseLevel.goodsItem[0]';

describe('VOEC goods items', () => {
  it('given a complete v2 goods item under IMMEDIATE_RELEASE_VOEC, then the document is valid and keeps it', () => {
    const result = houseConsignmentSchema.safeParse(voec(voecItem()));
    expect(result.success).toBe(true);
    expect(result.data?.consignmentHouseLevel.goodsItem).toEqual([voecItem()]);
  });

  it('given a value of 3000 it passes, and 3000.01 is refused at itemAmountInvoicedVOEC.value', () => {
    expect(issuesOf(voec(voecItem({ itemAmountInvoicedVOEC: { value: 3000, numberOfItems: 1 } })))).toEqual(
      [],
    );
    expect(
      issuesOf(voec(voecItem({ itemAmountInvoicedVOEC: { value: 3000.01, numberOfItems: 1 } }))),
    ).toEqual([
      { path: `${GOODS}.itemAmountInvoicedVOEC.value`, message: 'must be less than or equal to 3000' },
    ]);
  });

  it.each(['62052', '6205201', '6205.2', '62052A'])(
    'given harmonizedSystemSubheadingCode %s, then it must be exactly 6 digits',
    (code) => {
      expect(
        issuesOf(voec(voecItem({ commodityCodeVOEC: { harmonizedSystemSubheadingCode: code } }))),
      ).toEqual([
        {
          path: `${GOODS}.commodityCodeVOEC.harmonizedSystemSubheadingCode`,
          message: 'must be exactly 6 digits',
        },
      ]);
    },
  );

  it('given a fiscal reference role other than FR5, then Customs wording lists FR5', () => {
    const item = voecItem({
      additionalFiscalReferences: { vatIdentificationNumber: 'NO2026000001', role: 'FR1' },
    });
    expect(issuesOf(voec(item))).toEqual([
      { path: `${GOODS}.additionalFiscalReferences.role`, message: 'Must be one of [FR5]' },
    ]);
  });

  it('given the v1 field itemAmountInvoiced instead of itemAmountInvoicedVOEC, then it is refused with what to use', () => {
    const { itemAmountInvoicedVOEC: _, ...rest } = voecItem();
    const issues = issuesOf(voec({ ...rest, itemAmountInvoiced: 100 }));
    expect(issues).toContainEqual({
      path: `${GOODS}.itemAmountInvoiced`,
      message: 'itemAmountInvoiced was removed in v2: use itemAmountInvoicedVOEC {value, numberOfItems}',
    });
    expect(issues).toContainEqual({ path: `${GOODS}.itemAmountInvoicedVOEC`, message: 'must not be null' });
  });

  it('given a goods item under another procedure, then goodsItem is refused', () => {
    expect(issuesOf(house({ goodsItem: [voecItem()] as never }))).toEqual([
      {
        path: 'consignmentHouseLevel.goodsItem',
        message: 'goodsItem is only allowed when importProcedure is IMMEDIATE_RELEASE_VOEC',
      },
    ]);
  });
});

describe('Norwegian identification numbers', () => {
  const NO_ADDRESS = { country: 'NO' };
  const SE_ADDRESS = { country: 'SE' };
  const withCarrier = (carrierIdentificationNumber: string) =>
    house({
      consignmentMasterLevel: {
        carrierIdentificationNumber,
        transportDocumentMasterLevel: { documentNumber: 'M-1', type: 'N741' },
      },
    });

  it('given NO-prefixed numbers for carrier, representative and a Norwegian consignee, then the document is valid', () => {
    const doc = {
      ...withCarrier('NO984661185'),
      representative: { identificationNumber: 'NO984661185', name: 'Speditør AS' },
    };
    expect(issuesOf(doc)).toEqual([]);
  });

  it('given a bare 9-digit consignee number in Norway, then it is refused with the exact value to send', () => {
    expect(
      issuesOf(house({ consignee: { identificationNumber: '984661185', address: NO_ADDRESS } })),
    ).toEqual([
      {
        path: 'consignmentHouseLevel.consignee.identificationNumber',
        message: 'a Norwegian organisation number is sent with the NO prefix: use NO984661185',
      },
    ]);
  });

  it('given a spaced 9-digit number, then the advice still names the compact NO form', () => {
    expect(issuesOf(house({ consignee: { identificationNumber: '984 661 185' } }))[0]?.message).toMatch(
      /use NO984661185$/,
    );
  });

  it.each(['NO98466118', 'NO984661185MVA', 'no984661185', '12345'])(
    'given %s for a consignee in Norway, then it must be NO followed by 9 digits',
    (identificationNumber) => {
      expect(issuesOf(house({ consignee: { identificationNumber, address: NO_ADDRESS } }))).toEqual([
        {
          path: 'consignmentHouseLevel.consignee.identificationNumber',
          message: 'must be NO followed by the 9-digit organisation number, e.g. NO984661185',
        },
      ]);
    },
  );

  it('given a consignor outside Norway with its own number, then no Norwegian rule applies', () => {
    expect(
      issuesOf(house({ consignor: { identificationNumber: '5560360793', address: SE_ADDRESS } })),
    ).toEqual([]);
  });

  it('given a bare 9-digit carrier number, then it is refused with use NO…; a foreign prefixed one passes', () => {
    expect(issuesOf(withCarrier('984661185'))).toEqual([
      {
        path: 'consignmentHouseLevel.consignmentMasterLevel.carrierIdentificationNumber',
        message: 'a Norwegian organisation number is sent with the NO prefix: use NO984661185',
      },
    ]);
    expect(issuesOf(withCarrier('DK12345678'))).toEqual([]);
  });

  it('given a bare 9-digit representative number, then it is refused at representative.identificationNumber', () => {
    const doc = { ...sampleHouseConsignment(), representative: { identificationNumber: '984661185' } };
    expect(issuesOf(doc)).toEqual([
      {
        path: 'representative.identificationNumber',
        message: 'a Norwegian organisation number is sent with the NO prefix: use NO984661185',
      },
    ]);
  });
});

describe('UN/LOCODE', () => {
  it.each(['NOSVD', 'NO SVD'])('given %s, then it is accepted and sent exactly as given', (unloCode) => {
    const result = houseConsignmentSchema.safeParse(house({ placeOfAcceptance: { unloCode } }));
    expect(result.success).toBe(true);
    expect(result.data?.consignmentHouseLevel.placeOfAcceptance).toEqual({ unloCode });
  });

  it('given a well-formed code of a real country that the compact list lacks, then it is sent (Customs checks the place)', () => {
    expect(issuesOf(house({ placeOfDelivery: { unloCode: 'FR LYS' } }))).toEqual([]);
    expect(unLocodeName('FR LYS')).toBeUndefined();
  });

  it('given a code whose country is not an ISO country, then it is refused naming the country part', () => {
    expect(issuesOf(house({ placeOfDelivery: { unloCode: 'QQ ABC' } }))).toEqual([
      {
        path: 'consignmentHouseLevel.placeOfDelivery.unloCode',
        message: 'QQ ABC does not start with an ISO 3166 country code',
      },
    ]);
  });

  it.each(['NOSV', 'NO  SVD', 'nosvd', 'NO-SVD', 'NOSVD1'])(
    'given %s, then the format message shows both forms',
    (code) => {
      expect(issuesOf(house({ placeOfDelivery: { unloCode: code } }))).toEqual([
        {
          path: 'consignmentHouseLevel.placeOfDelivery.unloCode',
          message:
            'must be a UN/LOCODE: a country code and three characters, with or without a space (NOSVD or NO SVD)',
        },
      ]);
    },
  );

  it('carries the Norwegian ports, airports and border crossings named in the brief', () => {
    for (const code of ['NOOSL', 'NOSVG', 'NOBGO', 'NOTRD', 'NOSVD', 'NOORJ', 'NOKKN']) {
      expect({ code, known: unLocodeName(code) !== undefined }).toEqual({ code, known: true });
    }
  });

  it('has only well-formed keys whose country is an ISO country, and compacts the spaced form', () => {
    for (const code of Object.keys(UNLOCODE_LIST)) expect(compactUnLocode(code)).toBe(code);
    expect(compactUnLocode('NO SVD')).toBe('NOSVD');
    expect(unLocodeName('NO SVD')).toBe(UNLOCODE_LIST.NOSVD);
  });
});

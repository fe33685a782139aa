// The presentation's input rules, shared by the workflow and its callers: each level needs its own
// identifier, and the workflow id is `pr:{level}:{identifier}`.
import {
  presentationInputProblems,
  presentationWorkflowIdOf,
  type PresentationInput,
} from '../../../workflows/presentation/messages';

const office = { customsOfficeOfPresentation: 'NO351001' };

test.each<[PresentationInput, string]>([
  [
    { ...office, level: 'entry-summary-declaration', mrn: '23NO00000000000003' },
    'pr:entry-summary-declaration:23NO00000000000003',
  ],
  [
    {
      ...office,
      level: 'master-consignment',
      transportDocumentMasterLevel: { type: 'N741', documentNumber: 'M1' },
    },
    'pr:master-consignment:N741:M1',
  ],
  [
    { ...office, level: 'container', containerIdentificationNumber: 'JARU0000010' },
    'pr:container:JARU0000010',
  ],
  [{ ...office, level: 'receptacle', receptacleIdentificationNumber: 'R1' }, 'pr:receptacle:R1'],
])('given a valid %j, when its id is made, then it is %s and there is no problem', (input, id) => {
  expect(presentationInputProblems(input)).toEqual([]);
  expect(presentationWorkflowIdOf(input)).toBe(id);
});

test('given a master level without the master key and no office, when checked, then both problems are named and no id is made', () => {
  const input = { level: 'master-consignment', mrn: 'X' } as unknown as PresentationInput;
  expect(presentationInputProblems(input)).toEqual([
    'transportDocumentMasterLevel: required for level master-consignment',
    'customsOfficeOfPresentation: required',
  ]);
  expect(() => presentationWorkflowIdOf(input)).toThrow(TypeError);
});

test('given an unknown level or a house without a key, when checked, then each is named', () => {
  const input = {
    ...office,
    level: 'house-consignment',
    houses: [{ type: 'N740' }],
  } as unknown as PresentationInput;
  expect(presentationInputProblems(input)).toEqual([
    'level: must be one of entry-summary-declaration, master-consignment, container, receptacle',
    'houses.0: needs type and documentNumber',
  ]);
});

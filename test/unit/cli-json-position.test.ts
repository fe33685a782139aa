// The CLI names the line and column of a JSON syntax error, since Node's message often has none.
import { firstJsonErrorOffset, positionOf } from '../../src/cli/json-position';

const where = (text: string) => {
  const offset = firstJsonErrorOffset(text);
  return offset === undefined ? undefined : positionOf(text, offset);
};

test.each([['{"a": [1, 2.5e3, true, false, null, "x\\u00e9\\n"], "b": {}}'], ['  []  '], ['"text"']])(
  'given valid JSON %s, then no error offset',
  (text) => {
    expect(firstJsonErrorOffset(text)).toBeUndefined();
    expect(() => JSON.parse(text) as unknown).not.toThrow();
  },
);

test.each([
  ['{\n  "mode": "road",\n  "consignment": }\n', { line: 3, column: 18 }],
  ['{"a": 1,}', { line: 1, column: 9 }],
  ['{\n  "a": tru\n}', { line: 2, column: 8 }],
  ['[1, 2\n', { line: 2, column: 1 }],
  ['{"a": "line\nbreak"}', { line: 1, column: 12 }],
  ['{"a": 01}', { line: 1, column: 8 }],
  ['{} extra', { line: 1, column: 4 }],
  ['', { line: 1, column: 1 }],
])('given invalid JSON %j, then the error is at %j', (text, position) => {
  expect(() => JSON.parse(text) as unknown).toThrow();
  expect(where(text)).toEqual(position);
});

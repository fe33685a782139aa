// The README's configuration table and .env.example must name exactly the variables that
// src/config.ts reads, so documentation cannot drift from the schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSchema } from '../../src/config';

const root = join(__dirname, '../..');
const schemaVariables = Object.keys(envSchema.shape).sort();

test('given the config schema, when the README configuration table is read, then it lists exactly its variables', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split('## Configuration')[1]!.split('\n## ')[0]!;
  const tableVariables = [...section.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]).sort();
  expect(tableVariables).toEqual(schemaVariables);
});

test('given the config schema, when .env.example is read, then it mentions exactly its variables', () => {
  const example = readFileSync(join(root, '.env.example'), 'utf8');
  const variables = [...new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]))].sort();
  expect(variables).toEqual(schemaVariables);
});

// Registers the project's search attributes on a namespace. Used by the dev server helper and by
// deployments that point at an existing cluster; adding is idempotent (existing ones are kept).
import { type Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { SearchAttributeTypeName } from '../shared';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const TYPES: Record<SearchAttributeTypeName, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

export async function listCustomSearchAttributes(
  connection: Connection,
  namespace: string,
): Promise<Record<string, temporal.api.enums.v1.IndexedValueType>> {
  const answer = await connection.operatorService.listSearchAttributes({ namespace });
  return (answer.customAttributes ?? {}) as Record<string, temporal.api.enums.v1.IndexedValueType>;
}

export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
  wanted: ReadonlyArray<{ name: string; type: SearchAttributeTypeName }>,
): Promise<void> {
  const existing = await listCustomSearchAttributes(connection, namespace);
  const missing = wanted.filter((attribute) => !(attribute.name in existing));
  for (const attribute of wanted) {
    const has = existing[attribute.name];
    if (has !== undefined && has !== TYPES[attribute.type]) {
      throw new Error(
        `Search attribute ${attribute.name} exists on namespace ${namespace} with another type; ` +
          `expected ${attribute.type}. Remove it or use another namespace.`,
      );
    }
  }
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((attribute) => [attribute.name, TYPES[attribute.type]])),
  });
}

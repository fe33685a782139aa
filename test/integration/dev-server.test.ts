import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort, startDevServer } from '../../src/dev/dev-server';
import { listCustomSearchAttributes } from '../../src/dev/search-attributes';
import { SEARCH_ATTRIBUTE_LIST } from '../../src/shared';

test('given an existing SQLite database, when the dev server starts again on it, then it serves and all search attributes are still registered', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'digitoll-dev-server-'));
  const dbFilename = join(dir, 'temporal.sqlite');
  try {
    for (let start = 0; start < 2; start++) {
      const server = await startDevServer({
        cliPath: process.env.TEMPORAL_TEST_CLI_PATH!,
        headless: true,
        dbFilename,
      });
      try {
        const connection = await Connection.connect({ address: server.address });
        try {
          const attributes = await listCustomSearchAttributes(connection, server.namespace);
          expect(Object.keys(attributes)).toEqual(
            expect.arrayContaining(SEARCH_ATTRIBUTE_LIST.map((a) => a.name)),
          );
        } finally {
          await connection.close();
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('given a server already on the port, when another dev server is started there, then it refuses instead of using the old one', async () => {
  const port = await freePort();
  const first = await startDevServer({ cliPath: process.env.TEMPORAL_TEST_CLI_PATH!, headless: true, port });
  try {
    await expect(
      startDevServer({ cliPath: process.env.TEMPORAL_TEST_CLI_PATH!, headless: true, port }),
    ).rejects.toThrow(/already in use/);
  } finally {
    await first.stop();
  }
});

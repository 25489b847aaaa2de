// The embedded dev server as the launcher runs it: persistence across a restart (with the search
// attributes registered again on an existing database) and the message for a damaged database.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { DevServerError, startDevServer, waitForDevServer, type DevServerOptions } from '../../scripts/dev-server';
import { stopChild } from '../../scripts/processes';
import { SEARCH_ATTRIBUTES } from '../../config/env';
import { fileDevServerOptions } from '../helpers/dev-server-options';

const options = async (dbFile: string): Promise<DevServerOptions> => ({ ...(await fileDevServerOptions(dbFile)), readyTimeoutMs: 30_000 });

async function withServer<T>(o: DevServerOptions, use: (connection: Connection) => Promise<T>): Promise<T> {
  const server = startDevServer(o);
  try {
    await waitForDevServer(server, o);
    const connection = await Connection.connect({ address: `${o.ip}:${o.port}` });
    try {
      return await use(connection);
    } finally {
      await connection.close();
    }
  } finally {
    await stopChild(server, 10_000);
  }
}

describe('embedded dev server', () => {
  it('keeps workflows and search attributes in its file across a restart', async () => {
    const o = await options(join(mkdtempSync(join(tmpdir(), 'yuqing-db-')), 'temporal.db'));
    const listAttributes = async (connection: Connection) => {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      return Object.keys(customAttributes ?? {}).filter((k) => k.startsWith('Incident')).sort();
    };
    await withServer(o, async (connection) => {
      expect(await listAttributes(connection)).toEqual(Object.keys(SEARCH_ATTRIBUTES).sort());
      // no worker serves this queue: the execution just waits, as an open incident would
      await new Client({ connection }).workflow.start('incidentWorkflow', { taskQueue: 'nobody', workflowId: 'kept', args: [] });
    });
    // second start on the same file registers the same attributes again: accepted, not an error
    await withServer(o, async (connection) => {
      expect(await listAttributes(connection)).toEqual(Object.keys(SEARCH_ATTRIBUTES).sort());
      const kept = await new Client({ connection }).workflow.getHandle('kept').describe();
      expect(kept.status.name).toBe('RUNNING');
    });
  });

  it('names the damaged database file and how to move it aside', async () => {
    const dbFile = join(mkdtempSync(join(tmpdir(), 'yuqing-db-')), 'temporal.db');
    writeFileSync(dbFile, 'this is not a SQLite database, but it is long enough to be read as one '.repeat(100));
    const o = await options(dbFile);
    const server = startDevServer(o);
    const error = await waitForDevServer(server, o).catch((e: unknown) => e);
    await stopChild(server, 5_000);
    expect(error).toBeInstanceOf(DevServerError);
    expect((error as Error).message).toContain(`${dbFile} is damaged`);
    expect((error as Error).message).toContain(`mv ${dbFile} ${dbFile}.broken`);
  });
});

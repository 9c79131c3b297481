// A filled database another process can open: a PGlite directory (closed here, since PGlite allows
// one process at a time) or a PostgreSQL database, with the environment that points the CLI at it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { openTestDatabase, type DriverName } from './databases.ts';

export interface PreparedDatabase {
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export async function prepareDatabase(driver: DriverName, fill: (db: Db) => Promise<void>): Promise<PreparedDatabase> {
  if (driver === 'pglite') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-risk-api-'));
    const database = await connectDatabase({ pgliteDir: dir, migrationsDir: loadConfig().migrationsDir });
    try {
      await fill(database.db);
    } finally {
      await database.close();
    }
    return { env: { MCP_RISK_PGLITE_DIR: dir, DATABASE_URL: '' }, dispose: () => rm(dir, { recursive: true, force: true }) };
  }
  const database = await openTestDatabase('postgres');
  await fill(database.db);
  return { env: { DATABASE_URL: database.url ?? '' }, dispose: () => database.dispose() };
}

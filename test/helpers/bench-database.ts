// A fresh, migrated database for one benchmark run, removed afterwards: a temporary directory for
// PGlite, `mcp_risk_bench_<random>` created next to the given PostgreSQL database.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { loadConfig } from '../../src/config.ts';
import { connectDatabase, type Database } from '../../src/db/connect.ts';
import { POSTGRES_URL } from './databases.ts';

export async function openBenchDatabase(driver: 'pglite' | 'postgres', databaseUrl = POSTGRES_URL): Promise<Database & { dispose(): Promise<void> }> {
  const { migrationsDir } = loadConfig();
  if (driver === 'pglite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'mcp-risk-bench-'));
    const database = await connectDatabase({ pgliteDir: dir, migrationsDir });
    return {
      ...database,
      async dispose() {
        await database.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `mcp_risk_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  try {
    const database = await connectDatabase({ databaseUrl: url.toString(), pgliteDir: 'unused', migrationsDir });
    return {
      ...database,
      async dispose() {
        await database.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end({ timeout: 5 });
      },
    };
  } catch (error) {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
    throw error;
  }
}

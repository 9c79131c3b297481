// Every storage test runs on both drivers: embedded PGlite (in memory) and a real PostgreSQL, each
// test in a database of its own that is dropped afterwards.
import { randomBytes } from 'node:crypto';
import { describe } from 'node:test';
import postgres from 'postgres';
import { loadConfig } from '../../src/config.ts';
import { connectDatabase, type Database } from '../../src/db/connect.ts';

export const POSTGRES_URL =
  process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';

export type DriverName = 'pglite' | 'postgres';

export interface TestDatabase extends Database {
  /** The URL a child process can use (PostgreSQL only). */
  url?: string;
}

let postgresReachable: Promise<boolean> | undefined;

/** Whether the test PostgreSQL answers (asked once per process). */
export function postgresIsReachable(): Promise<boolean> {
  postgresReachable ??= canReachPostgres();
  return postgresReachable;
}

async function canReachPostgres(): Promise<boolean> {
  const client = postgres(POSTGRES_URL, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await client.end({ timeout: 1 });
  }
}

/** Open a fresh, migrated database on the given driver. Call `dispose()` when done. */
export async function openTestDatabase(driver: DriverName): Promise<TestDatabase & { dispose(): Promise<void> }> {
  const { migrationsDir } = loadConfig();
  if (driver === 'pglite') {
    const database = await connectDatabase({ pgliteDir: 'memory://', migrationsDir });
    return { ...database, dispose: () => database.close() };
  }
  const name = `mcp_risk_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = await connectDatabase({ databaseUrl: url.toString(), pgliteDir: 'unused', migrationsDir });
  return {
    ...database,
    url: url.toString(),
    async dispose() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * Define the same suite once per driver. PostgreSQL is required in CI; elsewhere a machine without
 * it skips those suites with a visible reason rather than failing.
 */
export function describeEachDriver(title: string, body: (driver: DriverName) => void): void {
  for (const driver of ['pglite', 'postgres'] as const) {
    describe(`${title} [${driver}]`, async () => {
      if (driver === 'postgres') {
        if (!(await postgresIsReachable())) {
          if (process.env['CI']) throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL}`);
          describe('skipped', { skip: `PostgreSQL not reachable at ${POSTGRES_URL}` }, () => {});
          return;
        }
      }
      body(driver);
    });
  }
}

// Opens the catalog database — embedded PGlite by default, PostgreSQL through postgres.js when a URL
// is given — and applies the committed migrations, so every caller sees the current schema.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { McpRiskError, errorMessage } from '../errors.ts';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  /** `pglite` or `postgres`, for messages and benchmarks. */
  driver: 'pglite' | 'postgres';
  /** Where the data lives: a directory for PGlite, the URL without its password for PostgreSQL. */
  location: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` keeps it in memory (tests). */
  pgliteDir: string;
  migrationsDir: string;
  /** Apply pending migrations (default true). `db status` opens without migrating. */
  migrate?: boolean;
}

export async function connectDatabase(options: ConnectOptions): Promise<Database> {
  const database = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.pgliteDir);
  if (options.migrate !== false) {
    try {
      await migrateDatabase(database, options.migrationsDir);
    } catch (error) {
      await database.close();
      throw new McpRiskError('DB_UNAVAILABLE', `could not apply migrations to ${database.location}: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }
  return database;
}

export async function migrateDatabase(database: Database, migrationsDir: string): Promise<void> {
  const config = { migrationsFolder: migrationsDir };
  // Both drivers' databases are PgDatabase instances; the migrators differ only in their session type.
  if (database.driver === 'pglite') await migratePglite(database.db as Parameters<typeof migratePglite>[0], config);
  else await migratePostgres(database.db as Parameters<typeof migratePostgres>[0], config);
}

async function openPglite(dir: string): Promise<Database> {
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  let client: PGlite;
  try {
    client = await PGlite.create(dir);
  } catch (error) {
    throw new McpRiskError('DB_UNAVAILABLE', `could not open the embedded database at ${dir}: ${errorMessage(error)}`, {
      hint: 'another mcp-risk process may hold it open; PGlite allows one process at a time',
      cause: error,
    });
  }
  const db = drizzlePglite(client, { schema });
  return { db, driver: 'pglite', location: dir, close: () => client.close() };
}

async function openPostgres(url: string): Promise<Database> {
  const location = redactUrl(url);
  const client = postgres(url, { max: 8, onnotice: () => {}, connect_timeout: 10 });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new McpRiskError('DB_UNAVAILABLE', `could not connect to PostgreSQL at ${location}: ${errorMessage(error)}`, {
      hint: 'check DATABASE_URL, or unset it to use the embedded database',
      cause: error,
    });
  }
  const db = drizzlePostgres(client, { schema });
  return { db, driver: 'postgres', location, close: () => client.end({ timeout: 5 }) };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

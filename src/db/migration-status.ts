// Which committed migrations a database has applied, read from drizzle's own bookkeeping table.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { z } from 'zod';
import type { Database } from './connect.ts';

export async function pendingMigrations(database: Database, migrationsDir: string): Promise<{ applied: number; pending: string[] }> {
  const files = readMigrationFiles({ migrationsFolder: migrationsDir });
  const tags = tagsByMillis(migrationsDir);
  const exists = rowsOf(await database.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`));
  if (exists[0]?.['present'] !== true) return { applied: 0, pending: files.map((f) => tags.get(f.folderMillis) ?? String(f.folderMillis)) };
  const applied = rowsOf(await database.db.execute(sql`select hash from drizzle.__drizzle_migrations`));
  const hashes = new Set(applied.map((r) => String(r['hash'])));
  const pending = files.filter((f) => !hashes.has(f.hash)).map((f) => tags.get(f.folderMillis) ?? String(f.folderMillis));
  return { applied: files.length - pending.length, pending };
}

/** postgres.js returns rows as an array; PGlite as `{ rows }`. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  if (typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows)) {
    return result.rows as Record<string, unknown>[];
  }
  return [];
}

function tagsByMillis(migrationsDir: string): Map<number, string> {
  const map = new Map<number, string>();
  try {
    const journal = readJournal(migrationsDir);
    for (const entry of journal) map.set(entry.when, entry.tag);
  } catch {
    // names are cosmetic; the millis identify the migration
  }
  return map;
}

const journalSchema = z.object({ entries: z.array(z.object({ when: z.number(), tag: z.string() })) });

function readJournal(migrationsDir: string) {
  return journalSchema.parse(JSON.parse(readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8'))).entries;
}

// What every command needs: the configuration and an open, migrated database that is always closed.
import { InvalidArgumentError } from 'commander';
import { loadConfig, type AppConfig } from '../config.ts';
import { connectDatabase, type Database } from '../db/connect.ts';

export async function withDatabase<T>(
  fn: (database: Database, config: AppConfig) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const database = await connectDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    migrationsDir: config.migrationsDir,
    ...(options.migrate === false ? { migrate: false } : {}),
  });
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

/** A commander argument parser for whole numbers in a range, with the allowed range in its error. */
export function intOption(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

import type { Command } from 'commander';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { count } from 'drizzle-orm';
import { loadConfig } from '../../config.ts';
import { classifications, crawlSnapshots, runs, servers, toolDefinitions } from '../../db/schema.ts';
import { printJson, withDatabase } from '../context.ts';
import { pendingMigrations } from '../../db/migration-status.ts';

export function registerDbCommand(program: Command): void {
  const db = program
    .command('db')
    .description('database maintenance: apply migrations, show status')
    .addHelpText('after', '\nExamples:\n  $ mcp-risk db migrate\n  $ DATABASE_URL=postgres://postgres@127.0.0.1:5432/test mcp-risk db status');

  db.command('migrate')
    .description('apply pending migrations (every command also does this on start)')
    .addHelpText('after', '\nExample:\n  $ mcp-risk db migrate')
    .action(async () => {
      await withDatabase(async ({ location }) => {
        const total = readMigrationFiles({ migrationsFolder: loadConfig().migrationsDir }).length;
        process.stdout.write(`${location}: schema up to date (${total} migrations)\n`);
      });
    });

  db.command('status')
    .description('show the database in use, applied and pending migrations, and row counts')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ mcp-risk db status\n  $ mcp-risk db status --json')
    .action(async (flags: { json?: boolean }) => {
      await withDatabase(
        async (database, config) => {
          const migrations = await pendingMigrations(database, config.migrationsDir);
          const counts: Record<string, number> = {};
          if (migrations.pending.length === 0) {
            for (const [name, table] of Object.entries({ servers, runs, crawl_snapshots: crawlSnapshots, tool_definitions: toolDefinitions, classifications })) {
              const [row] = await database.db.select({ n: count() }).from(table);
              counts[name] = row?.n ?? 0;
            }
          }
          const status = { driver: database.driver, location: database.location, applied: migrations.applied, pending: migrations.pending, rows: counts };
          if (flags.json) return printJson(status);
          const lines = [
            `database: ${database.driver} at ${database.location}`,
            `migrations: ${migrations.applied} applied, ${migrations.pending.length} pending${migrations.pending.length ? ` (${migrations.pending.join(', ')}; run \`mcp-risk db migrate\`)` : ''}`,
            ...Object.entries(counts).map(([k, v]) => `  ${k.padEnd(18)} ${v}`),
          ];
          process.stdout.write(`${lines.join('\n')}\n`);
        },
        { migrate: false },
      );
    });
}

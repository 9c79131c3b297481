import type { Command } from 'commander';
import { getServer } from '../../db/servers-repo.ts';
import { McpRiskError } from '../../errors.ts';
import { listChanges } from '../../pipeline/list-changes.ts';
import { classifyWithRules } from '../../../classifiers/rules-classifier.ts';
import { printJson, withDatabase } from '../context.ts';
import { printable } from './tools-command.ts';

export function registerChangesCommand(program: Command): void {
  program
    .command('changes')
    .description('what changed between consecutive crawls of each server: tools added or removed, descriptions, schemas and annotations, with a severity')
    .option('--server <id>', 'only this server')
    .option('--since <date>', 'only changes found by crawls after this date (ISO 8601, e.g. 2026-11-01)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-risk changes
  $ mcp-risk changes --server github --since 2026-11-01
  $ mcp-risk changes --json | jq '.[].changes[] | select(.severity == "high")'`,
    )
    .action(async (flags: { server?: string; since?: string; json?: boolean }) => {
      const since = flags.since === undefined ? undefined : new Date(flags.since);
      if (since !== undefined && Number.isNaN(since.getTime())) {
        throw new McpRiskError('BAD_FLAG', `--since "${flags.since}" is not a date`, { hint: 'use ISO 8601, e.g. 2026-11-01 or 2026-11-01T12:00:00Z' });
      }
      await withDatabase(async ({ db }) => {
        if (flags.server !== undefined && !(await getServer(db, flags.server))) {
          throw new McpRiskError('UNKNOWN_SERVER', `no server with id "${flags.server}" in the catalog`, { hint: 'run `mcp-risk tools` to see every server' });
        }
        const label = (tool: Parameters<typeof classifyWithRules>[0]) => classifyWithRules(tool);
        const result = await listChanges(db, label, { serverId: flags.server, since });
        if (flags.json) return printJson(result);
        if (result.length === 0) {
          process.stdout.write('no changes between crawls\n');
          return;
        }
        for (const entry of result) {
          process.stdout.write(`${entry.serverId}  snapshot ${entry.fromSnapshot} → ${entry.toSnapshot}  (${entry.at})\n`);
          for (const c of entry.changes) {
            process.stdout.write(`  ${c.severity.padEnd(8)} ${c.kind.padEnd(20)} ${printable(c.tool)}: ${printable(c.summary)}\n`);
          }
        }
      });
    });
}

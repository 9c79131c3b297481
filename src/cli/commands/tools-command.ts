import type { Command } from 'commander';
import { listCatalogTools } from '../../db/catalog-repo.ts';
import { getServer, listServerIds } from '../../db/servers-repo.ts';
import { McpRiskError } from '../../errors.ts';
import { closeMatches } from '../../suggest.ts';
import { rulesClassifier } from '../../../classifiers/rules-classifier.ts';
import { printJson, withDatabase } from '../context.ts';

export function registerToolsCommand(program: Command): void {
  program
    .command('tools')
    .description('list the catalog: every server\'s current tools with category, risk and confidence')
    .option('--server <id>', 'only this server\'s tools')
    .option('--json', 'print JSON (one object per tool, with rationale, tags, findings and evidence)')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-risk tools
  $ mcp-risk tools --server filesystem
  $ mcp-risk tools --json | jq '.[] | select(.risk == "Critical") | .tool'`,
    )
    .action(async (flags: { server?: string; json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        if (flags.server !== undefined && !(await getServer(db, flags.server))) {
          const suggestions = closeMatches(flags.server, await listServerIds(db));
          throw new McpRiskError('UNKNOWN_SERVER', `no server with id "${flags.server}" in the catalog`, {
            hint: suggestions.length > 0 ? `did you mean: ${suggestions.join(', ')}?` : 'run `mcp-risk index` first, or `mcp-risk tools` to see every server',
          });
        }
        const rows = await listCatalogTools(db, { classifier: rulesClassifier.info, serverId: flags.server });
        if (flags.json) {
          printJson(
            rows.map((r) => ({
              server: r.serverId,
              tool: r.tool.name,
              title: r.tool.title ?? null,
              description: r.tool.description ?? null,
              annotations: r.tool.annotations ?? null,
              ...(r.label ?? { category: null, risk: null }),
            })),
          );
          return;
        }
        if (rows.length === 0) {
          process.stderr.write('the catalog has no tools yet: run `mcp-risk index` first\n');
          return;
        }
        const serverWidth = Math.max(6, ...rows.map((r) => r.serverId.length));
        const toolWidth = Math.min(48, Math.max(4, ...rows.map((r) => r.tool.name.length)));
        const out = [`${'SERVER'.padEnd(serverWidth)}  ${'TOOL'.padEnd(toolWidth)}  CATEGORY  RISK      CONFIDENCE`];
        for (const r of rows) {
          out.push(
            `${r.serverId.padEnd(serverWidth)}  ${printable(r.tool.name).slice(0, toolWidth).padEnd(toolWidth)}  ${(r.label?.category ?? '-').padEnd(8)}  ${(r.label?.risk ?? '-').padEnd(8)}  ${r.label ? r.label.confidence.toFixed(2) : '-'}`,
          );
        }
        process.stdout.write(`${out.join('\n')}\n${rows.length} tools\n`);
      });
    });
}

/** Tool names come from strangers: never let control characters reach the terminal. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, (c) => `\\u{${c.codePointAt(0)?.toString(16) ?? ''}}`);
}

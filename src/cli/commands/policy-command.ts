import type { Command } from 'commander';
import { resolveAlias } from '../../policy/alias.ts';
import { EXPORT_FORMATS, FORMAT_NAMES, exportPolicy, isFormatName } from '../../policy/formats/index.ts';
import { findTool, mergedPolicy, policyForTool } from '../../policy/lookup-policy.ts';
import { McpRiskError } from '../../errors.ts';
import { rulesClassifier } from '../../../classifiers/rules-classifier.ts';
import { printJson, withDatabase } from '../context.ts';
import { printable } from './tools-command.ts';

interface PolicyFlags {
  server?: string;
  format: string;
  alias?: string;
  merge?: boolean;
  json?: boolean;
}

export function registerPolicyCommand(program: Command): void {
  program
    .command('policy')
    .argument('<tool>', 'tool name: bare (delete_file), server/tool, or mcp__server__tool')
    .description('the recommended policy for a tool, in the v1 format or a client/gateway format')
    .option('--server <id>', 'the server the tool belongs to, when several have a tool of that name')
    .option('--format <name>', `output format: ${FORMAT_NAMES.join(', ')}`, 'v1')
    .option('--alias <name>', 'the key your client config gives the server (claude-code, codex, toolhive, docker formats)')
    .option('--merge', 'when several servers have the tool, give the most conservative policy over all of them')
    .option('--json', 'print the look-up result (matches, labels, policy) as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-risk policy delete_entities
  $ mcp-risk policy memory/delete_entities --format claude-code
  $ mcp-risk policy mcp__memory__read_graph --format codex --alias kg
  $ mcp-risk policy search --merge

Formats:
${FORMAT_NAMES.map((f) => `  ${f.padEnd(12)} ${EXPORT_FORMATS[f].description}`).join('\n')}`,
    )
    .action(async (tool: string, flags: PolicyFlags) => {
      if (!isFormatName(flags.format)) {
        throw new McpRiskError('BAD_FLAG', `unknown format "${flags.format}"`, { hint: `use one of: ${FORMAT_NAMES.join(', ')}` });
      }
      const format = EXPORT_FORMATS[flags.format];
      await withDatabase(async ({ db }) => {
        const { matches } = await findTool(db, rulesClassifier.info, tool, flags.server);
        const servers = [...new Set(matches.map((m) => m.serverId))];
        if (servers.length > 1 && !flags.merge) {
          if (flags.json) {
            printJson({ tool: matches[0]?.tool.name, ambiguous: true, matches: matches.map(matchSummary) });
          } else {
            const lines = matches.map((m) => `  ${m.serverId}/${printable(m.tool.name)}  ${m.label?.category ?? '-'} ${m.label?.risk ?? '-'}`);
            process.stdout.write(`${servers.length} servers have a tool named "${printable(matches[0]?.tool.name ?? tool)}":\n${lines.join('\n')}\n`);
            process.stderr.write('hint: name one with --server ID (or server/tool), or pass --merge for the most conservative policy\n');
          }
          return;
        }
        const first = matches[0];
        if (!first) return;
        const policy = servers.length > 1 ? mergedPolicy(matches) : policyForTool(first);
        const serverName = servers.length > 1 ? first.tool.name : first.serverId;
        const alias = format.aliasClient ? resolveAlias({ serverName, alias: flags.alias, client: format.aliasClient }) : (flags.alias ?? first.serverId);
        if (flags.json) {
          printJson({ tool: first.tool.name, servers, matches: matches.map(matchSummary), policy, format: format.name, output: exportPolicy(format.name, { alias, policy }) });
          return;
        }
        const text = exportPolicy(format.name, { alias, policy });
        process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      });
    });
}

function matchSummary(m: { serverId: string; tool: { name: string }; label: { category: string; risk: string; confidence: number; rationale: string } | null }) {
  return {
    server: m.serverId,
    tool: m.tool.name,
    category: m.label?.category ?? null,
    risk: m.label?.risk ?? null,
    confidence: m.label?.confidence ?? null,
    rationale: m.label?.rationale ?? null,
  };
}

import type { Command } from 'commander';
import { runMcpServer } from '../../api/mcp-server.ts';
import { createLogger } from '../../log.ts';
import { rulesClassifier } from '../../../classifiers/rules-classifier.ts';
import { withDatabase } from '../context.ts';

export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('run our own MCP server over stdio: tools lookup_tool_risk and get_policy (both read-only)')
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-risk mcp
  $ claude mcp add mcp-risk -- npx mcp-risk mcp
  $ npx @modelcontextprotocol/inspector npx mcp-risk mcp

stdout carries the protocol; logs go to stderr. The server stops when the client closes its stdin.`,
    )
    .action(async () => {
      await withDatabase(async ({ db }, config) => {
        await runMcpServer({ db, classifier: rulesClassifier.info, logger: createLogger({ debug: config.debug }) });
      });
    });
}

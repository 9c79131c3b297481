#!/usr/bin/env node
// The CLI entry point and the only place that calls process.exit. Bad input → one line and a hint,
// exit 2; an internal error → exit 1 (stack with --debug).
import { Command, CommanderError } from 'commander';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, McpRiskError } from '../errors.ts';
import { registerChangesCommand } from './commands/changes-command.ts';
import { registerClassifyCommand } from './commands/classify-command.ts';
import { registerDbCommand } from './commands/db-command.ts';
import { registerDiscoverCommand } from './commands/discover-command.ts';
import { registerEvalCommand } from './commands/eval-command.ts';
import { registerIndexCommand } from './commands/index-command.ts';
import { registerPagesCommand } from './commands/pages-command.ts';
import { registerMcpCommand } from './commands/mcp-command.ts';
import { registerPolicyCommand } from './commands/policy-command.ts';
import { registerScanCommand } from './commands/scan-command.ts';
import { registerServeCommand } from './commands/serve-command.ts';
import { registerToolsCommand } from './commands/tools-command.ts';
import { registerWorkerCommand } from './commands/worker-command.ts';

export function buildProgram(): Command {
  const program = new Command()
    .name('mcp-risk')
    .description('A measured, explained, offline catalog of what MCP server tools do, and the policies that should guard them.')
    .version('0.1.0')
    .option('--debug', 'show stack traces and debug logs')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .addHelpText(
      'after',
      `
Examples:
  $ mcp-risk index                      index the seed catalog into the embedded database
  $ mcp-risk tools --server memory      list one server's tools with category and risk
  $ mcp-risk policy delete_entities     the recommended policy for a tool, as JSON
  $ DATABASE_URL=postgres://postgres@127.0.0.1:5432/test mcp-risk db status

Exit codes: 0 ok · 1 internal error · 2 bad input · 3 scan threshold met · 130 interrupted (resumable)`,
    );
  registerDiscoverCommand(program);
  registerIndexCommand(program);
  registerWorkerCommand(program);
  registerToolsCommand(program);
  registerPolicyCommand(program);
  registerPagesCommand(program);
  registerScanCommand(program);
  registerServeCommand(program);
  registerMcpCommand(program);
  registerChangesCommand(program);
  registerClassifyCommand(program);
  registerEvalCommand(program);
  registerDbCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error, debug);
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" to commander; usage mistakes were already printed by it.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    return EXIT_BAD_INPUT;
  }
  if (error instanceof McpRiskError) {
    process.stderr.write(`mcp-risk: ${error.message}\n`);
    if (error.hint) process.stderr.write(`hint: ${error.hint}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`mcp-risk: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('hint: run again with --debug for the stack trace\n');
  return EXIT_INTERNAL;
}

const code = await main(process.argv.slice(2));
process.exit(code);

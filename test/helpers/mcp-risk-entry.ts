// The CLI entry the API tests spawn: src/cli/main.ts once it registers `serve` and `mcp` (another
// change wires them in), until then a minimal program with just those two commands.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerMcpCommand } from '../../src/cli/commands/mcp-command.ts';
import { registerServeCommand } from '../../src/cli/commands/serve-command.ts';
import { McpRiskError } from '../../src/errors.ts';
import { ROOT } from './fixture-servers.ts';

export const MAIN_ENTRY = path.join(ROOT, 'src', 'cli', 'main.ts');
export const FALLBACK_ENTRY = path.join(ROOT, 'test', 'helpers', 'mcp-risk-entry.ts');

/** The script to run for `mcp-risk serve|mcp`: the real CLI when it has both commands. */
export function apiCliEntry(): string {
  const main = readFileSync(MAIN_ENTRY, 'utf8');
  return main.includes('registerMcpCommand(') && main.includes('registerServeCommand(') ? MAIN_ENTRY : FALLBACK_ENTRY;
}

if (process.argv[1] === FALLBACK_ENTRY) {
  const program = new Command().name('mcp-risk').exitOverride();
  registerMcpCommand(program);
  registerServeCommand(program);
  try {
    await program.parseAsync(process.argv.slice(2), { from: 'user' });
  } catch (error) {
    // As main.ts: commander already printed usage mistakes (exit 2); help is not an error.
    if (error instanceof CommanderError) {
      process.exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.help' ? 0 : 2;
    } else {
      process.stderr.write(`mcp-risk: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = error instanceof McpRiskError ? error.exitCode : 1;
    }
  }
}

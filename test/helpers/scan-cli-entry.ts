// The CLI entry the scan tests spawn: src/cli/main.ts once it registers `scan` (another change wires
// it in), until then a minimal program with just that command, reporting errors as main.ts does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerScanCommand } from '../../src/cli/commands/scan-command.ts';
import { McpRiskError } from '../../src/errors.ts';

export const SCAN_FALLBACK_ENTRY = fileURLToPath(import.meta.url);
const MAIN_ENTRY = path.join(path.dirname(SCAN_FALLBACK_ENTRY), '..', '..', 'src', 'cli', 'main.ts');

/** The script to run for `mcp-risk scan`: the real CLI once it registers the command. */
export function scanCliEntry(): string {
  return readFileSync(MAIN_ENTRY, 'utf8').includes('registerScanCommand(') ? MAIN_ENTRY : SCAN_FALLBACK_ENTRY;
}

if (process.argv[1] === SCAN_FALLBACK_ENTRY) {
  const program = new Command().name('mcp-risk').exitOverride().configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerScanCommand(program);
  try {
    await program.parseAsync(process.argv.slice(2), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.code === 'commander.helpDisplayed' || error.code === 'commander.help' ? 0 : 2;
    } else if (error instanceof McpRiskError) {
      process.stderr.write(`mcp-risk: ${error.message}\n`);
      if (error.hint) process.stderr.write(`hint: ${error.hint}\n`);
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(`mcp-risk: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}

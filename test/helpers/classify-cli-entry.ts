// The CLI entry the classify/eval tests spawn until src/cli/main.ts registers those commands: a
// program with just them, reporting errors the way main.ts does (one line, a hint, exit code).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerClassifyCommand } from '../../src/cli/commands/classify-command.ts';
import { registerEvalCommand } from '../../src/cli/commands/eval-command.ts';
import { McpRiskError } from '../../src/errors.ts';

export const CLASSIFY_FALLBACK_ENTRY = fileURLToPath(import.meta.url);
const MAIN_ENTRY = path.join(path.dirname(CLASSIFY_FALLBACK_ENTRY), '..', '..', 'src', 'cli', 'main.ts');

/** The script to run for `mcp-risk classify|eval`: the real CLI once it registers both. */
export function classifyCliEntry(): string {
  const main = readFileSync(MAIN_ENTRY, 'utf8');
  return main.includes('registerClassifyCommand(') && main.includes('registerEvalCommand(') ? MAIN_ENTRY : CLASSIFY_FALLBACK_ENTRY;
}

if (process.argv[1] === CLASSIFY_FALLBACK_ENTRY) {
  const program = new Command().name('mcp-risk').exitOverride().configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerClassifyCommand(program);
  registerEvalCommand(program);
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

// The CLI entry the distributed-crawl tests spawn: src/cli/main.ts once it registers `worker` (another
// change wires it in), until then a program with `index` and `worker` that reports errors as main does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerIndexCommand } from '../../src/cli/commands/index-command.ts';
import { registerWorkerCommand } from '../../src/cli/commands/worker-command.ts';
import { McpRiskError } from '../../src/errors.ts';
import { ROOT } from './fixture-servers.ts';

export const MAIN_ENTRY = path.join(ROOT, 'src', 'cli', 'main.ts');
export const QUEUE_FALLBACK_ENTRY = path.join(ROOT, 'test', 'helpers', 'queue-cli-entry.ts');

/** The script to run for `mcp-risk index --queue|worker`: the real CLI when it has `worker`. */
export function queueCliEntry(): string {
  return readFileSync(MAIN_ENTRY, 'utf8').includes('registerWorkerCommand(') ? MAIN_ENTRY : QUEUE_FALLBACK_ENTRY;
}

if (process.argv[1] === QUEUE_FALLBACK_ENTRY) {
  const program = new Command().name('mcp-risk').exitOverride();
  registerIndexCommand(program);
  registerWorkerCommand(program);
  let code: number;
  try {
    await program.parseAsync(process.argv.slice(2), { from: 'user' });
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      code = error.code.startsWith('commander.help') || error.code === 'commander.version' ? 0 : 2;
    } else if (error instanceof McpRiskError) {
      process.stderr.write(`mcp-risk: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
      code = error.exitCode;
    } else {
      process.stderr.write(`mcp-risk: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      code = 1;
    }
  }
  // Like main.ts: exit explicitly so no stray handle (a pool, a timer) keeps the process alive.
  process.exit(code);
}

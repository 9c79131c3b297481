// Where the workplace's shared data (../shared beside the project: the public poisoned-tool benchmark)
// lives. It is not in the repository (its sources are not all licensed for copying), so a clone
// elsewhere (`git clone . /tmp/x`) finds it through MCP_RISK_SHARED_DIR or the machine's own /work/shared.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sharedDir(): string {
  const candidates = [process.env['MCP_RISK_SHARED_DIR'], path.join(ROOT, '..', 'shared'), '/work/shared'].filter((d): d is string => d !== undefined && d !== '');
  const found = candidates.find((d) => existsSync(path.join(d, 'benchmarks', 'poisoned-tools.jsonl')));
  if (found === undefined) throw new Error(`shared benchmark data not found (looked in ${candidates.join(', ')}); set MCP_RISK_SHARED_DIR`);
  return found;
}

/** The public poisoned-tool benchmark (192 hostile definitions). */
export const POISONED_BENCHMARK = path.join(sharedDir(), 'benchmarks', 'poisoned-tools.jsonl');

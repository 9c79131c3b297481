import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { hostileDescription } from '../../classifiers/hostile/hostile-description.ts';
import { POISONED_BENCHMARK } from '../helpers/shared-data.ts';

const BENCH = POISONED_BENCHMARK;
/** The floor we actually reach; a drop below it is a regression. */
const RECALL_FLOOR = 0.95;

const Line = z.object({
  id: z.string(),
  kind: z.string(),
  tool: z.object({ name: z.string(), description: z.string().optional(), inputSchema: z.record(z.string(), z.unknown()).optional() }),
});

describe('recall on the public poisoned-tool benchmark', () => {
  it(`flags at least ${RECALL_FLOOR * 100}% of poisoned definitions at medium or above`, () => {
    const lines = readFileSync(BENCH, 'utf8').split('\n').filter((l) => l.trim() !== '');
    assert.ok(lines.length >= 150, 'benchmark file is present and complete');
    const perKind = new Map<string, { hit: number; total: number }>();
    const missed: string[] = [];
    let hit = 0;
    for (const raw of lines) {
      const line = Line.parse(JSON.parse(raw));
      const tool = { name: line.tool.name, ...(line.tool.description !== undefined ? { description: line.tool.description } : {}), ...(line.tool.inputSchema !== undefined ? { inputSchema: line.tool.inputSchema } : {}) };
      const found = hostileDescription(tool).some((f) => f.severity !== 'low');
      const k = perKind.get(line.kind) ?? { hit: 0, total: 0 };
      k.total++;
      if (found) {
        k.hit++;
        hit++;
      } else missed.push(line.id);
      perKind.set(line.kind, k);
    }
    const recall = hit / lines.length;
    console.log(`poisoned recall: ${hit}/${lines.length} = ${(recall * 100).toFixed(1)}%`);
    for (const [kind, k] of [...perKind].sort()) console.log(`  ${kind}: ${k.hit}/${k.total}`);
    console.log(`  missed: ${missed.join(', ') || 'none'}`);
    assert.ok(recall >= RECALL_FLOOR, `recall ${recall.toFixed(3)} < ${RECALL_FLOOR}; missed ${missed.join(', ')}`);
  });
});

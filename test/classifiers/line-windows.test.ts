// Long texts are matched around each feature's trigger words (line-windows.ts) rather than whole.
// A window that is too narrow would silently drop findings, so: the windows themselves, and every
// poisoned benchmark description hidden in the middle of a long honest manual still firing every
// phrase feature it fires alone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { hostileHits } from '../../classifiers/hostile/hostile-description.ts';
import { FEATURES } from '../../classifiers/hostile/hostile-patterns.ts';
import { LineWindows, spansLines } from '../../classifiers/hostile/line-windows.ts';
import type { ToolDefinition } from '../../src/types.ts';
import { POISONED_BENCHMARK } from '../helpers/shared-data.ts';

/** An honest reference manual of ~12,000 characters, one topic per line, that fires no feature itself. */
function manual(lines: number): string[] {
  const topics = ['styles', 'edges', 'containers', 'layers', 'labels', 'colours', 'fonts', 'arrows', 'groups', 'swimlanes'];
  return Array.from({ length: lines }, (_, i) => `## ${topics[i % topics.length] ?? ''} ${i}: set the ${topics[(i + 3) % topics.length] ?? ''} attribute in the cell style string; values are separated by semicolons and keys are case-sensitive.`);
}

const FEATURE_IDS = new Set(FEATURES.map((f) => f.id));
const featureIds = (tool: ToolDefinition): Set<string> => new Set(hostileHits(tool).hits.map((h) => h.id).filter((id) => FEATURE_IDS.has(id)));

describe('line windows', () => {
  it('reads a short text whole', () => {
    const w = new LineWindows('a\nb\nc\nd\ne');
    assert.equal(w.split, false);
    assert.deepEqual(w.around([4]), [[0, 9]]);
  });

  it('reads a long text in merged windows of the trigger line and one line either side', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
    const text = lines.join('\n');
    const w = new LineWindows(text);
    const lineLength = (lines[0]?.length ?? 0) + 1;
    assert.equal(w.split, true);
    // A trigger on line 50 reads lines 49–51; triggers on lines 10 and 11 share one window, 9–12.
    assert.deepEqual(w.around([50 * lineLength + 3]), [[49 * lineLength, 52 * lineLength]]);
    assert.deepEqual(w.around([11 * lineLength, 10 * lineLength + 5]), [[9 * lineLength, 13 * lineLength]]);
    // Triggers everywhere: the whole text, once.
    assert.deepEqual(w.around(Array.from({ length: 60 }, (_, i) => i * lineLength)), [[0, text.length]]);
    assert.deepEqual(w.around(undefined), [[0, text.length]]);
  });

  it('knows which rules can span many lines', () => {
    assert.equal(spansLines(/<(system)>[\s\S]{3,2000}?<\/\1>/), true);
    assert.equal(spansLines(/<!--[^>]{0,400}?-->/), true);
    assert.equal(spansLines(/<[^<]*>/), true);
    assert.equal(spansLines(/\bdo not\b[^.\n]{0,90}\btell\b/), false);
    assert.equal(spansLines(/\bignore(?:\s+\w+){0,3}?\s+instructions\b/), false);
  });

  it('still fires every phrase feature of a poisoned description hidden in a long manual', () => {
    const honest = manual(90);
    assert.equal(featureIds({ name: 'open_diagram', description: honest.join('\n') }).size, 0, 'the manual alone fires nothing');
    const lost: string[] = [];
    let checked = 0;
    for (const raw of readFileSync(POISONED_BENCHMARK, 'utf8').split('\n')) {
      if (raw.trim() === '') continue;
      const line = JSON.parse(raw) as { id: string; tool: ToolDefinition };
      const alone = featureIds(line.tool);
      if (alone.size === 0 || typeof line.tool.description !== 'string') continue;
      const hidden = [...honest.slice(0, 45), line.tool.description, ...honest.slice(45)].join('\n');
      assert.ok(hidden.length > 10_000);
      const inLong = featureIds({ ...line.tool, description: hidden });
      for (const id of alone) if (!inLong.has(id)) lost.push(`${line.id}: ${id}`);
      checked++;
    }
    assert.ok(checked >= 100, `checked ${checked} poisoned descriptions`);
    assert.deepEqual(lost, []);
  });
});

// Shared by the false-alarm regression files: each honest definition that once raised a finding sits
// beside a hostile variant of the same shape that must still fire, and a whole corpus of real tools
// must raise nothing of medium or above.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostileDescription } from '../../classifiers/hostile/hostile-description.ts';
import { classifyWithRules } from '../../classifiers/rules-classifier.ts';
import type { ServerContext, ToolDefinition } from '../../src/types.ts';

export interface FalseAlarmPair {
  what: string;
  benign: ToolDefinition;
  hostile: ToolDefinition;
  kind: string;
}

export function alarms(tool: ToolDefinition): string[] {
  return hostileDescription(tool)
    .filter((f) => f.severity !== 'low')
    .map((f) => `${f.kind}/${f.severity}: ${f.message}`);
}

function fires(tool: ToolDefinition, kind: string): boolean {
  return hostileDescription(tool).some((f) => f.kind === kind && f.severity !== 'low');
}

/** The pairs as tests, then one test that the corpus raises no non-annotation finding of medium or above (or at most `ceiling`). */
export function describeFalseAlarmPairs(
  title: string,
  pairs: readonly FalseAlarmPair[],
  corpus: { what: string; rows: () => Array<{ id: string; tool: ToolDefinition; server?: ServerContext | undefined }>; ceiling?: number },
): void {
  describe(title, () => {
    for (const p of pairs) {
      it(`benign: ${p.what}`, () => {
        assert.deepEqual(alarms(p.benign), []);
      });
      it(`hostile variant still fires ${p.kind}: ${p.what}`, () => {
        assert.ok(fires(p.hostile, p.kind), JSON.stringify(hostileDescription(p.hostile)));
      });
    }

    const ceiling = corpus.ceiling ?? 0;
    it(`raises a non-annotation finding of medium or above on ${ceiling === 0 ? 'none' : `at most ${ceiling}`} of ${corpus.what}`, () => {
      const flagged: string[] = [];
      for (const row of corpus.rows()) {
        const found = classifyWithRules(row.tool, row.server).findings.filter((f) => f.kind !== 'annotation_contradiction' && f.severity !== 'low');
        if (found.length > 0) flagged.push(`${row.id}: ${found.map((f) => `${f.kind}/${f.severity}`).join(', ')}`);
      }
      if (ceiling === 0) assert.deepEqual(flagged, []);
      else assert.ok(flagged.length <= ceiling, `${flagged.length} flagged: ${flagged.join('; ')}`);
    });
  });
}

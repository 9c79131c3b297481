// Golden outputs: the rules classifier's full result on a fixed corpus (benign fixtures, the poisoned
// benchmark, the gold set with and without annotations) must not change unless a label change is
// intended. Speed work must leave this passing untouched. To regenerate after a deliberate rule
// change (and say why in the commit): UPDATE_GOLDEN=1 node --import tsx --test test/classifiers/golden-outputs.test.ts
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { classifyWithRules } from '../../classifiers/rules-classifier.ts';
import { GOLDEN_FILE, goldenCorpus, goldenOutput, type GoldenOutput } from './golden-corpus.ts';

describe('rules classifier golden outputs', () => {
  it('classifies the fixed corpus exactly as the stored snapshot', () => {
    const actual: Record<string, GoldenOutput> = {};
    for (const c of goldenCorpus()) actual[c.key] = goldenOutput(classifyWithRules(c.tool, c.server, c.options));
    if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(GOLDEN_FILE)) {
      writeFileSync(GOLDEN_FILE, `{\n${Object.entries(actual).map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}\n`);
    }
    const expected = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Record<string, GoldenOutput>;
    const diffs: string[] = [];
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const a = JSON.stringify(actual[key]);
      const e = JSON.stringify(expected[key]);
      if (a !== e) diffs.push(`${key}\n  expected ${e}\n  actual   ${a}`);
    }
    assert.equal(diffs.length, 0, `${diffs.length} outputs changed:\n${diffs.slice(0, 20).join('\n')}`);
    assert.ok(Object.keys(actual).length > 1000);
  });
});

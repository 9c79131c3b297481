// The second labels (data/gold/second-labels) are a measurement: they must stay valid against their
// gold sets, and the agreement script must compute its figures from them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { agreement, secondLabelSets } from '../../scripts/label-agreement.ts';
import { CATEGORIES, RISKS } from '../../src/types.ts';

const dir = fileURLToPath(new URL('../../data/gold/second-labels/', import.meta.url));

describe('second labels and label agreement', () => {
  it('labels only tools of their gold set, once each, with valid values', () => {
    const sets = secondLabelSets();
    assert.ok(sets.length >= 3);
    for (const set of sets) {
      const lines = readFileSync(`${dir}${set}.jsonl`, 'utf8').split('\n').filter((l) => l.trim() !== '');
      const ids = new Set<string>();
      for (const line of lines) {
        const row = JSON.parse(line) as { id: string; category: string; risk: string; ambiguous: unknown; reason: unknown };
        assert.ok(!ids.has(row.id), `${set}: ${row.id} twice`);
        ids.add(row.id);
        assert.ok((CATEGORIES as readonly string[]).includes(row.category), `${set}: ${row.id}: category ${row.category}`);
        assert.ok((RISKS as readonly string[]).includes(row.risk), `${set}: ${row.id}: risk ${row.risk}`);
        assert.equal(typeof row.ambiguous, 'boolean');
        assert.equal(typeof row.reason, 'string');
      }
    }
  });

  it('scores labellers and rules on the same tools', () => {
    const r = agreement('live-heldout4');
    assert.equal(r.tools, 150);
    for (const v of [r.category, r.risk, r.riskWithinOne, r.rulesRiskVsGold, r.rulesRiskVsSecond]) assert.ok(v >= 0 && v <= 100);
    const disagreements = Object.values(r.riskDisagreements).reduce((a, b) => a + b, 0);
    assert.equal(Math.round(((r.tools - disagreements) / r.tools) * 1000) / 10, r.risk);
  });
});

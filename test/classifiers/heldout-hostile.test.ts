// The held-out hostile sets (data/hostile): attacks and honest near-misses written by someone who
// had not seen the detector. Scored with the set's own rule (a finding other than an annotation
// contradiction at medium or above); the floors are today's figures, so a drop is a regression.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hostileDescription } from '../../classifiers/hostile/hostile-description.ts';
import type { ToolDefinition } from '../../src/types.ts';

interface Line {
  id: string;
  category: string;
  tool: ToolDefinition;
}

function load(file: string): Line[] {
  const at = fileURLToPath(new URL(`../../data/hostile/${file}`, import.meta.url));
  return readFileSync(at, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Line);
}

// The learned-wording model was trained on these sets, so its finding is left out here: these floors
// are the phrase rules' (the model's own held-out figures are in learned-wording.test.ts).
const counts = (tool: ToolDefinition): boolean => hostileDescription(tool).some((f) => f.kind !== 'annotation_contradiction' && f.kind !== 'suspicious_wording' && f.severity !== 'low');

function score(lines: Line[]): { flagged: string[]; missed: string[] } {
  const flagged: string[] = [];
  const missed: string[] = [];
  for (const l of lines) (counts(l.tool) ? flagged : missed).push(l.id);
  return { flagged, missed };
}

const SETS = [
  { name: 'held-out set 1', attacks: 'heldout-attacks.jsonl', benign: 'heldout-benign.jsonl', recallFloor: 44, falseAlarmCeiling: 4 },
  { name: 'held-out set 2', attacks: 'heldout2-attacks.jsonl', benign: 'heldout2-benign.jsonl', recallFloor: 29, falseAlarmCeiling: 2 },
  { name: 'held-out set 3', attacks: 'heldout3-attacks.jsonl', benign: 'heldout3-benign.jsonl', recallFloor: 30, falseAlarmCeiling: 0 },
  { name: 'held-out set 4', attacks: 'heldout4-attacks.jsonl', benign: 'heldout4-benign.jsonl', recallFloor: 15, falseAlarmCeiling: 5 },
];

describe('held-out hostile descriptions', () => {
  for (const set of SETS) {
    it(`${set.name}: detects at least ${set.recallFloor} attacks`, () => {
      const lines = load(set.attacks);
      const { flagged, missed } = score(lines);
      console.log(`${set.name}: ${flagged.length}/${lines.length} attacks detected; missed ${missed.join(' ')}`);
      assert.ok(flagged.length >= set.recallFloor, `recall fell to ${flagged.length}/${lines.length}`);
    });
    it(`${set.name}: at most ${set.falseAlarmCeiling} false alarms on honest near-misses`, () => {
      const lines = load(set.benign);
      const { flagged } = score(lines);
      console.log(`${set.name}: ${flagged.length}/${lines.length} false alarms: ${flagged.join(' ')}`);
      assert.ok(flagged.length <= set.falseAlarmCeiling, `false alarms rose to ${flagged.length}: ${flagged.join(' ')}`);
    });
  }
});

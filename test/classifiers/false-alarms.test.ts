import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyWithRules } from '../../classifiers/rules-classifier.ts';
import { BENIGN_TOOLS } from './benign-tools.ts';

describe('false alarms on realistic benign tools', () => {
  it('has at least 50 benign definitions to check', () => {
    assert.ok(BENIGN_TOOLS.length >= 50, `${BENIGN_TOOLS.length}`);
  });

  it('raises no hostile finding of medium severity or above', () => {
    const alarms: string[] = [];
    let low = 0;
    for (const tool of BENIGN_TOOLS) {
      const findings = classifyWithRules(tool, undefined, { ignoreAnnotations: true }).findings;
      low += findings.filter((f) => f.severity === 'low').length;
      for (const f of findings) if (f.severity !== 'low') alarms.push(`${tool.name}: ${f.kind}/${f.severity} ${f.message} [${f.excerpt ?? ''}]`);
    }
    console.log(`benign false alarms (≥ medium): ${alarms.length}/${BENIGN_TOOLS.length}; low-severity notes: ${low}`);
    assert.deepEqual(alarms, []);
  });
});

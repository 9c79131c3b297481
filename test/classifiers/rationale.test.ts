import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyWithRules } from '../../classifiers/rules-classifier.ts';

describe('rationale', () => {
  it('cites the name, notes a missing description and explains the risk', () => {
    const r = classifyWithRules({ name: 'join_community' });
    const sentences = r.rationale.split(/(?<=\.)\s/);
    assert.ok(sentences.length >= 2 && sentences.length <= 3, r.rationale);
    assert.match(r.rationale, /join_community/);
    assert.match(r.rationale, /No description is available/);
    assert.match(r.rationale, /Risk is medium/);
  });
  it('varies with the evidence', () => {
    const a = classifyWithRules({ name: 'delete_repository', description: 'Permanently delete a repository.' }).rationale;
    const b = classifyWithRules({ name: 'send_email', description: 'Send an email.' }).rationale;
    const c = classifyWithRules({ name: 'run_command', description: 'Run a shell command.' }).rationale;
    assert.notEqual(a, b);
    assert.match(a, /cannot be undone/);
    assert.match(b, /others see/);
    assert.match(c, /critical/i);
  });
  it('explains previews and multi-mode tools', () => {
    assert.match(classifyWithRules({ name: 'delete_preview' }).rationale, /preview/);
    assert.match(classifyWithRules({ name: 'manage_labels', description: 'Add, update or remove labels.' }).rationale, /ambiguous/);
  });
});

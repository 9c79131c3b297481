import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, renderEvalMarkdown, type GoldItem, type Prediction } from '../../classifiers/evaluate.ts';

// Five items, scored by hand below.
const gold: GoldItem[] = [
  { id: 'a', category: 'Read', risk: 'Low', ambiguous: false, readOnlyHint: true },
  { id: 'b', category: 'Read', risk: 'Medium', ambiguous: false, readOnlyHint: true },
  { id: 'c', category: 'Write', risk: 'High', ambiguous: false },
  { id: 'd', category: 'Delete', risk: 'High', ambiguous: false, readOnlyHint: false, reason: 'Deletes a repository.' },
  { id: 'e', category: 'Delete', risk: 'Medium', ambiguous: true },
];
const predictions: Prediction[] = [
  { category: 'Read', risk: 'Low' },
  { category: 'Write', risk: 'Medium' },
  { category: 'Write', risk: 'Medium' },
  { category: 'Read', risk: 'Low', confidence: 0.4 },
  { category: 'Delete', risk: 'Medium' },
];

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} != ${expected}`);

describe('evaluate', () => {
  const report = evaluate(gold, predictions, { misses: 10 });

  it('computes category accuracy, per-class precision/recall/F1 and the confusion matrix', () => {
    const c = report.all.category;
    close(c.accuracy, 3 / 5);
    assert.equal(c.correct, 3);
    assert.deepEqual(c.confusion, {
      Read: { Read: 1, Write: 1, Delete: 0 },
      Write: { Read: 0, Write: 1, Delete: 0 },
      Delete: { Read: 1, Write: 0, Delete: 1 },
    });
    // Read: tp 1 of 2 predicted, 2 gold. Write: tp 1 of 2 predicted, 1 gold. Delete: tp 1 of 1 predicted, 2 gold.
    assert.deepEqual(c.perClass.Read, { support: 2, predicted: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    close(c.perClass.Write.precision, 0.5);
    close(c.perClass.Write.recall, 1);
    close(c.perClass.Write.f1, 2 / 3);
    close(c.perClass.Delete.precision, 1);
    close(c.perClass.Delete.recall, 0.5);
    close(c.macroF1, (0.5 + 2 / 3 + 2 / 3) / 3);
  });

  it('scores risk, with distance, ignoring absent classes in macro F1', () => {
    const r = report.all.risk;
    close(r.accuracy, 3 / 5);
    close(r.perClass.Low.precision, 0.5);
    close(r.perClass.Low.recall, 1);
    close(r.perClass.Medium.precision, 2 / 3);
    close(r.perClass.Medium.recall, 1);
    assert.deepEqual(r.perClass.High, { support: 2, predicted: 0, precision: 0, recall: 0, f1: 0 });
    assert.equal(r.perClass.Critical.support, 0);
    close(r.macroF1, (2 / 3 + 0.8 + 0) / 3);
    close(r.withinOne, 4 / 5);
    assert.equal(r.underByTwoOrMore, 1);
    assert.equal(r.overByTwoOrMore, 0);
    close(report.all.exact, 2 / 5);
  });

  it('scores the unambiguous items on their own', () => {
    assert.equal(report.unambiguous.n, 4);
    close(report.unambiguous.category.accuracy, 2 / 4);
    assert.equal(report.unambiguous.category.perClass.Delete.support, 1);
  });

  it('puts the unsafe misses first', () => {
    assert.equal(report.misses.count, 2);
    assert.equal(report.misses.deleteAsRead, 1);
    assert.equal(report.misses.writeAsRead, 0);
    const [worst, next] = report.misses.worst;
    assert.equal(worst?.id, 'd');
    assert.deepEqual(worst?.kinds, ['Delete predicted Read', 'risk 2 levels low']);
    assert.equal(worst?.severity, 7);
    assert.equal(worst?.reason, 'Deletes a repository.');
    assert.deepEqual(worst?.predicted, { category: 'Read', risk: 'Low', confidence: 0.4 });
    assert.equal(next?.id, 'b');
    // c (risk one level low) is not a "worst miss".
    assert.equal(evaluate(gold, predictions, { misses: 1 }).misses.worst.length, 1);
  });

  it('measures agreement of category == Read with the declared readOnlyHint', () => {
    assert.deepEqual(report.readOnlyHint, {
      declared: 3,
      predictionAgrees: 1,
      goldAgrees: 3,
      declaredTrue: { n: 2, predictedRead: 1, goldRead: 2 },
      declaredFalse: { n: 1, predictedRead: 1, goldRead: 0 },
    });
  });

  it('renders Markdown tables and refuses mismatched inputs', () => {
    const text = renderEvalMarkdown(report, 'Tiny');
    assert.match(text, /^# Tiny$/m);
    assert.match(text, /Category accuracy: \*\*60\.0%\*\* \(3\/5\)/);
    assert.match(text, /^\| Read \| 1 \| 1 \| 0 \|$/m);
    assert.match(text, /^\| Read \| 2 \| 2 \| 50\.0% \| 50\.0% \| 0\.500 \|$/m);
    assert.match(text, /^\| d \| Delete\/High \| Read\/Low \(0\.40\) \| Delete predicted Read; risk 2 levels low \| Deletes a repository\. \|$/m);
    assert.match(text, /agrees with it on 1\/3/);
    assert.throws(() => evaluate(gold, predictions.slice(1)), /5 gold items but 4 predictions/);
  });

  it('handles an empty subset without dividing by zero', () => {
    const r = evaluate([], []);
    assert.equal(r.all.category.accuracy, 0);
    assert.equal(r.readOnlyHint.declared, 0);
  });
});

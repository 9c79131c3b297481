// The grade rules one by one, on hand-made tool reports: each rule caps the grade, the worst applies,
// and every reason names its tools.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GRADE_RULES, gradeRulesMarkdown, gradeServer } from '../../src/scan/grade-server.ts';
import type { AnnotationProblem, ToolReport } from '../../src/scan/scan-report.ts';
import type { Finding, Risk, Tag } from '../../src/types.ts';

function tool(name: string, o: { risk?: Risk; tags?: Tag[]; findings?: Finding[]; problems?: AnnotationProblem[] } = {}): ToolReport {
  return {
    name,
    category: 'Read',
    risk: o.risk ?? 'Low',
    confidence: 0.9,
    rationale: 'test',
    ambiguous: false,
    tags: o.tags ?? [],
    findings: o.findings ?? [],
    declared: {},
    hints: [],
    annotationProblems: o.problems ?? [],
    suggestedAnnotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  };
}
const missing: AnnotationProblem = { kind: 'missing_annotations', severity: 'medium', message: 'm', hints: ['readOnlyHint'] };
const finding = (severity: Finding['severity']): Finding => ({ kind: 'hidden_instruction', severity, message: 'x' });

describe('gradeServer', () => {
  it('A for a server with nothing to report (and for one without tools)', () => {
    assert.deepEqual(gradeServer([tool('a'), tool('b', { risk: 'Medium' })]), { grade: 'A', reasons: [] });
    assert.equal(gradeServer([]).grade, 'A');
  });

  const cases: Array<[string, ToolReport[], string, string]> = [
    ['a High tool', [tool('a', { risk: 'High' })], 'B', 'high-tool'],
    ['a Critical tool', [tool('a', { risk: 'Critical' })], 'C', 'critical-tool'],
    ['a low finding', [tool('a', { findings: [finding('low')] })], 'B', 'hostile-finding-low'],
    ['a medium finding', [tool('a', { findings: [finding('medium')] })], 'D', 'hostile-finding-medium'],
    ['a critical finding', [tool('a', { findings: [finding('critical')] })], 'F', 'hostile-finding-high'],
    ['a medium contradiction', [tool('a', { problems: [{ kind: 'annotation_contradiction', severity: 'medium', message: 'c', hints: ['readOnlyHint'] }] })], 'D', 'contradiction'],
    ['a high contradiction', [tool('a', { problems: [{ kind: 'annotation_contradiction', severity: 'high', message: 'c', hints: ['readOnlyHint'] }] })], 'F', 'contradiction-high'],
    ['coverage 90 %', [...Array.from({ length: 9 }, (_, i) => tool(`t${i}`)), tool('u', { problems: [missing] })], 'B', 'coverage-incomplete'],
    ['coverage 75 %', [tool('a'), tool('b'), tool('c'), tool('u', { problems: [missing] })], 'C', 'coverage-below-80'],
    ['coverage 0 %', [tool('u', { problems: [missing] })], 'D', 'coverage-below-50'],
    [
      'the lethal trifecta',
      [tool('read_mail', { tags: ['reads-private-data'] }), tool('fetch_url', { tags: ['ingests-untrusted-content'] }), tool('post', { tags: ['public-sink'] })],
      'D',
      'lethal-trifecta',
    ],
  ];
  for (const [label, tools, grade, rule] of cases) {
    it(`${grade} for ${label}`, () => {
      const result = gradeServer(tools);
      assert.equal(result.grade, grade, JSON.stringify(result.reasons));
      const reason = result.reasons.find((r) => r.rule === rule);
      assert.ok(reason, `reason ${rule}`);
      assert.ok(reason.tools.length > 0);
    });
  }

  it('two legs of the trifecta are not the trifecta', () => {
    assert.equal(gradeServer([tool('a', { tags: ['reads-private-data'] }), tool('b', { tags: ['public-sink'] })]).grade, 'A');
  });

  it('the worst cap wins and reasons come worst first', () => {
    const result = gradeServer([tool('a', { risk: 'High' }), tool('b', { findings: [finding('high')] }), tool('c', { risk: 'Critical' })]);
    assert.equal(result.grade, 'F');
    assert.deepEqual(result.reasons.map((r) => r.cap), ['F', 'C', 'B']);
  });

  it('documents every rule in the README table', () => {
    const table = gradeRulesMarkdown();
    for (const rule of GRADE_RULES) assert.ok(table.includes(`\`${rule.id}\``), rule.id);
    assert.match(table, /\| A \| – \| none of the above/);
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { McpRiskError } from '../../src/errors.ts';
import { recommend, toToolPolicy } from '../../src/policy/recommend.ts';
import { applyRulesFile, DEFAULT_RULES, loadRulesFile, parseRulesFile } from '../../src/policy/recommend-rules.ts';
import { renderRulesTable } from '../../src/policy/rules-table.ts';
import { CATEGORIES, RISKS } from '../../src/types.ts';
import { classification, HOSTILE_FINDING } from './policy-fixtures.ts';

const LYING_ANNOTATION = { kind: 'annotation_contradiction', severity: 'high' as const, message: 'declares readOnlyHint: true on a delete tool' };

describe('recommendation rules: every row', () => {
  const cases = [
    { c: classification('Read', 'Low'), rule: 'read-public', action: 'allow', limit: [120, 'minute'] },
    { c: classification('Read', 'Medium'), rule: 'read-private', action: 'allow', limit: [60, 'minute'] },
    { c: classification('Read', 'High'), rule: 'high', action: 'require_approval', limit: undefined },
    { c: classification('Write', 'Low'), rule: 'write', action: 'allow', limit: [30, 'minute'] },
    { c: classification('Write', 'Medium'), rule: 'write', action: 'allow', limit: [30, 'minute'] },
    { c: classification('Write', 'High'), rule: 'high', action: 'require_approval', limit: undefined },
    { c: classification('Delete', 'Low'), rule: 'delete', action: 'require_approval', limit: [5, 'minute'] },
    { c: classification('Delete', 'High'), rule: 'delete', action: 'require_approval', limit: [5, 'minute'] },
    { c: classification('Delete', 'Critical'), rule: 'critical', action: 'deny', limit: undefined },
    { c: classification('Write', 'Critical'), rule: 'critical', action: 'deny', limit: undefined },
    { c: classification('Read', 'Low', [HOSTILE_FINDING]), rule: 'hostile-description', action: 'deny', limit: undefined },
    { c: classification('Delete', 'Medium', [LYING_ANNOTATION]), rule: 'lying-annotation', action: 'deny', limit: undefined },
  ] as const;

  for (const { c, rule, action, limit } of cases) {
    it(`${c.category}/${c.risk}${c.findings.length > 0 ? ' + hostile finding' : ''} → ${rule}`, () => {
      const r = recommend('t', c);
      assert.equal(r.rule, rule);
      assert.equal(r.action, action);
      assert.ok(r.reason.length > 20, 'every recommendation carries its reason');
      assert.doesNotMatch(r.reason, /\{\w+\}/, 'no unfilled placeholder');
      if (limit === undefined) assert.deepEqual(r.limits, []);
      else assert.deepEqual(r.limits, [{ counter: 't_rate', window: limit[1], max: limit[0], scope: 'grant' }]);
    });
  }

  it('covers every category × risk with a table row (none falls to no-match)', () => {
    for (const category of CATEGORIES) for (const risk of RISKS) assert.notEqual(recommend('t', classification(category, risk)).rule, 'no-match');
  });

  it('every default row is reached by some case', () => {
    const reached = new Set<string>(cases.map((c) => c.rule));
    for (const rule of DEFAULT_RULES) assert.ok(reached.has(rule.id), `row ${rule.id} untested`);
  });

  it('quotes the most severe hostile finding as the reason', () => {
    const low = { kind: 'odd-unicode', severity: 'medium' as const, message: 'zero-width characters' };
    const r = recommend('t', classification('Read', 'Low', [low, HOSTILE_FINDING]));
    assert.equal(r.reason, `Hostile description (hidden-instructions, high): ${HOSTILE_FINDING.message}`);
  });

  it('ignores low-severity findings, and annotation findings below high', () => {
    const low = { kind: 'odd-unicode', severity: 'low' as const, message: 'x' };
    const annotation = { kind: 'annotation_contradiction', severity: 'medium' as const, message: 'destructiveHint false on a move' };
    assert.equal(recommend('t', classification('Read', 'Low', [low, annotation])).rule, 'read-public');
  });

  it('toToolPolicy writes the action explicitly and omits empty limits', () => {
    assert.deepEqual(toToolPolicy(recommend('x', classification('Write', 'Critical'))), {
      action: 'deny',
      reason: recommend('x', classification('Write', 'Critical')).reason,
    });
    assert.deepEqual(toToolPolicy(recommend('x', classification('Write', 'Low'))).limits, [
      { counter: 'x_rate', window: 'minute', max: 30, scope: 'grant' },
    ]);
  });
});

describe('rules table as Markdown', () => {
  it('has a row per rule plus the no-match fallback, with escaped cells', () => {
    const md = renderRulesTable();
    const rows = md.split('\n').filter((line) => line.startsWith('| '));
    assert.equal(rows.length, 2 + DEFAULT_RULES.length + 1);
    for (const rule of DEFAULT_RULES) assert.match(md, new RegExp(`\`${rule.id}\``));
    assert.match(md, /120 per minute/);
    const piped = renderRulesTable([{ id: 'p', when: {}, action: 'allow', reason: 'a | b' }]);
    assert.match(piped, /a \\\| b/);
  });
});

describe('rules file override', () => {
  const file = (rules: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ version: '1', rules, ...extra });

  it('replaces a row by id in place', () => {
    const parsed = parseRulesFile(file([{ id: 'write', when: { categories: ['Write'], risks: ['Low', 'Medium'] }, action: 'require_approval', reason: 'we ask for every write' }]), 'team.json');
    const rules = applyRulesFile(DEFAULT_RULES, parsed);
    assert.equal(rules.length, DEFAULT_RULES.length);
    assert.deepEqual(rules.map((r) => r.id), DEFAULT_RULES.map((r) => r.id));
    const r = recommend('t', classification('Write', 'Low'), rules);
    assert.equal(r.action, 'require_approval');
    assert.equal(r.reason, 'we ask for every write');
  });

  it('puts new rules first', () => {
    const parsed = parseRulesFile(file([{ id: 'no-public-reads-limit', when: { categories: ['Read'], risks: ['Low'] }, action: 'allow', limit: { max: 1000, window: 'hour' }, reason: 'ours' }]), 'f.json');
    const rules = applyRulesFile(DEFAULT_RULES, parsed);
    assert.equal(rules[0]?.id, 'no-public-reads-limit');
    assert.deepEqual(recommend('t', classification('Read', 'Low'), rules).limits, [{ counter: 't_rate', window: 'hour', max: 1000, scope: 'grant' }]);
  });

  it('replace: true makes the file the whole table, with the no-match fallback asking', () => {
    const parsed = parseRulesFile(file([{ id: 'reads', when: { categories: ['Read'] }, action: 'allow', reason: 'reads ok' }], { replace: true }), 'f.json');
    const rules = applyRulesFile(DEFAULT_RULES, parsed);
    assert.equal(rules.length, 1);
    const r = recommend('t', classification('Write', 'Low'), rules);
    assert.equal(r.rule, 'no-match');
    assert.equal(r.action, 'require_approval');
    assert.match(r.reason, /Write\/Low/);
  });

  it('matches finding kinds by exact name or prefix*', () => {
    const parsed = parseRulesFile(file([{ id: 'inj', when: { finding: { minSeverity: 'low', kinds: ['prompt-*'] } }, action: 'deny', reason: '{findingMessage}' }], { replace: true }), 'f.json');
    const rules = applyRulesFile([], parsed);
    const hit = recommend('t', classification('Read', 'Low', [{ kind: 'prompt-injection', severity: 'low', message: 'm' }]), rules);
    assert.equal(hit.action, 'deny');
    assert.equal(hit.reason, 'm');
    assert.equal(recommend('t', classification('Read', 'Low', [{ kind: 'other', severity: 'high', message: 'm' }]), rules).rule, 'no-match');
  });

  const bad: Array<[string, string, RegExp]> = [
    ['not JSON', '{"version": "1", rules: []}', /rules file bad\.json: not valid JSON/],
    ['wrong action', file([{ id: 'x', when: {}, action: 'block', reason: 'r' }]), /rules file bad\.json: rules\[0\]\.action: /],
    ['bad window', file([{ id: 'x', when: {}, action: 'allow', limit: { max: 3, window: 'week' }, reason: 'r' }]), /rules\[0\]\.limit\.window/],
    ['zero max', file([{ id: 'x', when: {}, action: 'allow', limit: { max: 0, window: 'hour' }, reason: 'r' }]), /rules\[0\]\.limit\.max/],
    ['unknown category', file([{ id: 'x', when: { categories: ['Execute'] }, action: 'allow', reason: 'r' }]), /rules\[0\]\.when\.categories\[0\]/],
    ['unknown field', file([{ id: 'x', when: {}, action: 'allow', reason: 'r', priority: 1 }]), /rules\[0\].*priority/],
    ['limit on deny', file([{ id: 'x', when: {}, action: 'deny', limit: { max: 1, window: 'day' }, reason: 'r' }]), /rules\[0\]\.limit: a limit has no effect/],
    ['unknown placeholder', file([{ id: 'x', when: {}, action: 'allow', reason: 'because {tool}' }]), /rules\[0\]\.reason: unknown placeholder \{tool\}/],
    ['duplicate id', file([{ id: 'x', when: {}, action: 'allow', reason: 'r' }, { id: 'x', when: {}, action: 'deny', reason: 'r' }]), /rules\[1\]\.id: "x" appears twice/],
    ['wrong version', JSON.stringify({ version: '2', rules: [] }), /rules file bad\.json: version/],
  ];
  for (const [name, text, message] of bad) {
    it(`rejects a bad file (${name}) with BAD_CONFIG naming the file and field`, () => {
      assert.throws(
        () => parseRulesFile(text, 'bad.json'),
        (error: unknown) => error instanceof McpRiskError && error.code === 'BAD_CONFIG' && error.exitCode === 2 && message.test(error.message),
      );
    });
  }

  it('loads a rules file from disk and names a missing one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-risk-rules-'));
    try {
      const path = join(dir, 'rules.json');
      await writeFile(path, file([{ id: 'delete', when: { categories: ['Delete'] }, action: 'deny', reason: 'no deletes here' }]));
      const rules = applyRulesFile(DEFAULT_RULES, await loadRulesFile(path));
      assert.equal(recommend('t', classification('Delete', 'Low'), rules).action, 'deny');
      await assert.rejects(loadRulesFile(join(dir, 'missing.json')), (e: unknown) => e instanceof McpRiskError && e.code === 'BAD_CONFIG' && e.message.includes('missing.json'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

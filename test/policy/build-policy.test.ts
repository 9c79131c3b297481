import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPolicy, buildToolPolicy, mergePolicies, mergeToolPolicies } from '../../src/policy/build-policy.ts';
import { parsePolicy, policySchema, type Policy } from '../../src/policy/policy-schema.ts';
import { McpRiskError } from '../../src/errors.ts';
import { stableJson } from '../../src/policy/stable-json.ts';
import { awkwardTools, classification, GITHUB_TOOLS } from './policy-fixtures.ts';

describe('per-tool policy', () => {
  it('returns the entry and the recommendation it came from', () => {
    const { policy, recommendation } = buildToolPolicy({ name: 'create_issue', classification: classification('Write', 'Medium') });
    assert.equal(recommendation.rule, 'write');
    assert.deepEqual(policy, {
      action: 'allow',
      reason: recommendation.reason,
      limits: [{ counter: 'create_issue_rate', window: 'minute', max: 30, scope: 'grant' }],
    });
  });
});

describe('whole-server policy', () => {
  const policy = buildPolicy(GITHUB_TOOLS);

  it('denies by default and lists every tool with its recommendation', () => {
    assert.equal(policy.version, '1');
    assert.equal(policy.default, 'deny');
    assert.deepEqual(Object.keys(policy.tools), [...GITHUB_TOOLS.map((t) => t.name)].sort());
    const actions = Object.fromEntries(Object.entries(policy.tools).map(([name, entry]) => [name, entry.action]));
    assert.deepEqual(actions, {
      create_issue: 'allow',
      delete_file: 'require_approval',
      get_issue: 'allow',
      list_issues: 'allow',
      merge_pull_request: 'require_approval',
      run_workflow_shell: 'deny',
      search_code: 'deny',
    });
    assert.match(policy.tools.search_code?.reason ?? '', /^Hostile description/);
    for (const entry of Object.values(policy.tools)) assert.ok((entry.reason ?? '').length > 0);
  });

  it('is valid against the v1 schema, and deterministic whatever the input order', () => {
    assert.equal(policySchema.safeParse(policy).success, true);
    assert.equal(stableJson(buildPolicy([...GITHUB_TOOLS].reverse())), stableJson(policy));
  });

  it('keeps awkward names (including __proto__) as ordinary keys', () => {
    const awkward = buildPolicy(awkwardTools());
    assert.ok(Object.hasOwn(awkward.tools, '__proto__'));
    assert.equal(Object.getPrototypeOf(awkward.tools), Object.prototype);
    const reparsed = parsePolicy(JSON.parse(stableJson(awkward)), 'awkward.json');
    assert.deepEqual(Object.keys(reparsed.tools).sort(), Object.keys(awkward.tools).sort());
    assert.equal(stableJson(reparsed), stableJson(awkward));
  });

  it('parsePolicy validates a "__proto__" tool entry, which zod alone would skip', () => {
    const text = '{"version":"1","default":"deny","tools":{"__proto__":{"action":"nope"},"a":{}}}';
    assert.throws(
      () => parsePolicy(JSON.parse(text), 'p.json'),
      (e: unknown) => e instanceof McpRiskError && e.code === 'BAD_INPUT_FILE' && /policy p\.json: tools\.__proto__\.action/.test(e.message),
    );
  });

  it('merges a name listed twice on one server conservatively', () => {
    const twice = buildPolicy([
      { name: 'x', classification: classification('Read', 'Low') },
      { name: 'x', classification: classification('Write', 'High') },
    ]);
    assert.equal(twice.tools.x?.action, 'require_approval');
  });

  it('handles a server with no tools', () => {
    assert.deepEqual(buildPolicy([]), { version: '1', default: 'deny', tools: {} });
  });
});

describe('most conservative merge', () => {
  it('deny beats require_approval beats allow', () => {
    assert.equal(mergeToolPolicies([{ action: 'allow' }, { action: 'require_approval' }]).action, 'require_approval');
    assert.equal(mergeToolPolicies([{ action: 'require_approval' }, { action: 'deny', reason: 'no' }, { action: 'allow' }]).action, 'deny');
    assert.equal(mergeToolPolicies([{ limits: [] }, { action: 'allow' }]).action, 'allow', 'an entry without action is an allow');
  });

  it('the lowest limit wins per counter, window and scope; other limits still apply', () => {
    const merged = mergeToolPolicies([
      { action: 'allow', reason: 'a', limits: [{ counter: 't_rate', window: 'minute', max: 120, scope: 'grant' }] },
      { action: 'allow', reason: 'b', limits: [{ counter: 't_rate', window: 'minute', max: 30, scope: 'grant' }, { counter: 't_rate', window: 'day', max: 500, scope: 'grant' }] },
      { action: 'allow', reason: 'a', limits: [{ counter: 't_rate', window: 'minute', max: 60, scope: 'grant' }] },
    ]);
    assert.deepEqual(merged, {
      action: 'allow',
      reason: 'a | b',
      limits: [
        { counter: 't_rate', window: 'minute', max: 30, scope: 'grant' },
        { counter: 't_rate', window: 'day', max: 500, scope: 'grant' },
      ],
    });
  });

  it('keeps the reasons of the winning action only and drops limits on deny', () => {
    const merged = mergeToolPolicies([
      { action: 'allow', reason: 'fine', limits: [{ counter: 'c', window: 'minute', max: 1, scope: 'grant' }] },
      { action: 'deny', reason: 'hostile' },
    ]);
    assert.deepEqual(merged, { action: 'deny', reason: 'hostile' });
  });

  it('merges whole policies: deny default wins, a tool missing from a deny-default policy is denied', () => {
    const a: Policy = { version: '1', default: 'deny', tools: { read: { action: 'allow' }, only_a: { action: 'allow' } } };
    const b: Policy = { version: '1', default: 'allow', tools: { read: { action: 'require_approval', reason: 'r' }, only_b: { action: 'allow' } } };
    const merged = mergePolicies([a, b]);
    assert.equal(merged.default, 'deny');
    assert.deepEqual(Object.keys(merged.tools), ['only_a', 'only_b', 'read']);
    assert.equal(merged.tools.read?.action, 'require_approval');
    assert.equal(merged.tools.only_a?.action, 'allow', 'b defaults to allow');
    assert.equal(merged.tools.only_b?.action, 'deny', 'a defaults to deny');
    assert.equal(policySchema.safeParse(merged).success, true);
  });

  it('merging one policy returns an equal policy', () => {
    const p = buildPolicy(GITHUB_TOOLS);
    assert.equal(stableJson(mergePolicies([p])), stableJson(p));
  });
});

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { Ajv } from 'ajv';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { McpRiskError } from '../../src/errors.ts';
import { sanitizeName } from '../../src/policy/alias.ts';
import { buildPolicy } from '../../src/policy/build-policy.ts';
import { EXPORT_FORMATS, exportPolicy, FORMAT_NAMES, toolhiveRateLimitYaml } from '../../src/policy/formats/index.ts';
import { toolhiveCedar } from '../../src/policy/formats/toolhive-cedar.ts';
import { dockerToolsYaml } from '../../src/policy/formats/docker-tools-yaml.ts';
import { parsePolicy, type Policy } from '../../src/policy/policy-schema.ts';
import { awkwardTools, GITHUB_TOOLS } from './policy-fixtures.ts';

const here = dirname(fileURLToPath(import.meta.url));

const SERVERS: Array<{ label: string; alias: string; policy: Policy }> = [
  { label: 'github', alias: 'github', policy: buildPolicy(GITHUB_TOOLS) },
  { label: 'awkward names', alias: 'weird-srv_1', policy: buildPolicy(awkwardTools()) },
  { label: 'empty server', alias: 'empty', policy: buildPolicy([]) },
];

function byAction(policy: Policy, action: string): string[] {
  return Object.entries(policy.tools).filter(([, e]) => (e.action ?? 'allow') === action).map(([n]) => n);
}

describe('export registry', () => {
  it('lists every format with a description, and rejects an unknown one', () => {
    assert.deepEqual(Object.keys(EXPORT_FORMATS), [...FORMAT_NAMES]);
    for (const name of FORMAT_NAMES) assert.ok(EXPORT_FORMATS[name].description.length > 10);
    assert.throws(
      () => exportPolicy('cursor', { alias: 'a', policy: buildPolicy([]) }),
      (e: unknown) => e instanceof McpRiskError && e.code === 'BAD_FLAG' && e.message.includes('v1, claude-code, toolhive, codex, docker'),
    );
  });

  it('is deterministic: the same input gives the same bytes', () => {
    for (const name of FORMAT_NAMES) {
      const a = exportPolicy(name, { alias: 'x', policy: buildPolicy(awkwardTools()) });
      const b = exportPolicy(name, { alias: 'x', policy: buildPolicy([...awkwardTools()].reverse()) });
      assert.equal(a, b, name);
    }
  });
});

describe('v1 export', () => {
  for (const { label, alias, policy } of SERVERS) {
    it(`round-trips through parsePolicy (${label})`, () => {
      const text = exportPolicy('v1', { alias, policy });
      assert.deepEqual(parsePolicy(JSON.parse(text), 'v1'), policy);
    });
  }
});

describe('Claude Code export', async () => {
  // Vendored from SchemaStore; see test/fixtures/schemas/README.md.
  const schema: unknown = JSON.parse(await readFile(join(here, '..', 'fixtures', 'schemas', 'claude-code-settings.excerpt.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema as object);

  for (const { label, alias, policy } of SERVERS) {
    it(`validates against the published settings schema (${label})`, () => {
      const settings: { $schema: string; permissions: Record<'allow' | 'ask' | 'deny', string[]> } = JSON.parse(exportPolicy('claude-code', { alias, policy }));
      assert.equal(validate(settings), true, JSON.stringify(validate.errors));
      assert.equal(settings.$schema, 'https://json.schemastore.org/claude-code-settings.json');
      const all = [...settings.permissions.allow, ...settings.permissions.ask, ...settings.permissions.deny];
      assert.equal(new Set(all).size, all.length, 'a rule appears in one list only');
      for (const rule of all) assert.match(rule, new RegExp(`^mcp__${alias}__[A-Za-z0-9_-]+$`));
      // Every tool is covered by a rule in the list of its action, or a stricter one.
      const listOf = (rule: string) => (settings.permissions.deny.includes(rule) ? 2 : settings.permissions.ask.includes(rule) ? 1 : 0);
      const rank = { allow: 0, require_approval: 1, deny: 2 } as const;
      for (const [name, entry] of Object.entries(policy.tools)) {
        const rule = `mcp__${alias}__${sanitizeName(name, 'claude-code')}`;
        assert.ok(all.includes(rule), `no rule for ${JSON.stringify(name)}`);
        assert.ok(listOf(rule) >= rank[entry.action ?? 'allow'], `${JSON.stringify(name)} is in a weaker list`);
      }
    });
  }

  it('puts colliding names (files.read deny-able vs files_read) in the strictest list only', () => {
    const policy: Policy = { version: '1', default: 'deny', tools: { 'files.read': { action: 'deny' }, files_read: { action: 'allow' } } };
    const settings = JSON.parse(exportPolicy('claude-code', { alias: 'fs', policy }));
    assert.deepEqual(settings.permissions, { allow: [], ask: [], deny: ['mcp__fs__files_read'] });
  });
});

describe('ToolHive Cedar export', () => {
  for (const { label, alias, policy } of SERVERS) {
    it(`parses with the Cedar parser and decides as the policy says (${label})`, () => {
      const config = JSON.parse(exportPolicy('toolhive', { alias, policy }));
      assert.deepEqual(Object.keys(config).sort(), ['cedar', 'type', 'version']);
      assert.equal(config.version, '1.0');
      assert.equal(config.type, 'cedarv1');
      assert.equal(config.cedar.entities_json, '[]');
      const policies: string[] = config.cedar.policies;
      assert.equal(policies.length, Object.keys(policy.tools).length);
      for (const text of policies) {
        const check = cedar.checkParsePolicySet({ staticPolicies: text });
        assert.equal(check.type, 'success', `${text}\n${JSON.stringify(check)}`);
        const parts = cedar.policySetTextToParts(text);
        assert.ok(parts.type === 'success' && parts.policies.length === 1, 'each string is exactly one policy');
      }
      const staticPolicies = Object.fromEntries(policies.map((text, i) => [`p${i}`, text]));
      for (const [name, entry] of Object.entries(policy.tools)) {
        const answer = cedar.isAuthorized({
          principal: { type: 'Client', id: 'alice' },
          action: { type: 'Action', id: 'call_tool' },
          resource: { type: 'Tool', id: name },
          context: {},
          policies: { staticPolicies },
          entities: [],
        });
        assert.equal(answer.type, 'success', JSON.stringify(answer));
        if (answer.type !== 'success') continue;
        const expected = (entry.action ?? 'allow') === 'deny' ? 'deny' : 'allow';
        assert.equal(answer.response.decision, expected, `${JSON.stringify(name)} (${entry.action})`);
      }
      const unknown = cedar.isAuthorized({
        principal: { type: 'Client', id: 'alice' },
        action: { type: 'Action', id: 'call_tool' },
        resource: { type: 'Tool', id: 'not_in_policy' },
        context: {},
        policies: { staticPolicies },
        entities: [],
      });
      assert.ok(unknown.type === 'success' && unknown.response.decision === 'deny', 'default deny');
    });
  }

  it('can forbid tools that need approval, and permits all but denials under a default-allow policy', () => {
    const policy = buildPolicy(GITHUB_TOOLS);
    const forbidding = JSON.parse(toolhiveCedar({ alias: 'gh', policy }, { approval: 'forbid' })).cedar.policies as string[];
    assert.equal(forbidding.filter((p) => p.includes('forbid(')).length, byAction(policy, 'deny').length + byAction(policy, 'require_approval').length);
    const allowAll = JSON.parse(toolhiveCedar({ alias: 'gh', policy: { ...policy, default: 'allow' } })).cedar.policies as string[];
    assert.equal(cedar.checkParsePolicySet({ staticPolicies: allowAll.join('\n') }).type, 'success');
  });

  it('writes the per-tool rate limits as a ToolHive rateLimiting excerpt', () => {
    for (const { alias, policy } of SERVERS) {
      const doc = parseYaml(toolhiveRateLimitYaml({ alias, policy })) as { rateLimiting: { tools: Array<{ name: string; shared: { maxTokens: number; refillPeriod: string } }> } };
      const limited = Object.entries(policy.tools).filter(([, e]) => e.action !== 'deny' && (e.limits ?? []).length > 0).map(([n]) => n);
      assert.deepEqual(doc.rateLimiting.tools.map((t) => t.name).sort(), limited.sort());
      for (const t of doc.rateLimiting.tools) assert.match(t.shared.refillPeriod, /^(1s|1m0s|1h0m0s|24h0m0s)$/);
    }
    const gh = parseYaml(toolhiveRateLimitYaml({ alias: 'gh', policy: buildPolicy(GITHUB_TOOLS) })) as { rateLimiting: { tools: Array<{ name: string; shared: unknown }> } };
    assert.deepEqual(gh.rateLimiting.tools.find((t) => t.name === 'create_issue')?.shared, { maxTokens: 30, refillPeriod: '1m0s' });
  });
});

describe('Codex config.toml export', () => {
  for (const { label, alias, policy } of SERVERS) {
    it(`parses back with smol-toml, keyed by the alias, with every tool (${label})`, () => {
      const doc = parseToml(exportPolicy('codex', { alias, policy })) as {
        mcp_servers: Record<string, { enabled_tools: string[]; disabled_tools: string[]; default_tools_approval_mode: string; tools?: Record<string, { approval_mode: string }> }>;
      };
      assert.deepEqual(Object.keys(doc.mcp_servers), [alias]);
      const server = doc.mcp_servers[alias];
      assert.ok(server);
      assert.equal(server.default_tools_approval_mode, 'prompt');
      assert.deepEqual([...server.disabled_tools].sort(), byAction(policy, 'deny').sort());
      const usable = [...byAction(policy, 'allow'), ...byAction(policy, 'require_approval')].sort();
      assert.deepEqual([...server.enabled_tools].sort(), usable);
      const tools = server.tools ?? {};
      assert.deepEqual(Object.keys(tools).sort(), usable);
      for (const name of byAction(policy, 'allow')) assert.equal(tools[name]?.approval_mode, 'approve');
      for (const name of byAction(policy, 'require_approval')) assert.equal(tools[name]?.approval_mode, 'prompt');
    });
  }

  it('quotes the alias when a caller passes one Codex would refuse, rather than writing invalid TOML', () => {
    const doc = parseToml(exportPolicy('codex', { alias: 'my server', policy: buildPolicy([]) })) as { mcp_servers: Record<string, unknown> };
    assert.deepEqual(Object.keys(doc.mcp_servers), ['my_server']);
  });
});

describe('Docker tools.yaml export', () => {
  for (const { label, alias, policy } of SERVERS) {
    it(`parses back with yaml: the alias maps to every tool not denied (${label})`, () => {
      const doc = parseYaml(exportPolicy('docker', { alias, policy })) as Record<string, string[]>;
      assert.deepEqual(Object.keys(doc), [alias]);
      const expected = [...byAction(policy, 'allow'), ...byAction(policy, 'require_approval')].sort();
      assert.deepEqual([...(doc[alias] ?? [])].sort(), expected);
    });
  }

  it('can leave out tools that need approval, and keeps a dotted catalog name as the key', () => {
    const policy = buildPolicy(GITHUB_TOOLS);
    const doc = parseYaml(dockerToolsYaml({ alias: 'github.official', policy }, { approval: 'omit' })) as Record<string, string[]>;
    assert.deepEqual(Object.keys(doc), ['github.official']);
    assert.deepEqual([...(doc['github.official'] ?? [])].sort(), byAction(policy, 'allow').sort());
  });
});

describe('every export', () => {
  it('writes no raw control, bidi or zero-width character, whatever the tool names', () => {
    const policy = buildPolicy([...awkwardTools(), { name: 'zero\u200bwidth\ufeff\u2066', classification: { category: 'Read', risk: 'Low', findings: [] } }]);
    for (const name of FORMAT_NAMES) {
      const text = exportPolicy(name, { alias: 'x', policy });
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point
      assert.doesNotMatch(text.replace(/\n/g, ''), /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/, name);
    }
  });
});

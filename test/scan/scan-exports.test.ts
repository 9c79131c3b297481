// `scan --export FORMAT`: the whole-server policy in each client format, keyed by --alias (or the
// sanitised short server name), parsed back with the format's own parser or schema and checked for
// the alias and every tool.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { parsePolicy } from '../../src/policy/policy-schema.ts';
import { ROOT } from '../helpers/fixture-servers.ts';
import { runScan } from '../helpers/run-scan-cli.ts';

const TOOLS = [
  { name: 'read_graph', description: 'Read the whole knowledge graph.', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } },
  { name: 'create_entities', description: 'Create multiple new entities in the knowledge graph.', inputSchema: { type: 'object' }, annotations: { readOnlyHint: false, destructiveHint: false } },
  { name: 'delete_entities', description: 'Delete multiple entities and their relations from the knowledge graph.', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } },
  { name: 'send.email', description: 'Send an email to any address.', inputSchema: { type: 'object' } },
];
const NAMES = TOOLS.map((t) => t.name).sort();

describe('scan --export, keyed by the alias', () => {
  let dir: string;
  let file: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-risk-scan-export-'));
    // The file name stands for a registry-style name: the default alias is its short form.
    file = path.join(dir, 'server-memory.json');
    await writeFile(file, JSON.stringify({ tools: TOOLS }));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('claude-code: validates against the settings schema; every rule is mcp__<alias>__<tool>', async () => {
    const schema: unknown = JSON.parse(await readFile(path.join(ROOT, 'test', 'fixtures', 'schemas', 'claude-code-settings.excerpt.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema as object);
    const r = await runScan(['--tools', file, '--export', 'claude-code', '--alias', 'kg']);
    assert.equal(r.code, 0, r.stderr);
    const settings = JSON.parse(r.stdout) as { permissions: Record<'allow' | 'ask' | 'deny', string[]> };
    assert.equal(validate(settings), true, JSON.stringify(validate.errors));
    const rules = [...settings.permissions.allow, ...settings.permissions.ask, ...settings.permissions.deny];
    for (const rule of rules) assert.match(rule, /^mcp__kg__[A-Za-z0-9_-]+$/);
    assert.deepEqual(rules.map((x) => x.replace('mcp__kg__', '')).sort(), NAMES.map((n) => n.replace('.', '_')).sort());
    assert.ok(settings.permissions.deny.includes('mcp__kg__delete_entities'), 'the lying delete tool is denied');
  });

  it('codex: TOML parses; [mcp_servers.<alias>] names every tool', async () => {
    const r = await runScan(['--tools', file, '--export', 'codex', '--alias', 'kg']);
    assert.equal(r.code, 0, r.stderr);
    const toml = parseToml(r.stdout) as { mcp_servers: Record<string, { enabled_tools?: string[]; disabled_tools?: string[]; tools?: Record<string, unknown> }> };
    assert.deepEqual(Object.keys(toml.mcp_servers), ['kg']);
    const server = toml.mcp_servers['kg'];
    assert.ok(server);
    const listed = [...(server.enabled_tools ?? []), ...(server.disabled_tools ?? [])].sort();
    assert.deepEqual(listed, NAMES);
    assert.ok(server.disabled_tools?.includes('delete_entities'));
  });

  it('docker: YAML parses; the alias maps to the allowed tools, denied ones left out', async () => {
    const r = await runScan(['--tools', file, '--export', 'docker', '--alias', 'kg']);
    assert.equal(r.code, 0, r.stderr);
    const yaml = parseYaml(r.stdout) as Record<string, string[]>;
    assert.deepEqual(Object.keys(yaml), ['kg']);
    const allowed = yaml['kg'] ?? [];
    for (const name of NAMES) {
      if (name === 'delete_entities') assert.ok(!allowed.includes(name));
      else assert.ok(allowed.includes(name), `${name} in ${JSON.stringify(allowed)}`);
      assert.ok(r.stdout.includes(name), `${name} named (listed or left out)`);
    }
  });

  it('toolhive and v1: JSON with a policy for every tool', async () => {
    const th = await runScan(['--tools', file, '--export', 'toolhive']);
    assert.equal(th.code, 0, th.stderr);
    const cedar = JSON.parse(th.stdout) as { type: string; cedar: { policies: string[] } };
    assert.equal(cedar.type, 'cedarv1');
    for (const name of NAMES) assert.ok(cedar.cedar.policies.some((p) => p.includes(`Tool::"${name}"`)), name);
    const v1 = await runScan(['--tools', file, '--export', 'v1']);
    assert.equal(v1.code, 0, v1.stderr);
    const policy = parsePolicy(JSON.parse(v1.stdout), 'scan');
    assert.deepEqual(Object.keys(policy.tools).sort(), NAMES);
    assert.equal(policy.default, 'deny');
  });

  it('defaults the alias to the sanitised short server name, and refuses an alias the client would refuse', async () => {
    const r = await runScan(['--tools', file, '--export', 'codex']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.keys((parseToml(r.stdout) as { mcp_servers: object }).mcp_servers), ['memory']);
    const named = await runScan(['--tools', file, '--name', 'io.github.acme/kg server', '--export', 'claude-code']);
    assert.match(named.stdout, /"mcp__kg_server__read_graph"/);
    const bad = await runScan(['--tools', file, '--export', 'claude-code', '--alias', 'my server']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /did you mean --alias my_server/);
  });
});

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { parsePolicy } from '../../src/policy/policy-schema.ts';
import { fillApiCatalog } from '../helpers/api-catalog.ts';
import { describeEachDriver } from '../helpers/databases.ts';
import { ROOT } from '../helpers/fixture-servers.ts';
import { CLI_ENTRY } from '../helpers/run-cli.ts';
import { prepareDatabase, type PreparedDatabase } from '../helpers/prepared-database.ts';

function textOf(result: unknown): string {
  const content = (result as CallToolResult).content;
  return content.map((c) => (c.type === 'text' ? c.text : '')).join('');
}

describeEachDriver('our MCP server (mcp-risk mcp)', (driver) => {
  let prepared: PreparedDatabase;
  let client: Client;
  let transport: StdioClientTransport;
  let stderr = '';
  before(async () => {
    prepared = await prepareDatabase(driver, fillApiCatalog);
    transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', CLI_ENTRY, 'mcp'],
      cwd: ROOT,
      env: { ...(process.env as Record<string, string>), ...prepared.env },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'mcp-risk-test', version: '1.0.0' });
    await client.connect(transport);
  });
  after(async () => {
    await client.close();
    await prepared.dispose();
  });

  it('lists both tools, annotated read-only, with input schemas and descriptions', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['get_policy', 'lookup_tool_risk']);
    for (const tool of tools) {
      assert.deepEqual(
        { ...tool.annotations, title: undefined },
        { title: undefined, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
        tool.name,
      );
      assert.ok((tool.description ?? '').length > 80, tool.name);
      assert.deepEqual(tool.inputSchema.required, ['tool'], tool.name);
    }
    const policy = tools.find((t) => t.name === 'get_policy');
    assert.deepEqual(Object.keys(policy?.inputSchema.properties ?? {}).sort(), ['alias', 'format', 'merge', 'server', 'tool']);
  });

  it('lookup_tool_risk: matches with category, risk, confidence, rationale and findings', async () => {
    const result = await client.callTool({ name: 'lookup_tool_risk', arguments: { tool: 'mcp__filesystem__delete_file' } });
    assert.notEqual(result.isError, true);
    const body = JSON.parse(textOf(result)) as { matches: Record<string, unknown>[] };
    assert.equal(body.matches.length, 1);
    const [match] = body.matches;
    assert.equal(match?.['category'], 'Delete');
    assert.equal(typeof match?.['risk'], 'string');
    assert.equal(typeof match?.['confidence'], 'number');
    assert.ok(String(match?.['rationale']).length > 10);
    assert.deepEqual(match?.['findings'], []);

    const shared = JSON.parse(textOf(await client.callTool({ name: 'lookup_tool_risk', arguments: { tool: 'search' } }))) as { servers: string[] };
    assert.equal(shared.servers.length, 3);
    const hostile = JSON.parse(textOf(await client.callTool({ name: 'lookup_tool_risk', arguments: { tool: 'add_note' } }))) as { matches: { findings: unknown[] }[] };
    assert.ok((hostile.matches[0]?.findings.length ?? 0) > 0);
  });

  it('get_policy: v1 by default, other formats on request, ambiguous names listed, merge for all', async () => {
    const v1 = await client.callTool({ name: 'get_policy', arguments: { tool: 'delete_file' } });
    assert.notEqual(v1.isError, true);
    const policy = parsePolicy(JSON.parse(textOf(v1)), 'get_policy');
    assert.ok(policy.tools['delete_file']);

    const claude = await client.callTool({ name: 'get_policy', arguments: { tool: 'create_issue', format: 'claude-code', alias: 'gh' } });
    assert.match(textOf(claude), /mcp__gh__create_issue/);

    const ambiguous = await client.callTool({ name: 'get_policy', arguments: { tool: 'search' } });
    assert.notEqual(ambiguous.isError, true);
    assert.match(textOf(ambiguous), /3 servers have a tool named "search"/);
    assert.match(textOf(ambiguous), /github\/search/);

    const merged = await client.callTool({ name: 'get_policy', arguments: { tool: 'search', merge: true } });
    assert.ok(parsePolicy(JSON.parse(textOf(merged)), 'merged').tools['search']);
    const one = await client.callTool({ name: 'get_policy', arguments: { tool: 'search', server: 'github', format: 'codex' } });
    assert.match(textOf(one), /\[mcp_servers\./);
  });

  it('an unknown tool is an isError result with close matches, and the server keeps answering', async () => {
    const result = await client.callTool({ name: 'lookup_tool_risk', arguments: { tool: 'delete_fil' } });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /no tool named "delete_fil"/);
    assert.match(textOf(result), /did you mean: .*delete_file/);
    const policy = await client.callTool({ name: 'get_policy', arguments: { tool: 'delete_fil' } });
    assert.equal(policy.isError, true);
    const badAlias = await client.callTool({ name: 'get_policy', arguments: { tool: 'delete_file', format: 'codex', alias: 'not valid' } });
    assert.equal(badAlias.isError, true);
    assert.equal((await client.listTools()).tools.length, 2);
  });

  it('writes nothing but the protocol to stdout (the client would have failed to parse it)', () => {
    assert.doesNotMatch(stderr, /internal error/);
  });
});

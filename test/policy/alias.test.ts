import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { McpRiskError } from '../../src/errors.ts';
import { resolveAlias, sanitizeName, shortServerName } from '../../src/policy/alias.ts';

describe('alias', () => {
  it('guesses the short name users give a server', () => {
    const cases: Array<[string, string]> = [
      ['io.github.acme/weather', 'weather'],
      ['@modelcontextprotocol/server-github', 'github'],
      ['@modelcontextprotocol/server-filesystem@2026.1.1', 'filesystem'],
      ['github-mcp-server', 'github'],
      ['mcp-server-fetch', 'fetch'],
      ['com.example/notion-mcp', 'notion'],
      ['mcp', 'mcp'],
      ['server', 'server'],
      ['io.github.x/Brave.Search', 'Brave.Search'],
    ];
    for (const [name, short] of cases) assert.equal(shortServerName(name), short, name);
  });

  it('sanitises like Claude Code and Codex: anything outside [A-Za-z0-9_-] becomes "_"', () => {
    for (const client of ['claude-code', 'codex'] as const) {
      assert.equal(sanitizeName('Brave.Search', client), 'Brave_Search');
      assert.equal(sanitizeName('my server (prod)', client), 'my_server__prod_');
      assert.equal(sanitizeName('工具', client), '__');
      assert.equal(sanitizeName('ok-name_1', client), 'ok-name_1');
      assert.match(sanitizeName('', client), /^[A-Za-z0-9_-]+$/);
    }
    assert.equal(sanitizeName(' Brave.Search ', 'docker'), 'Brave.Search');
  });

  it('defaults to the sanitised short name, and checks an explicit --alias', () => {
    assert.equal(resolveAlias({ serverName: 'io.github.x/Brave.Search', client: 'claude-code' }), 'Brave_Search');
    assert.equal(resolveAlias({ serverName: 'whatever', alias: 'gh', client: 'codex' }), 'gh');
    assert.equal(resolveAlias({ serverName: 'whatever', alias: 'github.official', client: 'docker' }), 'github.official');
    assert.throws(
      () => resolveAlias({ serverName: 'x', alias: 'git hub', client: 'claude-code' }),
      (e: unknown) => e instanceof McpRiskError && e.code === 'BAD_FLAG' && e.hint?.includes('--alias git_hub') === true,
    );
    assert.throws(() => resolveAlias({ serverName: 'x', alias: '  ', client: 'codex' }), McpRiskError);
  });
});

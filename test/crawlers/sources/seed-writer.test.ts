import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { mergeCandidates } from '../../../crawlers/sources/merge-candidates.ts';
import { parsePackument } from '../../../crawlers/sources/npm-packument.ts';
import { npmPackageToCandidate } from '../../../crawlers/sources/npm-source.ts';
import { buildSeedList, guessDomain, placeholderEnv } from '../../../crawlers/sources/seed-writer.ts';
import { parseSeedCatalog } from '../../../src/pipeline/seed-catalog.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { fixtureJson, startReplayServer, type ReplayServer } from './replay-server.ts';

const fixture = z
  .object({ packages: z.array(z.object({ expected: z.object({ isServer: z.boolean() }), packument: z.object({ name: z.string() }).loose() })) })
  .parse(fixtureJson('registry/npm-packuments.json'));
const packuments = new Map(fixture.packages.map((p) => [p.packument.name, p.packument]));

function fixtureEntries() {
  return mergeCandidates(
    fixture.packages.map((p) => {
      const parsed = parsePackument(p.packument);
      assert.ok(parsed.ok, p.packument.name);
      return npmPackageToCandidate(parsed.manifest, 'http://127.0.0.1:9');
    }),
  );
}

describe('seed list from discovered servers', () => {
  it('keeps the npm servers at exact versions, leaves out deprecated ones, and passes the seed schema', () => {
    const entries = fixtureEntries();
    const { text, servers, left } = buildSeedList(entries);
    const judged = new Set(entries.filter((e) => e.verdict?.isServer === true && e.verdict.deprecated !== true).map((e) => e.npmPackage));
    assert.deepEqual(new Set(servers.map((s) => s.package)), judged);
    assert.ok(servers.length >= 10);
    // The deprecated @modelcontextprotocol/server-github is a server, but not one worth crawling.
    assert.ok(left.some((l) => l.reason === 'deprecated on npm'));
    assert.ok(!servers.some((s) => s.package === '@modelcontextprotocol/server-github'));
    // Libraries, proxies and CLIs never enter the list.
    for (const name of ['@modelcontextprotocol/sdk', 'fastmcp', 'mcp-remote', '@smithery/cli', 'express']) assert.ok(!servers.some((s) => s.package === name), name);
    const catalog = parseSeedCatalog(text, 'generated.json');
    assert.equal(catalog.length, servers.length);
    for (const s of servers) {
      assert.match(s.id, /^[a-z0-9][a-z0-9-]*$/);
      assert.match(s.version ?? '', /^\d+\.\d+\.\d+/);
      assert.deepEqual(s.args, []);
    }
    assert.equal(new Set(servers.map((s) => s.id)).size, servers.length);
    const kube = servers.find((s) => s.package === 'mcp-server-kubernetes');
    assert.equal(kube?.id, 'mcp-server-kubernetes');
    assert.equal(kube?.domain, 'cloud');
  });

  it('guesses domains from the name and description, else "other"', () => {
    assert.equal(guessDomain('@modelcontextprotocol/server-filesystem', 'MCP server for filesystem access'), 'filesystem');
    assert.equal(guessDomain('@benborla29/mcp-server-mysql', 'An MCP server for interacting with MySQL databases'), 'database');
    assert.equal(guessDomain('tavily-mcp', 'MCP server for advanced web search using Tavily'), 'search');
    assert.equal(guessDomain('@modelcontextprotocol/server-memory', 'knowledge graph memory'), 'reference');
    assert.equal(guessDomain('weather-thing', 'forecasts'), 'other');
  });

  it('gives credential variables named in the text a placeholder, never a value from the environment', () => {
    assert.deepEqual(placeholderEnv('Set EXA_API_KEY, and GITHUB_PERSONAL_ACCESS_TOKEN; PATH and API_URL are not secrets'), {
      EXA_API_KEY: 'placeholder',
      GITHUB_PERSONAL_ACCESS_TOKEN: 'placeholder',
    });
    const entries = fixtureEntries();
    const readmes = new Map([['tavily-mcp', 'Run with TAVILY_API_KEY=your-key npx -y tavily-mcp']]);
    const tavily = buildSeedList(entries, readmes).servers.find((s) => s.package === 'tavily-mcp');
    assert.deepEqual(tavily?.env, { TAVILY_API_KEY: 'placeholder' });
  });
});

describe('mcp-risk discover --seed-out', () => {
  let registry: ReplayServer;
  let dir: string;
  before(async () => {
    registry = await startReplayServer((url) => {
      const name = decodeURIComponent(url.pathname.slice(1));
      const doc = packuments.get(name);
      return doc ? { body: doc } : { status: 404, body: {} };
    });
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-risk-seed-out-'));
  });
  after(async () => {
    await registry.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a seed list that `index --seed` accepts', async () => {
    const names = path.join(dir, 'names.txt');
    const out = path.join(dir, 'seeds.json');
    await writeFile(names, ['mcp-server-kubernetes', 'tavily-mcp', '@modelcontextprotocol/sdk', 'mcp-remote', 'no-such-package'].join('\n'));
    const result = await runCli(['discover', '--source', 'npm', '--names', names, '--npm-registry', registry.baseUrl, '--seed-out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /wrote 2 servers to /);
    const catalog = parseSeedCatalog(await readFile(out, 'utf8'), out);
    assert.deepEqual(catalog.map((c) => [c.id, c.launch.npmPackage]), [
      ['mcp-server-kubernetes', 'mcp-server-kubernetes'],
      ['tavily-mcp', 'tavily-mcp'],
    ]);
  });
});

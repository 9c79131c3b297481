import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { classifyNpmPackage } from '../../../crawlers/sources/classify-npm-package.ts';
import { packumentUrl, parsePackument } from '../../../crawlers/sources/npm-packument.ts';
import { npmSearch, parseNamesList } from '../../../crawlers/sources/npm-search.ts';
import { npmSource } from '../../../crawlers/sources/npm-source.ts';
import { drain, fixtureJson, startReplayServer, type ReplayServer } from './replay-server.ts';

const FAST = { baseDelayMs: 5, maxDelayMs: 20 };
const fixture = z
  .object({ packages: z.array(z.object({ expected: z.object({ isServer: z.boolean() }), packument: z.object({ name: z.string() }).loose() })) })
  .parse(fixtureJson('registry/npm-packuments.json'));
const packuments = new Map(fixture.packages.map((p) => [p.packument.name, p.packument]));
const search = z.object({ objects: z.array(z.unknown()), total: z.number() }).loose().parse(fixtureJson('registry/npm-search-mcp-server.json'));

describe('npm search', () => {
  let server: ReplayServer;
  before(async () => {
    server = await startReplayServer((url) => {
      if (url.pathname !== '/-/v1/search') return { status: 404, body: { error: 'not found' } };
      const from = Number(url.searchParams.get('from') ?? 0);
      const size = Number(url.searchParams.get('size') ?? 20);
      // Only keywords:mcp-server has recorded results; other keywords answer an empty page.
      const objects = url.searchParams.get('text') === 'keywords:mcp-server' ? search.objects.slice(from, from + size) : [];
      return { body: { objects, total: url.searchParams.get('text') === 'keywords:mcp-server' ? search.total : 0, time: search['time'] } };
    });
  });
  after(() => server.close());

  it('pages with from/size, skips a malformed result with its reason, and dedupes across keywords', async () => {
    const events = await drain(npmSearch({ baseUrl: server.baseUrl, keywords: ['mcp-server', 'mcp'], pageSize: 2 }));
    const hits = events.flatMap((e) => (e.type === 'hit' ? [e.hit.name] : []));
    assert.deepEqual(hits, ['@acme-labs/weather-mcp', 'mcp-server-kubernetes', 'mcp-proxy', 'tavily-mcp', '@benborla29/mcp-server-mysql']);
    const skipped = events.flatMap((e) => (e.type === 'skipped' ? [e] : []));
    assert.equal(skipped.length, 1);
    assert.match(skipped[0]?.reason ?? '', /expected string/);
    const fromValues = server.requests.filter((r) => r.url.searchParams.get('text') === 'keywords:mcp-server').map((r) => r.url.searchParams.get('from'));
    assert.deepEqual(fromValues, ['0', '2', '4']);
    assert.ok(server.requests.some((r) => r.url.searchParams.get('text') === 'keywords:mcp'));
  });

  it('reports a registry without search (404) as one skipped line', async () => {
    const none = await startReplayServer(() => ({ status: 404, body: {} }));
    try {
      const events = await drain(npmSearch({ baseUrl: none.baseUrl }));
      assert.equal(events.length, 1);
      assert.match(events[0]?.type === 'skipped' ? events[0].reason : '', /--names/);
    } finally {
      await none.close();
    }
  });
});

describe('packuments and the server rule', () => {
  it('parses the latest manifest: bins, dependencies, keywords given as a string, repository, deprecation', () => {
    const heroku = parsePackument(packuments.get('@heroku/mcp-server'));
    assert.ok(heroku.ok);
    assert.deepEqual(heroku.manifest.bins, ['heroku-mcp-server']);
    assert.deepEqual(heroku.manifest.keywords, ['heroku', 'mcp', 'server']);
    assert.equal(heroku.manifest.repository, 'github:heroku/heroku-mcp-server');
    assert.equal(heroku.manifest.version, '1.0.7');
    const github = parsePackument(packuments.get('@modelcontextprotocol/server-github'));
    assert.ok(github.ok);
    assert.match(github.manifest.deprecated ?? '', /no longer supported/);
    assert.equal(parsePackument({ name: 'x', 'dist-tags': {}, versions: {} }).ok, false);
    assert.equal(parsePackument('nonsense').ok, false);
  });

  it('tells servers from SDKs, frameworks, clients, proxies and templates on 30 realistic packuments', () => {
    assert.ok(fixture.packages.length >= 20);
    const wrong: string[] = [];
    for (const p of fixture.packages) {
      const parsed = parsePackument(p.packument);
      assert.ok(parsed.ok, p.packument.name);
      const verdict = classifyNpmPackage(parsed.manifest);
      assert.ok(verdict.reasons.length >= 2, 'every verdict explains itself');
      assert.ok(verdict.confidence >= 0.5 && verdict.confidence <= 0.95);
      if (verdict.isServer !== p.expected.isServer) wrong.push(`${p.packument.name}: ${verdict.reasons.join('; ')}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('flags a deprecated server and keeps it a server', () => {
    const parsed = parsePackument(packuments.get('@modelcontextprotocol/server-github'));
    assert.ok(parsed.ok);
    const verdict = classifyNpmPackage(parsed.manifest);
    assert.equal(verdict.isServer, true);
    assert.equal(verdict.deprecated, true);
  });

  it('encodes scoped names in packument URLs', () => {
    assert.equal(packumentUrl('https://registry.npmjs.org/', '@scope/name'), 'https://registry.npmjs.org/@scope%2Fname');
    assert.equal(packumentUrl('https://registry.npmjs.org', 'plain'), 'https://registry.npmjs.org/plain');
  });

  it('reads a names file: comments, blanks, versions, duplicates, bad lines', () => {
    const { names, invalid } = parseNamesList('# header\n\n@Scope/Pkg@1.2.3\nplain-mcp # trailing comment\nplain-mcp\nnot a name\n');
    assert.deepEqual(names, ['@scope/pkg', 'plain-mcp']);
    assert.deepEqual(invalid, [{ line: 6, text: 'not a name' }]);
  });
});

describe('npm source over a loopback registry', () => {
  let server: ReplayServer;
  let inFlight = 0;
  let maxInFlight = 0;
  before(async () => {
    server = await startReplayServer(async (url) => {
      const name = decodeURIComponent(url.pathname.slice(1));
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Yield to the event loop so concurrent requests overlap.
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      if (name === 'flaky-mcp') return { status: 500, body: {} };
      const doc = packuments.get(name);
      return doc ? { body: doc } : { status: 404, body: { error: 'Not found' } };
    });
  });
  after(() => server.close());

  it('looks up every name with bounded concurrency, yields verdicts, and reports missing ones', async () => {
    const names = [...packuments.keys(), 'does-not-exist-mcp', 'flaky-mcp'];
    const events = await drain(npmSource({ baseUrl: server.baseUrl, names, concurrency: 3, retry: { ...FAST, attempts: 2 } }));
    const candidates = events.flatMap((e) => (e.type === 'candidate' ? [e.candidate] : []));
    const skipped = events.flatMap((e) => (e.type === 'skipped' ? [e.skipped] : []));
    assert.equal(candidates.length, packuments.size);
    assert.ok(maxInFlight <= 3, `max in flight ${maxInFlight}`);
    assert.deepEqual(skipped.map((s) => s.ref).sort(), ['does-not-exist-mcp', 'flaky-mcp']);
    assert.match(skipped.find((s) => s.ref === 'flaky-mcp')?.reason ?? '', /gave up after 2 attempts/);
    const fs = candidates.find((c) => c.npmPackage === '@modelcontextprotocol/server-filesystem');
    assert.equal(fs?.verdict?.isServer, true);
    assert.deepEqual(fs?.launches[0]?.launch, { transport: 'stdio', npmPackage: '@modelcontextprotocol/server-filesystem', npmVersion: '2025.8.21', args: [], env: {} });
    assert.equal(fs?.repository, 'https://github.com/modelcontextprotocol/servers');
    assert.equal(candidates.find((c) => c.npmPackage === 'fastmcp')?.verdict?.isServer, false);
    // Several bins: the one named like the package or mentioning MCP is chosen.
    assert.equal(candidates.find((c) => c.npmPackage === 'mcp-remote')?.launches[0]?.launch.bin, 'mcp-remote');
  });
});

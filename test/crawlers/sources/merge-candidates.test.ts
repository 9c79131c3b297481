import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { normalizeGitHubUrl, normalizeNpmName, normalizeRegistryName } from '../../../crawlers/sources/candidate-keys.ts';
import type { DiscoveredCandidate, DiscoveryEvent } from '../../../crawlers/sources/discovered-candidate.ts';
import { htmlDirectorySource } from '../../../crawlers/sources/html-directory-source.ts';
import { mergeCandidates, toServerCandidate } from '../../../crawlers/sources/merge-candidates.ts';
import { npmPackageToCandidate } from '../../../crawlers/sources/npm-source.ts';
import { registrySource } from '../../../crawlers/sources/registry-source.ts';
import { seedSource } from '../../../crawlers/sources/seed-source.ts';
import { drain, FIXTURES, fixtureJson, fixtureText, startReplayServer } from './replay-server.ts';

const candidatesOf = (events: DiscoveryEvent[]): DiscoveredCandidate[] => events.flatMap((e) => (e.type === 'candidate' ? [e.candidate] : []));

describe('key normalisation', () => {
  it('normalises npm names, GitHub URLs and registry names', () => {
    assert.equal(normalizeNpmName('@Scope/Name@1.2.3'), '@scope/name');
    assert.equal(normalizeNpmName('plain@^2'), 'plain');
    assert.equal(normalizeNpmName('not a name'), undefined);
    for (const url of [
      'https://github.com/Owner/Repo.git',
      'git+https://github.com/Owner/Repo.git',
      'https://github.com/owner/repo/tree/main/src/x',
      'git@github.com:Owner/Repo.git',
      'github:owner/repo',
      'https://www.github.com/owner/repo#readme',
    ]) {
      assert.equal(normalizeGitHubUrl(url), 'github.com/owner/repo', url);
    }
    assert.equal(normalizeGitHubUrl('https://gitlab.com/owner/repo'), undefined);
    assert.equal(normalizeRegistryName('io.github.Owner/Name'), 'io.github.owner/name');
  });
});

describe('merge across sources', () => {
  it('joins registry, npm, seed and directory records of one server and keeps every provenance', async () => {
    const pages = [1, 2, 3].map((n) => fixtureJson(`registry/registry-page-${n}.json`));
    const server = await startReplayServer((url) => ({ body: pages[url.searchParams.get('cursor') === null ? 0 : url.searchParams.get('cursor')?.startsWith('com.example') ? 1 : 2] }));
    try {
      const registry = candidatesOf(await drain(registrySource({ baseUrl: server.baseUrl, retry: { baseDelayMs: 5 } })));
      const seeds = candidatesOf(await drain(seedSource({ file: path.join(FIXTURES, '..', '..', 'data', 'seeds', 'servers.json') })));
      const awesome = candidatesOf(await drain(htmlDirectorySource({ html: fixtureText('pages/awesome-mcp-servers.html'), pageUrl: 'https://github.com/example-org/awesome-mcp-servers' })));
      const directory = candidatesOf(await drain(htmlDirectorySource({ html: fixtureText('pages/directory-listing.html'), pageUrl: 'https://directory.example.com/servers' })));
      const npm = [
        npmPackageToCandidate({ name: '@acme-labs/weather-mcp', version: '1.4.3', description: 'MCP server for the Acme weather API', keywords: ['mcp'], bins: ['weather-mcp'], dependencies: { '@modelcontextprotocol/sdk': '^1' }, peerDependencies: {}, repository: 'git+https://github.com/Acme-Labs/weather-mcp.git' }),
      ];
      const all = [...seeds, ...registry, ...npm, ...awesome, ...directory];
      const merged = mergeCandidates(all);
      const find = (key: string) => merged.filter((m) => m.keys.includes(key));

      // Weather: registry (exact 1.4.2 + env) + npm (1.4.3, bin) + directory card (bare name) → one entry.
      const weather = find('npm:@acme-labs/weather-mcp');
      assert.equal(weather.length, 1);
      assert.deepEqual([...new Set(weather[0]?.provenance.map((p) => p.source))], ['registry', 'npm', 'html']);
      assert.equal(weather[0]?.registryName, 'io.github.acme-labs/weather');
      assert.equal(weather[0]?.launch?.npmVersion !== undefined, true, 'an exact version beats the bare name');
      assert.equal(weather[0]?.verdict?.isServer, true);
      assert.equal(weather[0]?.name, 'Acme Weather');

      // Filesystem: seed + registry (npm key) + awesome list (repo only, but the monorepo holds several seeds).
      const fsEntries = find('npm:@modelcontextprotocol/server-filesystem');
      assert.equal(fsEntries.length, 1);
      assert.deepEqual([...new Set(fsEntries[0]?.provenance.map((p) => p.source))], ['seed', 'registry']);
      assert.equal(fsEntries[0]?.launch?.npmVersion, '2026.8.31');
      // The monorepo does not collapse distinct servers into one.
      assert.ok(find('npm:@modelcontextprotocol/server-memory').length === 1);
      assert.notEqual(find('npm:@modelcontextprotocol/server-memory')[0]?.id, fsEntries[0]?.id);
      const monorepoOnly = merged.find((m) => m.name === 'modelcontextprotocol/filesystem');
      assert.ok(monorepoOnly?.notes.some((n) => n.includes('several known servers')));

      // Kubernetes: the awesome list (repo only) and the directory card (npm + repo /tree/main/src) join by repo.
      const k8s = find('repo:github.com/flux159/mcp-server-kubernetes');
      assert.equal(k8s.length, 1);
      assert.deepEqual(k8s[0]?.provenance.filter((p) => p.source === 'html').length, 2);
      assert.equal(k8s[0]?.npmPackage, 'mcp-server-kubernetes');

      // PyPI server: registry + awesome list by repository (.git stripped).
      const pg = find('repo:github.com/dbtools/postgres-inspect');
      assert.equal(pg.length, 1);
      assert.equal(pg[0]?.runtime, 'pypi');

      // Remote from the registry and from a directory card's mcp-remote command.
      const notes = find('remote:https://mcp.notes.example.com/mcp');
      assert.equal(notes.length, 1);
      assert.equal(notes[0]?.provenance.length, 2);

      // Deterministic: same input, same output; ids unique.
      assert.deepEqual(mergeCandidates(all), merged);
      assert.equal(new Set(merged.map((m) => m.id)).size, merged.length);
      assert.equal(toServerCandidate(weather[0]!)?.launch.npmPackage, '@acme-labs/weather-mcp');
    } finally {
      await server.close();
    }
  });

  it('links a weak repo key only when the records do not contradict each other', () => {
    const base = { runtime: 'npm' as const, notes: [], launches: [], repository: 'https://github.com/org/monorepo' };
    const merged = mergeCandidates([
      { ...base, name: 'a', npmPackage: 'pkg-a', provenance: [{ source: 'npm', ref: 'pkg-a' }] },
      { ...base, name: 'b', npmPackage: 'pkg-b', provenance: [{ source: 'npm', ref: 'pkg-b' }] },
      { ...base, name: 'c', runtime: 'unknown', provenance: [{ source: 'html', ref: 'page#1' }] },
    ]);
    assert.equal(merged.length, 3);
  });
});

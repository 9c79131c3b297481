import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiscoveredCandidate, DiscoveryEvent } from '../../../crawlers/sources/discovered-candidate.ts';
import { npmNamesFromCommands } from '../../../crawlers/sources/extract-package-refs.ts';
import { detectLayout, htmlDirectorySource } from '../../../crawlers/sources/html-directory-source.ts';
import { drain, fixtureText, startReplayServer } from './replay-server.ts';

const awesome = fixtureText('pages/awesome-mcp-servers.html');
const directory = fixtureText('pages/directory-listing.html');

const candidatesOf = (events: DiscoveryEvent[]): DiscoveredCandidate[] => events.flatMap((e) => (e.type === 'candidate' ? [e.candidate] : []));

describe('awesome-list README (GitHub-rendered)', () => {
  it('reads items under their category headings, with repos, npm names and descriptions', async () => {
    const events = await drain(htmlDirectorySource({ html: awesome, pageUrl: 'https://github.com/example-org/awesome-mcp-servers' }));
    const candidates = candidatesOf(events);
    assert.equal(detectLayout(awesome), 'awesome-list');
    assert.deepEqual(candidates.map((c) => c.name), [
      'microsoft/playwright-mcp',
      'example-dev/browser-pilot',
      'nanotools/page-fetch',
      'benborla/mcp-server-mysql',
      'modelcontextprotocol/filesystem',
      'dbtools/postgres-inspect',
      'dbtools/postgres-inspect-ui',
      'Flux159/mcp-server-kubernetes',
      'tavily-mcp',
    ]);
    const pilot = candidates[1];
    assert.equal(pilot?.npmPackage, '@example-dev/browser-pilot', 'from the npx command, version stripped');
    assert.equal(pilot?.repository, 'https://github.com/example-dev/browser-pilot', '.git and case normalised');
    assert.equal(pilot?.description, 'Headless Chrome control with cookie isolation.');
    assert.equal(pilot?.category, '🌐 Browser Automation');
    assert.equal(candidates[0]?.description, "Drive a browser through Playwright's accessibility snapshots instead of screenshots.");
    assert.equal(candidates[3]?.npmPackage, '@benborla29/mcp-server-mysql', 'from the npm link');
    assert.equal(candidates[4]?.repository, 'https://github.com/modelcontextprotocol/servers', '/tree/main/… cut to the repository');
    assert.equal(candidates[7]?.description, 'Kubernetes cluster operations through kubectl: pods, deployments, logs.');
    assert.equal(candidates[8]?.repository, undefined);
    assert.equal(candidates[8]?.runtime, 'npm');
    // The table of contents is not a list of servers; a link-less item and a blog link are reported.
    const skipped = events.flatMap((e) => (e.type === 'skipped' ? [e.skipped.reason] : []));
    assert.ok(skipped.some((r) => r.includes('"Some Blog Post": no GitHub repository or npm link')));
    assert.ok(!candidates.some((c) => c.name === 'Browser Automation'));
  });
});

describe('directory site listing page', () => {
  it('reads cards: name, description, tags, repo, npm from the install command, remote from mcp-remote', async () => {
    const events = await drain(htmlDirectorySource({ html: directory, pageUrl: 'https://directory.example.com/servers' }));
    const candidates = candidatesOf(events);
    assert.equal(detectLayout(directory), 'directory');
    assert.deepEqual(candidates.map((c) => [c.name, c.npmPackage ?? null, c.repository ?? null, c.remoteUrl ?? null]), [
      ['Acme Weather', '@acme-labs/weather-mcp', 'https://github.com/acme-labs/weather-mcp', null],
      ['Kubernetes', 'mcp-server-kubernetes', 'https://github.com/flux159/mcp-server-kubernetes', null],
      ['Notes (hosted)', null, null, 'https://mcp.notes.example.com/mcp'],
      ['Sheets', '@sheetsco/sheets-mcp', 'https://github.com/sheetsco/sheets-mcp', null],
    ]);
    assert.equal(candidates[0]?.category, 'Weather, Official');
    assert.equal(candidates[0]?.provenance[0]?.url, 'https://directory.example.com/servers/acme-weather');
    // Page text is data: an escaped script stays text, never markup.
    assert.equal(candidates[3]?.description, 'Spreadsheet reading and writing <script>alert(1)</script> for agents.');
    assert.equal(candidates[2]?.runtime, 'remote');
  });

  it('fetches a live page from a URL', async () => {
    const server = await startReplayServer(() => ({ body: directory }));
    try {
      const candidates = candidatesOf(await drain(htmlDirectorySource({ url: `${server.baseUrl}/servers`, retry: { baseDelayMs: 5 } })));
      assert.equal(candidates.length, 4);
      assert.equal(candidates[0]?.provenance[0]?.url, `${server.baseUrl}/servers/acme-weather`);
    } finally {
      await server.close();
    }
  });

  it('finds npm names in install commands, not in flags or mcp-remote', () => {
    assert.deepEqual(npmNamesFromCommands('npx -y @scope/pkg@latest --port 3000'), ['@scope/pkg']);
    assert.deepEqual(npmNamesFromCommands('npm install -g mcp-server-x && pnpm dlx other-mcp'), ['mcp-server-x', 'other-mcp']);
    assert.deepEqual(npmNamesFromCommands('npx mcp-remote https://example.com/mcp'), []);
  });
});

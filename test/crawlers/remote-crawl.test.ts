import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crawlServer } from '../../crawlers/crawl-server.ts';
import type { ServerCandidate } from '../../src/types.ts';
import { testCrawlOptions } from '../helpers/fixture-servers.ts';
import { startHttpFixture, type RunningFixture } from '../helpers/start-http-fixture.ts';

function remote(id: string, url: string): ServerCandidate {
  return { id, name: id, source: 'test', launch: { transport: 'streamable-http', url, args: [], env: {} } };
}

describe('crawling remote servers on 127.0.0.1', () => {
  const running: RunningFixture[] = [];
  let http: RunningFixture;
  let sse: RunningFixture;
  let auth: RunningFixture;
  before(async () => {
    [http, sse, auth] = await Promise.all([
      startHttpFixture('http-server.mjs'),
      startHttpFixture('sse-only-server.mjs'),
      startHttpFixture('http-server.mjs', { FIXTURE_REQUIRE_AUTH: '1' }),
    ]);
    running.push(http, sse, auth);
  });
  after(async () => {
    await Promise.all(running.map((r) => r.stop()));
  });

  it('lists tools over streamable HTTP', async () => {
    const result = await crawlServer(remote('http', `http://127.0.0.1:${http.port}/mcp`), testCrawlOptions());
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.tools.length, 3);
    assert.ok(result.protocolVersion);
  });

  it('falls back to SSE for a server that only speaks the legacy transport', async () => {
    const result = await crawlServer(remote('sse', `http://127.0.0.1:${sse.port}/sse`), testCrawlOptions());
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.tools.length, 2);
  });

  it('records a server that wants credentials as auth_required', async () => {
    const result = await crawlServer(remote('auth', `http://127.0.0.1:${auth.port}/mcp`), testCrawlOptions());
    assert.equal(result.status, 'auth_required', `${result.status}: ${result.error}`);
  });
});

describe('credentials for remote servers', () => {
  it('come from the environment through the seed file, reach the server, and are never stored', async () => {
    const { parseSeedCatalog } = await import('../../src/pipeline/seed-catalog.ts');
    const { storableLaunch } = await import('../../src/db/servers-repo.ts');
    const fixture = await startHttpFixture('http-server.mjs', { FIXTURE_AUTH_TOKEN: 's3cret-value' });
    try {
      const seed = JSON.stringify({
        servers: [
          {
            id: 'remote-auth',
            name: 'Remote with auth',
            domain: 'other',
            url: `http://127.0.0.1:${fixture.port}/mcp`,
            headers: { Authorization: 'Bearer ${TEST_REMOTE_TOKEN}' },
          },
        ],
      });
      const [withToken] = parseSeedCatalog(seed, 'seed.json', (name) => (name === 'TEST_REMOTE_TOKEN' ? 's3cret-value' : undefined));
      const [without] = parseSeedCatalog(seed, 'seed.json');
      assert.ok(withToken && without);
      const ok = await crawlServer(withToken, testCrawlOptions());
      assert.equal(ok.status, 'ok', ok.error);
      const denied = await crawlServer(without, testCrawlOptions());
      assert.equal(denied.status, 'auth_required');
      const stored = JSON.stringify(storableLaunch(withToken.launch));
      assert.doesNotMatch(stored, /s3cret-value/);
      assert.match(stored, /"headerNames":\["Authorization"\]/);
    } finally {
      await fixture.stop();
    }
  });
});

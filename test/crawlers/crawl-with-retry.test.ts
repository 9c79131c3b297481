import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { crawlWithRetry } from '../../crawlers/crawl-with-retry.ts';
import { HostLimiter } from '../../src/pipeline/host-limiter.ts';
import type { ServerCandidate } from '../../src/types.ts';
import { fixtureCandidate, testCrawlOptions } from '../helpers/fixture-servers.ts';
import { startHttpFixture, type RunningFixture } from '../helpers/start-http-fixture.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

function remote(url: string): ServerCandidate {
  return { id: 'remote', name: 'remote', source: 'test', launch: { transport: 'streamable-http', url, args: [], env: {} } };
}

describe('retrying transient failures', () => {
  it('retries a remote server that refused the first connection, and lists it once it is up', async () => {
    const port = await freePort();
    let fixture: RunningFixture | undefined;
    let starting: Promise<RunningFixture> | undefined;
    try {
      const result = await crawlWithRetry(remote(`http://127.0.0.1:${port}/mcp`), testCrawlOptions(), {
        attempts: 3,
        baseDelayMs: 1500,
        onRetry: () => {
          starting ??= startHttpFixture('http-server.mjs', { PORT: String(port) });
        },
      });
      fixture = await starting;
      assert.ok(fixture, 'the first attempt should have failed and been retried');
      assert.equal(result.status, 'ok', result.error);
      assert.equal(result.tools.length, 3);
    } finally {
      await (fixture ?? (await starting))?.stop();
    }
  });

  it('never retries a permanent failure', async () => {
    let retries = 0;
    const result = await crawlWithRetry(fixtureCandidate('crash-at-start.mjs'), testCrawlOptions(), { baseDelayMs: 10, onRetry: () => (retries += 1) });
    assert.equal(result.status, 'crashed');
    assert.equal(retries, 0);
  });
});

describe('per-host limits', () => {
  it('runs at most N crawls of one host at once, and other hosts beside them', async () => {
    const limiter = new HostLimiter(2);
    const running = new Map<string, number>();
    const peak = new Map<string, number>();
    const job = (host: string) => async () => {
      running.set(host, (running.get(host) ?? 0) + 1);
      peak.set(host, Math.max(peak.get(host) ?? 0, running.get(host) ?? 0));
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      running.set(host, (running.get(host) ?? 0) - 1);
    };
    const tasks = [];
    for (let i = 0; i < 6; i += 1) {
      tasks.push(limiter.run(remote('http://a.example.invalid/mcp'), job('a')));
      tasks.push(limiter.run(remote('http://b.example.invalid/mcp'), job('b')));
    }
    await Promise.all(tasks);
    assert.equal(peak.get('a'), 2);
    assert.equal(peak.get('b'), 2);
  });
});

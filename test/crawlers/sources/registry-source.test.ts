import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseRetryAfter } from '../../../crawlers/sources/fetch-with-retry.ts';
import { registrySource } from '../../../crawlers/sources/registry-source.ts';
import type { DiscoveredCandidate, DiscoveryEvent, SkippedRecord } from '../../../crawlers/sources/discovered-candidate.ts';
import { drain, fixtureJson, startReplayServer, type ReplayServer } from './replay-server.ts';

const FAST = { baseDelayMs: 5, maxDelayMs: 20 };
const pages = [1, 2, 3].map((n) => fixtureJson(`registry/registry-page-${n}.json`));

/** Serves page 1 without a cursor, then the page whose predecessor's nextCursor was passed. */
function pageFor(url: URL): unknown {
  const cursor = url.searchParams.get('cursor');
  if (cursor === null) return pages[0];
  if (cursor === 'com.example/notes:2.0.0') return pages[1];
  if (cursor === 'io.github.boxcorp/containers:3.1.0') return pages[2];
  return { servers: [], metadata: { count: 0 } };
}

function split(events: DiscoveryEvent[]): { candidates: DiscoveredCandidate[]; skipped: SkippedRecord[] } {
  return {
    candidates: events.flatMap((e) => (e.type === 'candidate' ? [e.candidate] : [])),
    skipped: events.flatMap((e) => (e.type === 'skipped' ? [e.skipped] : [])),
  };
}

describe('registry source', () => {
  let server: ReplayServer;
  before(async () => {
    server = await startReplayServer((url) => (url.pathname === '/v0.1/servers' ? { body: pageFor(url) } : { status: 404, body: { title: 'Not Found' } }));
  });
  after(() => server.close());

  it('pages through three pages with the cursor, keeping good records and skipping malformed ones with reasons', async () => {
    const { candidates, skipped } = split(await drain(registrySource({ baseUrl: server.baseUrl, pageSize: 3, retry: FAST })));
    const listRequests = server.requests.filter((r) => r.path === '/v0.1/servers');
    assert.deepEqual(listRequests.map((r) => r.url.searchParams.get('cursor')), [null, 'com.example/notes:2.0.0', 'io.github.boxcorp/containers:3.1.0']);
    assert.equal(listRequests[0]?.url.searchParams.get('limit'), '3');
    assert.deepEqual(candidates.map((c) => c.registryName), [
      'io.github.acme-labs/weather',
      'com.example/notes',
      'io.github.dbtools/postgres-inspect',
      'io.github.boxcorp/containers',
      'io.github.modelcontextprotocol/filesystem',
    ]);
    assert.equal(skipped.length, 2);
    assert.match(skipped[0]?.reason ?? '', /field "server\.name": must be a reverse-DNS name/);
    assert.equal(skipped[0]?.ref, 'not a valid name (page 2)');
    assert.match(skipped[1]?.reason ?? '', /field "server\.version"/);
  });

  it('maps npm, remote, PyPI and OCI records to launches', async () => {
    const { candidates } = split(await drain(registrySource({ baseUrl: server.baseUrl, retry: FAST })));
    const byName = new Map(candidates.map((c) => [c.registryName, c]));
    const weather = byName.get('io.github.acme-labs/weather');
    assert.equal(weather?.runtime, 'npm');
    assert.deepEqual(weather?.launches[0]?.launch, { transport: 'stdio', npmPackage: '@acme-labs/weather-mcp', npmVersion: '1.4.2', args: [], env: { ACME_WEATHER_API_KEY: 'placeholder' } });
    assert.equal(weather?.repository, 'https://github.com/acme-labs/weather-mcp');
    const notes = byName.get('com.example/notes');
    assert.equal(notes?.runtime, 'remote');
    assert.deepEqual(notes?.launches.map((l) => [l.launch.transport, l.launch.url]), [['streamable-http', 'https://mcp.notes.example.com/mcp'], ['sse', 'https://mcp.notes.example.com/sse']]);
    const pg = byName.get('io.github.dbtools/postgres-inspect');
    assert.equal(pg?.runtime, 'pypi');
    assert.equal(pg?.launches[0]?.note, 'runtime uvx: uvx postgres-inspect-mcp==0.9.1');
    assert.equal(byName.get('io.github.boxcorp/containers')?.runtime, 'oci');
  });

  it('stops at the limit', async () => {
    const { candidates } = split(await drain(registrySource({ baseUrl: server.baseUrl, limit: 2, retry: FAST })));
    assert.equal(candidates.length, 2);
  });
});

describe('registry source: transient failures', () => {
  it('retries a 5xx with backoff and then succeeds', async () => {
    const server = await startReplayServer((_url, _req, index) => (index < 2 ? { status: 503, body: { title: 'Service Unavailable' } } : { body: pages[2] }));
    try {
      const retries: number[] = [];
      const events = await drain(registrySource({ baseUrl: server.baseUrl, retry: { ...FAST, onRetry: (r) => retries.push(r.waitMs) } }));
      assert.equal(server.requests.length, 3);
      assert.equal(retries.length, 2);
      assert.ok((retries[1] ?? 0) >= (retries[0] ?? 0), 'backoff grows');
      assert.equal(split(events).candidates.length, 1);
    } finally {
      await server.close();
    }
  });

  it('gives up after the bounded number of attempts', async () => {
    const server = await startReplayServer(() => ({ status: 502, body: {} }));
    try {
      await assert.rejects(drain(registrySource({ baseUrl: server.baseUrl, retry: { ...FAST, attempts: 3 } })), /gave up after 3 attempts \(HTTP 502\)/);
      assert.equal(server.requests.length, 3);
    } finally {
      await server.close();
    }
  });

  it('honours 429 Retry-After (seconds): the next request waits that long', async () => {
    const server = await startReplayServer((_url, _req, index) => (index === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: {} } : { body: pages[2] }));
    try {
      const events = await drain(registrySource({ baseUrl: server.baseUrl, retry: FAST }));
      const [first, second] = server.requests;
      assert.ok(first && second);
      assert.ok(second.at - first.at >= 950, `waited ${Math.round(second.at - first.at)} ms, expected ≥ 1000`);
      assert.equal(split(events).candidates.length, 1);
    } finally {
      await server.close();
    }
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('Mon, 24 Nov 2026 10:00:00 GMT');
    assert.equal(parseRetryAfter('7', now), 7000);
    assert.equal(parseRetryAfter('Mon, 24 Nov 2026 10:00:03 GMT', now), 3000);
    assert.equal(parseRetryAfter('Mon, 24 Nov 2026 09:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
  });

  it('reads the older /v0 flat record shape', async () => {
    const flat = { servers: [{ name: 'io.github.old/server', description: 'Old shape', version: '0.1.0', packages: [{ registryType: 'npm', identifier: 'old-mcp', version: '0.1.0' }] }], metadata: { next_cursor: null } };
    const server = await startReplayServer((url) => (url.pathname === '/v0/servers' ? { body: flat } : { status: 404, body: {} }));
    try {
      const { candidates } = split(await drain(registrySource({ baseUrl: server.baseUrl, apiVersion: 'v0', retry: FAST })));
      assert.equal(candidates[0]?.npmPackage, 'old-mcp');
    } finally {
      await server.close();
    }
  });

  it('stops on a cursor that repeats', async () => {
    const server = await startReplayServer(() => ({ body: { servers: [], metadata: { nextCursor: 'same' } } }));
    try {
      const { skipped } = split(await drain(registrySource({ baseUrl: server.baseUrl, retry: FAST })));
      assert.match(skipped[0]?.reason ?? '', /repeats/);
      assert.equal(server.requests.length, 2);
    } finally {
      await server.close();
    }
  });
});

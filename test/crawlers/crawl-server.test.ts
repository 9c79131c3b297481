import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { crawlServer } from '../../crawlers/crawl-server.ts';
import { namespacesSupported } from '../../crawlers/transports/isolated-stdio-transport.ts';
import { fixtureCandidate, memoryServerCandidate, testCrawlOptions } from '../helpers/fixture-servers.ts';

describe('crawling a server over stdio', () => {
  it('lists a public npm server (a dev dependency) with its server info', async () => {
    const result = await crawlServer(memoryServerCandidate(), testCrawlOptions());
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.tools.length, 9);
    assert.ok(result.tools.some((t) => t.name === 'read_graph'));
    assert.equal(result.serverName, 'memory-server');
    assert.ok(result.protocolVersion);
  });

  it('follows nextCursor across pages', async () => {
    const result = await crawlServer(fixtureCandidate('paginated-server.mjs'), testCrawlOptions());
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.tools.length, 15);
  });

  it('stops an endless cursor at the page cap and keeps what it listed', async () => {
    const result = await crawlServer(fixtureCandidate('endless-cursor.mjs'), testCrawlOptions({ maxPages: 10 }));
    assert.equal(result.status, 'ok');
    assert.equal(result.tools.length, 20);
    assert.match(result.error ?? '', /page cap/);
  });

  it('drops a malformed tool with its reason and keeps the good ones', async () => {
    const result = await crawlServer(fixtureCandidate('malformed-tool.mjs'), testCrawlOptions());
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.tools.length, 3);
    assert.ok(result.droppedTools.length >= 1);
    assert.ok(result.droppedTools.every((d) => d.reason.length > 0));
  });

  it('records a crash at start with the stderr tail', async () => {
    const result = await crawlServer(fixtureCandidate('crash-at-start.mjs'), testCrawlOptions());
    assert.equal(result.status, 'crashed');
    assert.match(result.stderrTail, /fatal: missing config/);
  });

  it('records a crash in the middle of listing', async () => {
    const result = await crawlServer(fixtureCandidate('crash-mid-list.mjs'), testCrawlOptions());
    assert.equal(result.status, 'crashed');
  });

  it('times out a server that never answers, and kills it even if it ignores SIGTERM', async () => {
    const started = Date.now();
    const result = await crawlServer(
      fixtureCandidate('never-answers.mjs', { env: { FIXTURE_IGNORE_SIGTERM: '1' } }),
      testCrawlOptions({ timeoutMs: 1500 }),
    );
    assert.equal(result.status, 'timeout');
    assert.ok(Date.now() - started < 10_000);
  });

  it('lists 5,000 tools', async () => {
    const result = await crawlServer(fixtureCandidate('huge-server.mjs'), testCrawlOptions());
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.tools.length, 5000);
  });

  it('survives a server that floods stderr, keeping a bounded tail', async () => {
    const result = await crawlServer(fixtureCandidate('stderr-flood.mjs', { env: { FIXTURE_STDERR_MB: '100' } }), testCrawlOptions());
    assert.ok(result.stderrTail.length <= 8 * 1024);
    assert.ok(['ok', 'crashed'].includes(result.status), `${result.status}: ${result.error}`);
  });

  it('gives the server a scrubbed environment without our secrets', async () => {
    process.env['MCP_RISK_TEST_SECRET_TOKEN'] = 'should-not-leak';
    try {
      const result = await crawlServer(fixtureCandidate('env-reader.mjs', { env: { SERVICE_API_KEY: 'placeholder' } }), testCrawlOptions());
      assert.equal(result.status, 'ok', result.error);
      const description = result.tools[0]?.description ?? '';
      assert.doesNotMatch(description, /MCP_RISK_TEST_SECRET_TOKEN|DATABASE_URL/);
      assert.match(description, /SERVICE_API_KEY/); // its own placeholder is passed through
      assert.match(description, /mcp-risk-crawl-/); // a temporary working directory
    } finally {
      delete process.env['MCP_RISK_TEST_SECRET_TOKEN'];
    }
  });
});

describe('network isolation', { skip: namespacesSupported() ? false : 'unshare is not available here' }, () => {
  let listener: Server;
  let port = 0;
  before(async () => {
    listener = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const address = listener.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  after(() => {
    listener.close();
  });

  it('a server cannot open a connection, even to a listening loopback port', async () => {
    const candidate = fixtureCandidate('network-attempt.mjs', { env: { FIXTURE_PORT: String(port), FIXTURE_DNS_HOST: '' } });
    const isolated = await crawlServer(candidate, testCrawlOptions());
    assert.equal(isolated.status, 'ok', isolated.error);
    assert.match(isolated.tools[0]?.description ?? '', /network: blocked/);
    // The same server without isolation does connect: the test can fail.
    const open = await crawlServer(candidate, testCrawlOptions({ isolate: false }));
    assert.match(open.tools[0]?.description ?? '', /network: connected/);
  });
});

describe('prompts and resources', () => {
  it('are listed when the server declares them', async () => {
    const result = await crawlServer(fixtureCandidate('good-server.mjs'), testCrawlOptions());
    assert.equal(result.status, 'ok', result.error);
    assert.deepEqual(result.prompts?.map((p) => p.name), ['summarize_notes']);
    assert.deepEqual(result.resources?.map((r) => r.uri), ['notes://index']);
  });
});

describe('failure reasons', () => {
  const inline = (id: string, script: string) => ({
    id,
    name: id,
    source: 'test',
    launch: { transport: 'stdio' as const, command: process.execPath, args: ['-e', script], env: {} },
  });

  it('a server that exits naming a missing credential variable is auth_required', async () => {
    const result = await crawlServer(inline('needs-key', "console.error('Error: BRAVE_API_KEY environment variable is required'); process.exit(1)"), testCrawlOptions());
    assert.equal(result.status, 'auth_required', result.error);
    assert.match(result.error ?? '', /BRAVE_API_KEY/);
  });

  it('a syntax error is a crash, not a credentials problem', async () => {
    const result = await crawlServer(inline('syntax', "console.error('SyntaxError: Invalid or unexpected token'); process.exit(1)"), testCrawlOptions());
    assert.equal(result.status, 'crashed', result.error);
  });

  it('a server that prints usage on stdout and exits gives that text as the reason', async () => {
    const result = await crawlServer(inline('usage', "console.log('Usage: my-server <database-url>'); console.log('}'); process.exit(1)"), testCrawlOptions());
    assert.equal(result.status, 'crashed');
    assert.match(result.error ?? '', /Usage: my-server <database-url>/);
  });

  it('a slow server within the timeout is listed', async () => {
    const result = await crawlServer(fixtureCandidate('slow-server.mjs', { env: { FIXTURE_DELAY_MS: '1500' } }), testCrawlOptions({ timeoutMs: 10_000 }));
    assert.equal(result.status, 'ok', result.error);
    assert.ok(result.timings.connectMs !== undefined && result.timings.connectMs >= 1400);
  });
});

describe('servers this machine cannot run', () => {
  it('a PyPI server without uvx on the machine is recorded as unsupported, with the reason', async () => {
    const candidate = { id: 'py', name: 'py', source: 'test', launch: { transport: 'stdio' as const, command: 'uvx-not-installed-here', args: ['mcp-server-time==1.0.0'], env: {} } };
    const result = await crawlServer(candidate, testCrawlOptions());
    assert.equal(result.status, 'unsupported');
    assert.match(result.error ?? '', /needs uvx-not-installed-here, which is not installed/);
  });
});
